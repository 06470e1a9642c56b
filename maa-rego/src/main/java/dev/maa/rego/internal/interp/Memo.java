package dev.maa.rego.internal.interp;

import dev.maa.rego.internal.compile.RuleNode;
import java.util.HashMap;

/**
 * The memo of one evaluation (or of one {@code with} scope): rule values by node, in an open-addressing table
 * hashed by the node's number and compared by identity, and function results by {@link EvalState.CallKey} in a
 * HashMap made on the first call.
 *
 * <p>Why: the rule memo was a HashMap shared with function results, and its probes, entries and resizes were the
 * largest single cost left in an embedded decision; a decision memoises dozens of rules and few calls.
 */
final class Memo {
    private RuleNode[] nodes = new RuleNode[64];
    private Object[] values = new Object[64];
    private int size;
    private HashMap<EvalState.CallKey, Object> calls;

    /** The node's memoised value ({@link EvalState#UNDEFINED} when undefined), or null when not computed yet. */
    Object rule(RuleNode n) {
        int mask = nodes.length - 1;
        for (int i = n.id & mask; ; i = (i + 1) & mask) {
            RuleNode at = nodes[i];
            if (at == n) {
                return values[i];
            }
            if (at == null) {
                return null;
            }
        }
    }

    void putRule(RuleNode n, Object v) {
        if (2 * (size + 1) > nodes.length) {
            RuleNode[] oldNodes = nodes;
            Object[] oldValues = values;
            nodes = new RuleNode[oldNodes.length * 2];
            values = new Object[oldNodes.length * 2];
            size = 0;
            for (int i = 0; i < oldNodes.length; i++) {
                if (oldNodes[i] != null) {
                    putRule(oldNodes[i], oldValues[i]);
                }
            }
        }
        int mask = nodes.length - 1;
        int i = n.id & mask;
        while (nodes[i] != null && nodes[i] != n) {
            i = (i + 1) & mask;
        }
        if (nodes[i] == null) {
            nodes[i] = n;
            size++;
        }
        values[i] = v;
    }

    /** The call's memoised result ({@link EvalState#UNDEFINED} when undefined), or null when not computed yet. */
    Object call(EvalState.CallKey k) {
        return calls == null ? null : calls.get(k);
    }

    void putCall(EvalState.CallKey k, Object v) {
        if (calls == null) {
            calls = new HashMap<>();
        }
        calls.put(k, v);
    }
}

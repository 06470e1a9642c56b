package dev.maa.rego.internal.compile;

import dev.maa.rego.internal.ast.Term;
import dev.maa.rego.value.Value;
import java.util.List;

/**
 * Marks the rules and functions that stop at their first value ({@link RuleNode#earlyExit}), as OPA's evaluator
 * does (its rule index's {@code EarlyExit}, v1/ast/index.go, used by {@code evalFunc} and the complete-rule
 * evaluation in v1/topdown/eval.go): every definition is a complete rule or a function whose head value is a
 * constant, and all are the same constant, {@code else} values included ({@code allow if ...}, {@code f(x) if ...},
 * {@code p := "x" if ...}).
 * Then no further definition, and no further solution of a body, can give another value: OPA evaluates the
 * definitions in order and stops at the first that succeeds (its {@code else} chain included), so neither their
 * work nor their errors happen. A default rule is outside the comparison, as there.
 */
final class EarlyExit {
    private EarlyExit() {}

    static void apply(RuleNode n) {
        if (!n.functions.isEmpty()) {
            n.earlyExit = sameConstant(n.functions);
        } else if (!n.complete.isEmpty() && n.sets.isEmpty() && n.objects.isEmpty()) {
            n.earlyExit = sameConstant(n.complete);
        }
        n.children.values().forEach(EarlyExit::apply);
    }

    private static boolean sameConstant(List<CRule> rules) {
        Value first = null;
        for (CRule r : rules) {
            // the else chain counts too: OPA's index puts each else rule's value into the same comparison
            for (CRule c = r; c != null; c = c.elseRule()) {
                if (!(c.value() instanceof Term.Scalar s) || (first != null && !first.equals(s.value()))) {
                    return false;
                }
                first = s.value();
            }
        }
        return first != null;
    }
}

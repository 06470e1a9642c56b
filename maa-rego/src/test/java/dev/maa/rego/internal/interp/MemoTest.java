package dev.maa.rego.internal.interp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maa.rego.builtins.BuiltinRegistry;
import dev.maa.rego.internal.compile.Compiler;
import dev.maa.rego.internal.compile.RuleNode;
import dev.maa.rego.internal.parser.Parser;
import dev.maa.rego.value.NumberValue;
import dev.maa.rego.value.Value;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-evaluation memo keeps each node's value apart, by identity, through its growth. */
class MemoTest {
    private static List<RuleNode> nodes(int rules) {
        StringBuilder src = new StringBuilder("package t\n");
        for (int i = 0; i < rules; i++) {
            src.append("r").append(i).append(" := ").append(i).append('\n');
        }
        RuleNode root = new Compiler(BuiltinRegistry.standard())
                .compile(List.of(new Parser("t.rego", src.toString()).parseModule()));
        List<RuleNode> out = new ArrayList<>();
        collect(root, out);
        return out;
    }

    private static void collect(RuleNode n, List<RuleNode> out) {
        out.add(n);
        n.children.values().forEach(c -> collect(c, out));
    }

    @Test
    void manyNodes_eachKeepsItsOwnValue_afterGrowth() {
        List<RuleNode> ns = nodes(200);
        Memo m = new Memo();
        for (int i = 0; i < ns.size(); i++) {
            m.putRule(ns.get(i), i % 7 == 0 ? EvalState.UNDEFINED : NumberValue.of(i));
        }
        for (int i = 0; i < ns.size(); i++) {
            Object want = i % 7 == 0 ? EvalState.UNDEFINED : NumberValue.of(i);
            assertThat(m.rule(ns.get(i))).as("node %s", ns.get(i).path).isEqualTo(want);
        }
    }

    @Test
    void nodesOfTwoTreesWithTheSameNumber_doNotShareAValue() {
        RuleNode a = nodes(3).get(2);
        RuleNode b = nodes(3).get(2);
        assertThat(a.id).isEqualTo(b.id);
        Memo m = new Memo();
        m.putRule(a, NumberValue.of(1));
        assertThat(m.rule(b)).isNull();
        m.putRule(b, NumberValue.of(2));
        assertThat(m.rule(a)).isEqualTo(NumberValue.of(1));
        assertThat(m.rule(b)).isEqualTo(NumberValue.of(2));
    }

    @Test
    void calls_areKeyedByNodeAndArgumentValues() {
        RuleNode f = nodes(1).get(0);
        Memo m = new Memo();
        assertThat(m.call(new EvalState.CallKey(f, new Value[] {NumberValue.of(1)})))
                .isNull();
        m.putCall(new EvalState.CallKey(f, new Value[] {NumberValue.of(1)}), NumberValue.of(10));
        assertThat(m.call(new EvalState.CallKey(f, new Value[] {NumberValue.of(1)})))
                .isEqualTo(NumberValue.of(10));
        assertThat(m.call(new EvalState.CallKey(f, new Value[] {NumberValue.of(2)})))
                .isNull();
    }
}

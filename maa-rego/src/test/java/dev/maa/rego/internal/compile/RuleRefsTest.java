package dev.maa.rego.internal.compile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maa.rego.RegoEngine;
import dev.maa.rego.builtins.BuiltinRegistry;
import dev.maa.rego.internal.ast.Term;
import dev.maa.rego.internal.parser.Parser;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code data} references carry the node of the rules they name ({@code Term.Ref.rule}), and evaluating through
 * it answers as walking the tree by name: base data at the rules' path shadows them, {@code with} overrides
 * apply, keys after the rule are followed.
 */
class RuleRefsTest {
    private static final String SRC = "package t\n"
            + "p := {\"a\": 1, \"b\": [2, 3]}\n"
            + "f(x) := x\n"
            + "q := [p, p.b[1], f(1), data.t.p.a, count(data.u)]\n";

    private static final String U = "package u\nv := 1\n";

    @Test
    void referencesToRules_carryTheirNode_functionsAndNamespacesDoNot() {
        RuleNode root = new Compiler(BuiltinRegistry.standard())
                .compile(List.of(new Parser("t.rego", SRC).parseModule(), new Parser("u.rego", U).parseModule()));
        List<Term.Ref> refs =
                AstNodes.all(root.find(List.of("t", "q")).complete.get(0).value(), Term.Ref.class);
        RuleNode p = root.find(List.of("t", "p"));
        assertThat(refs).filteredOn(r -> r.rule() != null).hasSize(3).allSatisfy(r -> {
            assertThat(r.rule()).isSameAs(p);
            assertThat(r.ruleDepth()).isEqualTo(2);
        });
        // data.u (a namespace) is walked by name; f(1) is a call, not a reference
        assertThat(refs).filteredOn(r -> r.rule() == null).hasSize(1);
    }

    @Test
    void resolvedReferences_answerAsTheWalk() {
        RegoEngine e =
                RegoEngine.builder().module("t.rego", SRC).module("u.rego", U).build();
        assertThat(e.prepare("data.t.q").eval(null).value()).hasToString("[{a=1, b=[2, 3]}, 3, 1, 1, 1]");
        assertThat(e.prepare("data.t.q[1]").eval(null).value()).isEqualTo(BigInteger.valueOf(3));
    }

    @Test
    void withOverride_replacesTheRuleForAResolvedReference() {
        RegoEngine e =
                RegoEngine.builder().module("t.rego", SRC).module("u.rego", U).build();
        assertThat(e.prepare("data.t.q[1] with data.t.p as {\"a\": 0, \"b\": [7, 8]}")
                        .eval(null)
                        .value())
                .isEqualTo(BigInteger.valueOf(8));
    }

    @Test
    void baseDocumentAtTheRulesPath_shadowsThemAsInTheWalk() {
        RegoEngine e = RegoEngine.builder()
                .module("t.rego", SRC)
                .module("u.rego", U)
                .data(Map.of("t", Map.of("p", Map.of("a", 9, "b", List.of(5, 6)))))
                .build();
        Object walked = e.prepare("data.t.p").eval(null).value();
        assertThat(walked)
                .isEqualTo(
                        Map.of("a", BigInteger.valueOf(9), "b", List.of(BigInteger.valueOf(5), BigInteger.valueOf(6))));
        assertThat(e.prepare("data.t.q[1]").eval(null).value()).isEqualTo(BigInteger.valueOf(6));
    }
}

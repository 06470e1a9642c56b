package dev.maa.rego.internal.compile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maa.rego.RegoEngine;
import dev.maa.rego.builtins.BuiltinRegistry;
import dev.maa.rego.internal.ast.Term;
import dev.maa.rego.internal.parser.Parser;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The compiler resolves each call to what it denotes, so an evaluation looks up no name per call. */
class ResolvedCallsTest {
    private static final String SRC = "package t\n"
            + "f(x) := x + 1\n"
            + "p := [a, b, c] if {\n"
            + "  a := f(1)\n"
            + "  b := count([1, 2])\n"
            + "  c := 3 in [3]\n"
            + "}\n";

    @Test
    void userFunctionAndBuiltinCalls_carryTheirNodeAndBuiltin() {
        BuiltinRegistry registry = BuiltinRegistry.standard();
        RuleNode root = new Compiler(registry).compile(List.of(new Parser("t.rego", SRC).parseModule()));
        List<Term.Call> calls =
                AstNodes.all(root.find(List.of("t", "p")).complete.get(0).body(), Term.Call.class);

        Term.CallTarget f = target(calls, "f");
        assertThat(f.node()).isSameAs(root.find(List.of("t", "f")));
        Term.CallTarget count = target(calls, "count");
        assertThat(count.fn()).isSameAs(registry.get("count"));
        // membership is the interpreter's own: resolved by name when called
        Term.CallTarget member = target(calls, "internal.member_2");
        assertThat(member.fn()).isNull();
        assertThat(member.node()).isNull();
    }

    @Test
    void resolvedCalls_answerAsBefore() {
        RegoEngine e = RegoEngine.builder().module("t.rego", SRC).build();
        assertThat(e.prepare("data.t.p").eval(null).value()).hasToString("[2, 2, true]");
    }

    private static Term.CallTarget target(List<Term.Call> calls, String name) {
        return calls.stream()
                .map(Term.Call::target)
                .filter(t -> name.equals(t.builtin())
                        || (t.functionPath() != null
                                && t.functionPath()
                                        .get(t.functionPath().size() - 1)
                                        .equals(name)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no call of " + name + " in " + calls));
    }
}

package dev.maa.rego.internal.interp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.maa.rego.RegoEngine;
import dev.maa.rego.builtins.BuiltinRegistry;
import dev.maa.rego.internal.compile.Compiler;
import dev.maa.rego.internal.compile.RuleNode;
import dev.maa.rego.internal.parser.Parser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Straight-line functions and complete rules evaluated by {@link DirectRules} answer as the general path does: each
 * query is evaluated as it is and under a {@code with} mock of an unrelated builtin (mocks send every call and rule
 * to the general path), and the two answers, values or errors, must be equal.
 */
class DirectRulesTest {
    private static final String SRC = "package t\n"
            + "import rego.v1\n"
            // definitions tried in order, else when the body fails or the value is undefined
            + "grade(x) := \"high\" if x > 10\n"
            + "else := \"mid\" if x > 5\n"
            + "else := input.missing if x > 3\n"
            + "else := \"low\"\n"
            // two definitions that may conflict
            + "pick(x) := 1 if x == 1\n"
            + "pick(x) := 2 if x >= 1\n"
            // a body that binds, a value from the binding, a default
            + "half(x) := h if {\n  h := x / 2\n  h > 1\n}\n"
            + "default half(_) := 0\n"
            // a reference that iterates: the general path takes the call
            + "has_tag(p) if p.tags[_] == \"a\"\n"
            // a parameter twice: unification
            + "same(x, x) := true\n"
            // calls through other straight-line functions
            + "both(p) if {\n  grade(p.n) == \"high\"\n  has_tag(p)\n}\n"
            // an error in a later definition, not reached when the first holds (early exit)
            + "ok(x) if x == 1\n"
            + "ok(x) if to_number(\"no\") == x\n"
            // complete rules: an else chain, a possible conflict, a default, a reference that iterates
            + "level := \"high\" if input.n > 10\n"
            + "else := \"mid\" if input.n > 5\n"
            + "else := \"low\"\n"
            + "dup := 1 if input.n == 1\n"
            + "dup := 2 if input.n >= 1\n"
            + "default d := 0\n"
            + "d := h if {\n  h := input.n / 2\n  h > 2\n}\n"
            + "tagged if input.tags[_] == \"a\"\n"
            // one straight-line definition beside one that iterates
            + "mixed(x) := 1 if x == 1\n"
            + "mixed(x) := 2 if {\n  some y in [1, 2]\n  y == x\n  x > 1\n}\n";

    private static final RegoEngine ENGINE =
            RegoEngine.builder().module("t.rego", SRC).strictBuiltinErrors(true).build();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "data.t.grade(11)",
                "data.t.grade(6)",
                "data.t.grade(4)",
                "data.t.grade(1)",
                "data.t.pick(2)",
                "data.t.pick(1)",
                "data.t.pick(0)",
                "data.t.half(8)",
                "data.t.half(1)",
                "data.t.half(\"x\")",
                "data.t.has_tag({\"tags\": [\"b\", \"a\"]})",
                "data.t.has_tag({\"tags\": [\"b\"]})",
                "data.t.same(1, 1)",
                "data.t.same(1, 2)",
                "data.t.both({\"n\": 20, \"tags\": [\"a\"]})",
                "data.t.both({\"n\": 2, \"tags\": [\"a\"]})",
                "data.t.ok(1)",
                "data.t.ok(2)",
                "data.t.mixed(1)",
                "data.t.mixed(2)",
                "data.t.mixed(3)",
            })
    void answersAsTheGeneralPath(String call) {
        String query = "x := " + call;
        assertThat(answer(query)).isEqualTo(answer(query + " with time.now_ns as 1"));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 6, 11})
    void rulesAnswerAsTheGeneralPath(int n) {
        Map<String, Object> input = Map.of("n", n, "tags", n > 5 ? List.of("b", "a") : List.of("b"));
        for (String rule : List.of("level", "dup", "d", "tagged")) {
            String query = "x := data.t." + rule;
            assertThat(answer(query, input))
                    .as(rule + " at n=" + n)
                    .isEqualTo(answer(query + " with time.now_ns as 1", input));
        }
    }

    @Test
    void conflictsAndErrorsAreFound() {
        assertThat(answer("x := data.t.pick(1)")).startsWith("error").contains("functions must not produce multiple");
        assertThat(answer("x := data.t.ok(2)")).startsWith("error").contains("to_number");
        assertThat(answer("x := data.t.grade(4)")).isEqualTo("[{x=\"low\"}]");
        assertThat(answer("x := data.t.half(1)")).isEqualTo("[{x=0}]");
        assertThat(answer("x := data.t.same(1, 2)")).isEqualTo("[]");
        assertThat(answer("x := data.t.dup", Map.of("n", 1)))
                .startsWith("error")
                .contains("complete rules must not");
        assertThat(answer("x := data.t.level", Map.of("n", 6))).isEqualTo("[{x=\"mid\"}]");
        assertThat(answer("x := data.t.d", Map.of("n", 2))).isEqualTo("[{x=0}]");
    }

    @Test
    void straightLineChainsAreCompiled_othersTakeTheGeneralPath() {
        RuleNode root =
                new Compiler(BuiltinRegistry.standard()).compile(List.of(new Parser("t.rego", SRC).parseModule()));
        for (String f : List.of("grade", "pick", "half", "has_tag", "both", "ok", "level", "dup", "d", "tagged")) {
            DirectRules rules = DirectRules.of(root.find(List.of("t", f)));
            assertThat(rules.straightLine(0)).as(f).isTrue();
        }
        assertThat(DirectRules.of(root.find(List.of("t", "same"))).straightLine(0))
                .isFalse();
        assertThat(DirectRules.of(root.find(List.of("t", "mixed"))).straightLine(0))
                .isTrue();
        assertThat(DirectRules.of(root.find(List.of("t", "mixed"))).straightLine(1))
                .isFalse();
    }

    private static String answer(String query) {
        return answer(query, Map.of());
    }

    private static String answer(String query, Map<String, Object> input) {
        Throwable t = catchThrowable(() -> ENGINE.prepare(query).eval(input));
        if (t != null) {
            return "error " + t.getMessage();
        }
        return ENGINE.prepare(query).eval(input).rawBindings().toString();
    }
}

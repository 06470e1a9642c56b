package dev.maa.rego.internal.interp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.rego.EvalLimits;
import dev.maa.rego.RegoEngine;
import dev.maa.rego.RegoEvalException;
import dev.maa.rego.RegoLimitExceededException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Bodies whose leading tests and assignments run without continuations ({@code Evaluator.body}) and function
 * parameters bound in a loop ({@code Docs.bindArgs}) answer as the continuation-passing path: bindings reach the
 * expressions after them, are undone on backtracking, negation and conflicts behave the same, and every
 * expression still counts as a step.
 */
class DirectBodyTest {
    private static Object eval(String module, String query, Object input) {
        return SemanticsTest.eval(module, query, input);
    }

    @Test
    void directAssignment_isSeenByIteratingExpressionAfterIt() {
        String m = "package t\ns contains y if { x := input.n; some y in [1, 2, 3]; y > x }";
        assertThat(eval(m, "data.t.s", Map.of("n", 1))).isEqualTo(Set.of(BigInteger.TWO, BigInteger.valueOf(3)));
    }

    @Test
    void bindingsAfterIteration_areUndoneBetweenSolutions() {
        String m = "package t\ns contains [y, z] if { some y in [1, 2]; z := y * 10; z > 5 }";
        assertThat(eval(m, "data.t.s", null))
                .isEqualTo(Set.of(
                        List.of(BigInteger.ONE, BigInteger.TEN), List.of(BigInteger.TWO, BigInteger.valueOf(20))));
    }

    @Test
    void negatedDirectAndIteratingTests_decideAsBefore() {
        String m = "package t\np if { not input.flag; not 3 in input.xs; x := 2; not x == 3 }\n"
                + "q if { not input.xs[_] == 2 }";
        assertThat(eval(m, "[data.t.p, object.get(data.t, \"q\", \"undefined\")]", Map.of("xs", List.of(1, 2))))
                .isEqualTo(List.of(true, "undefined"));
    }

    @Test
    void undefinedDirectAssignment_failsTheBody() {
        String m = "package t\ndefault p := \"no\"\np := \"yes\" if { x := input.missing; x == x }";
        assertThat(eval(m, "data.t.p", Map.of())).isEqualTo("no");
    }

    @Test
    void literalSetAndArray_evaluateDirectly() {
        String m = "package t\np if { not input.platform in {\"windows\", \"unspecified\"}; [input.a, 2] == [1, 2] }";
        assertThat(eval(m, "data.t.p", Map.of("platform", "linux", "a", 1))).isEqualTo(true);
        assertThat(eval(m, "object.get(data.t, \"p\", false)", Map.of("platform", "windows", "a", 1)))
                .isEqualTo(false);
        assertThat(eval(m, "object.get(data.t, \"p\", false)", Map.of("platform", "linux")))
                .isEqualTo(false);
    }

    @Test
    void function_withRepeatedParameter_requiresEqualArguments() {
        String m = "package t\nsame(x, x) := true\ndefault same(_, _) := false";
        assertThat(eval(m, "[data.t.same(1, 1), data.t.same(1, 2)]", null)).isEqualTo(List.of(true, false));
    }

    @Test
    void function_withPatternAfterVariable_bindsBoth() {
        String m = "package t\nf(x, [a, b]) := x + a + b";
        assertThat(eval(m, "data.t.f(1, [2, 3])", null)).isEqualTo(BigInteger.valueOf(6));
    }

    @Test
    void function_withTwoValuesForOneCall_isAConflict() {
        String m = "package t\nf(x) := y if { some y in [x, x + 1] }";
        assertThatThrownBy(() -> eval(m, "data.t.f(1)", null))
                .isInstanceOf(RegoEvalException.class)
                .hasMessageContaining("functions must not produce multiple outputs for same inputs");
    }

    @Test
    void directExpressions_stillCountAsSteps() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            body.append("input.a == 1\n");
        }
        String m = "package t\np if {\n" + body + "}";
        assertThatThrownBy(() -> RegoEngine.builder()
                        .module("t.rego", m)
                        .limits(EvalLimits.of(100, 50, Duration.ofSeconds(10)))
                        .build()
                        .prepare("data.t.p")
                        .eval(Map.of("a", 1)))
                .isInstanceOf(RegoLimitExceededException.class);
    }
}

package dev.maa.rego.internal.interp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.rego.RegoEngine;
import dev.maa.rego.RegoEvalException;
import dev.maa.rego.value.Value;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Evaluation semantics through the public API, one construct per test. */
class SemanticsTest {
    static Object eval(String module, String query, Object input) {
        return RegoEngine.builder()
                .module("t.rego", module)
                .build()
                .prepare(query)
                .eval(input)
                .value();
    }

    @Test
    void partialSet_withDuplicates_isDeduplicated() {
        assertThat(eval("package t\ns contains x if some x in [1, 2, 1]", "count(data.t.s)", null))
                .isEqualTo(java.math.BigInteger.TWO);
    }

    @Test
    void elseChain_takesFirstDefinedBranch() {
        String m = "package t\nf(x) := \"neg\" if x < 0\nelse := \"zero\" if x == 0\nelse := \"pos\"";
        assertThat(eval(m, "[data.t.f(-1), data.t.f(0), data.t.f(5)]", null)).isEqualTo(List.of("neg", "zero", "pos"));
    }

    @Test
    void every_failsOnOneCounterexample() {
        String m = "package t\nall_pos(xs) if every x in xs { x > 0 }";
        assertThat(eval(m, "data.t.all_pos([1, 2])", null)).isEqualTo(true);
        assertThat(RegoEngine.builder()
                        .module("t.rego", m)
                        .build()
                        .prepare("data.t.all_pos([1, -2])")
                        .eval(null)
                        .isDefined())
                .isFalse();
    }

    @Test
    void negation_ofUndefined_succeeds() {
        assertThat(eval("package t\np if not input.flag", "data.t.p", Map.of())).isEqualTo(true);
    }

    @Test
    void withInputAndFunctionMock_applyOnlyToThatExpression() {
        String m =
                "package t\nf(x) := x + 1\np := input.a\nq := [y, z] if { y := p with input.a as 7; z := f(1) with f as 10 }";
        assertThat(eval(m, "data.t.q", Map.of("a", 1)))
                .isEqualTo(List.of(java.math.BigInteger.valueOf(7), java.math.BigInteger.TEN));
    }

    @Test
    void refHeadObjectRule_buildsNestedObject() {
        String m = "package t\na.b[k].c := v if some k, v in {\"x\": 1, \"y\": 2}";
        assertThat(eval(m, "data.t.a", null))
                .isEqualTo(Map.of(
                        "b",
                        Map.of(
                                "x",
                                Map.of("c", java.math.BigInteger.ONE),
                                "y",
                                Map.of("c", java.math.BigInteger.TWO))));
    }

    @Test
    void numbers_compareNumerically() {
        assertThat(eval("package t\np if 1 == 1.0", "data.t.p", null)).isEqualTo(true);
    }

    @Test
    void setOperators_unionIntersectDifference() {
        assertThat(eval("package t\np := [({1, 2} | {3}), {1, 2} & {2}, {1, 2} - {1}]", "data.t.p", null))
                .isEqualTo(List.of(
                        java.util.Set.of(
                                java.math.BigInteger.ONE, java.math.BigInteger.TWO, java.math.BigInteger.valueOf(3)),
                        java.util.Set.of(java.math.BigInteger.TWO),
                        java.util.Set.of(java.math.BigInteger.TWO)));
    }

    @Test
    void partialObject_conflictingKeys_isConflictError() {
        RegoEngine e = RegoEngine.builder()
                .module("t.rego", "package t\np[k] := v if { some v in [1, 2]; k := \"a\" }")
                .build();
        assertThatThrownBy(() -> e.prepare("data.t.p").eval(null))
                .isInstanceOf(RegoEvalException.class)
                .hasMessageContaining("object keys must be unique");
    }

    @Test
    void comprehensions_closeOverOuterVariables() {
        String m = "package t\np := {k: n | some k in [\"a\", \"b\"]; n := count([x | some x in input.xs; x != k])}";
        assertThat(eval(m, "data.t.p", Map.of("xs", List.of("a", "a", "c"))))
                .isEqualTo(Map.of("a", java.math.BigInteger.ONE, "b", java.math.BigInteger.valueOf(3)));
    }

    @Test
    void nonStrictBuiltinError_isUndefined_strictRaises() {
        String m = "package t\np := 1 / 0";
        assertThat(RegoEngine.builder()
                        .module("t.rego", m)
                        .build()
                        .prepare("data.t.p")
                        .eval(null)
                        .isDefined())
                .isFalse();
        assertThatThrownBy(() -> RegoEngine.builder()
                        .module("t.rego", m)
                        .strictBuiltinErrors(true)
                        .build()
                        .prepare("data.t.p")
                        .eval(null))
                .hasMessageContaining("divide by zero");
    }

    @Test
    void defaultRule_usedWhenNoBodySucceeds() {
        assertThat(eval("package t\ndefault p := \"no\"\np := \"yes\" if input.ok", "data.t.p", Map.of()))
                .isEqualTo("no");
    }

    @Test
    void valueOf_javaObjects_roundTrip() {
        assertThat(Value.of(Map.of("a", 1)).toJson()).isEqualTo("{\"a\":1}");
    }

    @Test
    void importAliases_forDataAndInput_resolve() {
        String m = "package t\nimport data.base.limits as lim\nimport input.user\np if count(user.roles) <= lim.max";
        RegoEngine e = RegoEngine.builder()
                .module("t.rego", m)
                .data(Map.of("base", Map.of("limits", Map.of("max", 2))))
                .build();
        assertThat(e.prepare("data.t.p")
                        .eval(Map.of("user", Map.of("roles", List.of("a"))))
                        .value())
                .isEqualTo(true);
        assertThat(e.prepare("data.t.p")
                        .eval(Map.of("user", Map.of("roles", List.of("a", "b", "c"))))
                        .isDefined())
                .isFalse();
    }

    @Test
    void withData_replacesBaseDocumentForOneExpression() {
        String m = "package t\nmax := data.cfg.max\np := [a, b] if { a := max with data.cfg.max as 9; b := max }";
        RegoEngine e = RegoEngine.builder()
                .module("t.rego", m)
                .data(Map.of("cfg", Map.of("max", 1)))
                .build();
        assertThat(e.prepare("data.t.p").eval(null).value())
                .isEqualTo(List.of(java.math.BigInteger.valueOf(9), java.math.BigInteger.ONE));
    }

    @Test
    void ruleWithRulesBelowIt_isTypeError() {
        assertThatThrownBy(() -> RegoEngine.builder()
                        .module("t.rego", "package t\np := 1\np.q := 2")
                        .build())
                .hasMessageContaining("rego_type_error");
    }

    @Test
    void walk_enumeratesPathsAndValues_preOrder() {
        assertThat(eval("package t\np := [[q, v] | walk({\"a\": [7]}, [q, v])]", "data.t.p", null))
                .isEqualTo(List.of(
                        List.of(List.of(), Map.of("a", List.of(java.math.BigInteger.valueOf(7)))),
                        List.of(List.of("a"), List.of(java.math.BigInteger.valueOf(7))),
                        List.of(List.of("a", java.math.BigInteger.ZERO), java.math.BigInteger.valueOf(7))));
    }

    @Test
    void countOfNumberLiteral_isCompileTimeTypeError() {
        assertThatThrownBy(() -> RegoEngine.builder()
                        .module("t.rego", "package t\np := count(1)")
                        .build())
                .hasMessageContaining("rego_type_error: count");
    }
}

package dev.maa.rego.internal.interp;

import dev.maa.rego.EvalLimits;
import dev.maa.rego.RegoCompileException;
import dev.maa.rego.RegoEngine;
import dev.maa.rego.RegoEvalException;
import dev.maa.rego.RegoParseException;
import dev.maa.rego.RegoUnsupportedException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random well-formed queries over a small policy: compiling may fail with compile errors and
 * evaluation with evaluation errors, nothing else (no NPEs, casts, stack overflows, hangs).
 */
class EvalRobustnessProperties {
    private static final RegoEngine ENGINE = RegoEngine.builder()
            .module("p.rego", """
          package p
          xs := [1, "a", null, true, {"k": [2]}, {3}]
          s contains x if some x in xs
          o[k] := v if some k, v in {"a": 1, "b": [1, 2]}
          f(x) := x + 1
          g(x) := y if { y := f(x) * 2 } else := "no"
          """)
            .data(Map.of("d", List.of(1, 2, Map.of("x", "y"))))
            .limits(EvalLimits.of(200_000, 100, Duration.ofSeconds(5)))
            .build();

    @Provide
    Arbitrary<String> terms() {
        return Arbitraries.recursive(
                () -> Arbitraries.of(
                        "1",
                        "-2.5",
                        "\"s\"",
                        "null",
                        "true",
                        "[]",
                        "{}",
                        "set()",
                        "input",
                        "input.a",
                        "data.d",
                        "data.p.xs",
                        "data.p.s",
                        "data.p.o",
                        "data.d[_]",
                        "data.p.xs[_]",
                        "{1, \"a\"}",
                        "[1, [2]]",
                        "{\"k\": 1}",
                        "1e400",
                        "0"),
                inner -> Arbitraries.oneOf(
                        Arbitraries.of("+", "-", "*", "/", "%", "|", "&", "==", "<", ">=", "!=")
                                .flatMap(op -> inner.list()
                                        .ofSize(2)
                                        .map(l -> "(" + l.get(0) + " " + op + " " + l.get(1) + ")")),
                        Arbitraries.of(
                                        "count",
                                        "sum",
                                        "max",
                                        "sort",
                                        "data.p.f",
                                        "data.p.g",
                                        "abs",
                                        "to_number",
                                        "concat",
                                        "object.get",
                                        "array.concat",
                                        "is_string",
                                        "type_name",
                                        "json.marshal",
                                        "upper")
                                .flatMap(fn -> inner.list()
                                        .ofMinSize(1)
                                        .ofMaxSize(3)
                                        .map(l -> fn + "(" + String.join(", ", l) + ")")),
                        inner.map(t -> "[x | some x in " + t + "]"),
                        inner.map(t -> "{k: v | some k, v in " + t + "}"),
                        inner.map(t -> "$\"<{" + t + "}>\""),
                        inner.map(t -> t + "[0]"),
                        inner.map(t -> t + ".k")),
                3);
    }

    @Property(tries = 1000)
    void randomQueries_onlyRaiseDocumentedErrors(@ForAll("terms") String term, @ForAll boolean strict) {
        String query = "x := " + term;
        try {
            ENGINE.prepare(query).eval(Map.of("a", List.of(1, 2)));
        } catch (RegoParseException | RegoCompileException | RegoEvalException | RegoUnsupportedException expected) {
            // documented failures
        }
    }
}

package dev.maa.rego.internal.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.rego.RegoEngine;
import dev.maa.rego.RegoEvalException;
import dev.maa.rego.RegoParseException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** String interpolation ({@code $"...{expr}..."}, OPA 1.x): lexing, lowering and rendering. */
class TemplateStringTest {
    private static Object eval(String module, Object input) {
        return RegoEngine.builder()
                .module("t.rego", "package t\n" + module)
                .build()
                .prepare("data.t.p")
                .eval(input)
                .value();
    }

    @Test
    void escapes_braceEscapesAndStringEscapes() {
        assertThat(eval("p := $\"a\\{b}\\} \\t\\\"\"", null)).isEqualTo("a{b}} \t\"");
        assertThat(eval("p := $\"{42}}\"", null)).isEqualTo("42}");
        assertThat(eval("p := $\"\"", null)).isEqualTo("");
    }

    @Test
    void values_renderLikePrint_undefinedIsMarked() {
        assertThat(eval("p := $\"{1} {\"s\"} {[1, \"a\"]} {set()} {{\"k\": null}} {input.missing}\"", Map.of()))
                .isEqualTo("1 s [1, \"a\"] set() {\"k\": null} <undefined>");
    }

    @Test
    void nestedTemplates_andRawMultiLineTemplates() {
        assertThat(eval("a := \"x\"\np := $\"<{$\"({a})\"}>\"", null)).isEqualTo("<(x)>");
        assertThat(eval("a := 1\np := $`line {a}\n  \\{raw\\n}`", null)).isEqualTo("line 1\n  {raw\\n}");
    }

    @Test
    void withModifiers_applyInsideAndOutsideTheTemplate() {
        assertThat(eval("a := input.a\np := $\"{a with input as {\"a\": 42}}\"", null))
                .isEqualTo("42");
        assertThat(eval("a := input.a\np := x if { x := $\"{a}\" with input.a as 7 }", null))
                .isEqualTo("7");
    }

    @Test
    void expressionWithSeveralValues_isConflictErrorEvenWhenNotStrict() {
        RegoEngine e = RegoEngine.builder()
                .module("t.rego", "package t\np := $\"{[1, 2][_]}\"")
                .build();
        assertThatThrownBy(() -> e.prepare("data.t.p").eval(null))
                .isInstanceOf(RegoEvalException.class)
                .hasMessageContaining("eval_conflict_error: template-strings must not produce multiple outputs");
    }

    @Test
    void callsInFunctionArguments_areCheckedAfterTheBody() {
        // a call in an argument needs variables the body binds: OPA moves it to the end of the body
        assertThat(eval(
                        "p := [f(\"foo bar\"), g(\"ab\")]\nf($\"{x} {input.y}\") := 1 if x := \"foo\"\n"
                                + "g(concat(\"\", [x, \"b\"])) := 2 if x := \"a\"",
                        Map.of("y", "bar")))
                .isEqualTo(java.util.List.of(java.math.BigInteger.ONE, java.math.BigInteger.TWO));
    }

    @Test
    void malformedTemplates_areParseErrors() {
        for (String bad : new String[] {
            "p := $\"abc", "p := $\"{}\"", "p := $\"{1 2}\"", "p := $\"{not true}\"", "p := $\"{x := 1}\"", "p := $`{1`"
        }) {
            assertThatThrownBy(() -> RegoEngine.builder()
                            .module("t.rego", "package t\n" + bad)
                            .build())
                    .as(bad)
                    .isInstanceOf(RegoParseException.class);
        }
    }
}

package dev.maa.rego.internal.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.rego.RegoEngine;
import dev.maa.rego.RegoParseException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code not { ... }} negates a whole body behind {@code import rego.v2} or {@code future.keywords.not}. */
class NotBodyTest {
    private static Object p(String imp, String body, Object input) {
        String m = "package t\n" + imp + "\ndefault p := false\np if {\n  " + body + "\n}";
        return RegoEngine.builder()
                .module("t.rego", m)
                .build()
                .prepare("data.t.p")
                .eval(input)
                .value();
    }

    @ParameterizedTest
    @ValueSource(strings = {"import rego.v2", "import future.keywords.not", "import future.keywords"})
    void notBody_isTrueOnlyWhenTheConjunctionFails(String imp) {
        assertThat(p(imp, "not { input.a; input.b }", Map.of("a", true, "b", false)))
                .isEqualTo(true);
        assertThat(p(imp, "not { input.a; input.b }", Map.of("a", true, "b", true)))
                .isEqualTo(false);
        assertThat(p(imp, "not { input.a; input.b }", Map.of())).isEqualTo(true);
    }

    @Test
    void notBody_closesOverOuterVariablesAndKeepsItsOwnLocal() {
        String body = "x := input.n\n  not { y := x + 1; y > 2 }";
        assertThat(p("import rego.v2", body, Map.of("n", 1))).isEqualTo(true);
        assertThat(p("import rego.v2", body, Map.of("n", 2))).isEqualTo(false);
    }

    @Test
    void withoutTheImport_notBraces_staysANegatedSetLiteral() {
        // OPA 1.x without the import: `not {input.a}` negates a set, which is always defined
        assertThat(p("", "not {input.a}", Map.of("a", false))).isEqualTo(false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not {}", "not {1, 2}", "not {\"a\": 1}", "not {input.a | input.b}"})
    void notBody_withValueOrAmbiguousBraces_isParseError(String body) {
        assertThatThrownBy(() -> p("import rego.v2", body, Map.of())).isInstanceOf(RegoParseException.class);
    }
}

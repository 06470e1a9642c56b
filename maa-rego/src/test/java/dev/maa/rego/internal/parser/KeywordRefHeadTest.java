package dev.maa.rego.internal.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.rego.RegoEngine;
import dev.maa.rego.RegoParseException;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Keywords and {@code true/false/null} as the first part of a reference (OPA 1.x {@code keywordrefs}). */
class KeywordRefHeadTest {
    private static Object eval(String module, String query) {
        return RegoEngine.builder()
                .module("t.rego", module)
                .build()
                .prepare(query)
                .eval(null)
                .value();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "as",
                "contains",
                "default",
                "else",
                "every",
                "false",
                "if",
                "import",
                "in",
                "null",
                "true",
                "with"
            })
    void keyword_asFirstRefPart_namesTheRule(String kw) {
        // `true.foo` once read as the boolean true indexed by "foo" (undefined): a different answer
        String m = "package t\np if {\n  " + kw + ".foo == 1\n  foo." + kw + " == 2\n}\n" + kw + ".foo := 1\n\nfoo."
                + kw + " := 2\n";
        assertThat(eval(m, "[data.t.p, data.t." + kw + ".foo]")).isEqualTo(List.of(true, BigInteger.ONE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not", "some", "package"})
    void notSomePackage_beforeDot_stayKeywords(String kw) {
        assertThatThrownBy(() -> RegoEngine.builder()
                        .module("t.rego", "package t\np if " + kw + ".foo == 1")
                        .build())
                .isInstanceOf(RegoParseException.class);
    }
}

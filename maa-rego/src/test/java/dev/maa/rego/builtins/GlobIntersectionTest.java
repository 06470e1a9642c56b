package dev.maa.rego.builtins;

import static dev.maa.rego.builtins.BuiltinCalls.call;
import static dev.maa.rego.builtins.BuiltinCalls.v;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GlobIntersectionTest {
    @Test
    void globsMatch_isTrueExactlyWhenSomeStringMatchesBoth() {
        assertThat(call("regex.globs_match", "a.a.", ".b.b")).isEqualTo(v(true));
        assertThat(call("regex.globs_match", "[a-z]*", "[0-9]*")).isEqualTo(v(true));
        assertThat(call("regex.globs_match", "[a-z]+", "[0-9]*")).isEqualTo(v(false));
        assertThat(call("regex.globs_match", "a*b", "aaac")).isEqualTo(v(false));
        assertThat(call("regex.globs_match", "x?y+", "yyy")).isEqualTo(v(true));
    }

    @Test
    void globsMatch_invalidGlob_isAnError() {
        assertThatThrownBy(() -> call("regex.globs_match", "[a-", "a"))
                .isInstanceOf(BuiltinError.class)
                .hasMessageContaining("regex.globs_match: the input provided is invalid");
        assertThatThrownBy(() -> call("regex.globs_match", "*a", "a"))
                .isInstanceOf(BuiltinError.class)
                .hasMessageContaining("must be preceded by a non-flag");
    }
}

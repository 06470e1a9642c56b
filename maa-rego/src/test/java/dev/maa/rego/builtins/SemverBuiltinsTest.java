package dev.maa.rego.builtins;

import static dev.maa.rego.builtins.BuiltinCalls.assertBuiltinError;
import static dev.maa.rego.builtins.BuiltinCalls.call;
import static dev.maa.rego.builtins.BuiltinCalls.v;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SemverBuiltinsTest {
    @ParameterizedTest
    @CsvSource({
        "1.0.0, 2.0.0, -1",
        "2.0.0, 1.0.0, 1",
        "1.0.0, 1.0.0+build, 0",
        "1.0.0-alpha, 1.0.0, -1",
        "1.0.0-alpha, 1.0.0-alpha.1, -1",
        "1.0.0-alpha.1, 1.0.0-alpha.beta, -1",
        "1.0.0-beta.11, 1.0.0-beta.2, 1",
        "1.0.0-rc.1, 1.0.0-beta.11, 1",
        "v1.2.3, 1.2.3, 0",
        "1.2.3-0, 1.2.3-1, -1",
        "1.2.3+01, 1.2.3+2, 0",
    })
    void compare_semverPrecedence(String a, String b, int want) {
        assertThat(call("semver.compare", a, b)).isEqualTo(v(want));
    }

    @ParameterizedTest
    @CsvSource({
        "01.2.3",
        "1.02.3",
        "1.2.03",
        "00.0.0",
        "1.2.3-01",
        "1.2.3-alpha.01",
        "1.2.3-",
        "1.2.3+",
        "1.2.3-+b",
        "+1.2.3",
        "1.+2.3",
        "1.-2.3",
        "1.2.3-a+",
        "9223372036854775808.0.0",
    })
    void isValid_notStrictSemVer_isFalse(String version) {
        assertThat(call("semver.is_valid", version)).isEqualTo(v(false));
        assertBuiltinError(
                "semver.compare: operand 1: string \"" + version + "\" is not a valid SemVer",
                "semver.compare",
                version,
                "1.0.0");
    }

    @ParameterizedTest
    @CsvSource({"0.0.0", "1.2.3-0", "1.2.3-0a", "1.2.3-a.0.b", "1.2.3+01", "1.2.3-rc-1+build.007", "v10.20.30"})
    void isValid_strictSemVer_isTrue(String version) {
        assertThat(call("semver.is_valid", version)).isEqualTo(v(true));
    }

    @Test
    void invalidVersions() {
        assertBuiltinError(
                "semver.compare: operand 1: string \"1\" is not a valid SemVer", "semver.compare", "1", "1.0.0");
        assertBuiltinError(
                "semver.compare: operand 2: string \"1.0.0-\u00e9\" is not a valid SemVer",
                "semver.compare",
                "1.0.0",
                "1.0.0-é");
        assertThat(call("semver.is_valid", "1.0.0-rc.1+build.5")).isEqualTo(v(true));
        assertThat(call("semver.is_valid", "1.0")).isEqualTo(v(false));
        assertThat(call("semver.is_valid", "1.0.0-a..b")).isEqualTo(v(false));
        assertThat(call("semver.is_valid", 1)).isEqualTo(v(false));
    }
}

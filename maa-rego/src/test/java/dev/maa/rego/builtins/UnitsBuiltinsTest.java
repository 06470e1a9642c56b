package dev.maa.rego.builtins;

import static dev.maa.rego.builtins.BuiltinCalls.assertBuiltinError;
import static dev.maa.rego.builtins.BuiltinCalls.call;
import static dev.maa.rego.builtins.BuiltinCalls.num;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnitsBuiltinsTest {
    @ParameterizedTest
    @CsvSource({
        "500m, 0.5",
        "0.0005K, 0.5",
        "8m, 0.008",
        "10k, 10000",
        "1.1K, 1100",
        "100M, 100000000",
        "100gi, 107374182400",
        "10Ei, 11529215046068469760",
        "1e3M, 1000000000",
        "7.8E-1, 0.78",
        "-3.5E2m, -0.35",
        ".0, 0",
        "3MI, 3145728",
        "\"10K\", 10000",
        "1e, 1000000000000000000",
    })
    void parse_exact(String in, String want) {
        assertThat(call("units.parse", in)).isEqualTo(num(want));
    }

    @ParameterizedTest
    @CsvSource({
        "0, 0",
        "10KB, 10000",
        "200mb, 200000000",
        ".5KB, 500",
        "1.1KiB, 1126",
        "1.1KB, 1100",
        "100kib, 102400",
        "10eib, 11529215046068469760",
        "5e6, 5000000",
        "5e2MiB, 524288000",
        "1e-2KB, 10",
    })
    void parseBytes_likeOpa(String in, String want) {
        assertThat(call("units.parse_bytes", in)).isEqualTo(num(want));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "units.parse|0.0.0|units.parse: units.parse: could not parse amount to a number",
                "units.parse|10e10000000Ei|units.parse: units.parse: exponent too large",
                "units.parse|G|units.parse: units.parse: no amount provided",
                "units.parse|1 G|units.parse: units.parse: spaces not allowed in resource strings",
                "units.parse|1Gb|units.parse: units.parse: unit Gb not recognized",
                "units.parse_bytes|GB|units.parse_bytes: units.parse_bytes: no byte amount provided",
                "units.parse_bytes|100 kb|units.parse_bytes: units.parse_bytes: spaces not allowed in resource strings",
                "units.parse_bytes|1xb|units.parse_bytes: units.parse_bytes: byte unit xb not recognized",
                "units.parse_bytes|1..2kb|units.parse_bytes: units.parse_bytes: could not parse byte amount to a number",
            })
    void errors(String name, String in, String message) {
        assertBuiltinError(message, name, in);
    }
}

package dev.maa.rego.builtins;

import static dev.maa.rego.builtins.BuiltinCalls.assertBuiltinError;
import static dev.maa.rego.builtins.BuiltinCalls.assertTypeError;
import static dev.maa.rego.builtins.BuiltinCalls.call;
import static dev.maa.rego.builtins.BuiltinCalls.callAt;
import static dev.maa.rego.builtins.BuiltinCalls.v;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimeBuiltinsTest {
    private static final long TS = 1670006453141828752L;

    @Test
    void nowNs_isTheContextClock() {
        BuiltinContext ctx = new BuiltinContext() {
            @Override
            public long nowNs() {
                return 42;
            }

            @Override
            public void print(String line) {}
        };
        assertThat(callAt(ctx, "time.now_ns")).isEqualTo(v(42));
    }

    @Test
    void parseRfc3339_rangeLimits() {
        assertThat(call("time.parse_rfc3339_ns", "1677-09-21T00:12:43.145224192-00:00"))
                .isEqualTo(v(Long.MIN_VALUE));
        assertThat(call("time.parse_rfc3339_ns", "2262-04-11T23:47:16.854775807-00:00"))
                .isEqualTo(v(Long.MAX_VALUE));
        assertThat(call("time.parse_rfc3339_ns", "2017-06-02T19:00:00-07:00")).isEqualTo(v(1496455200000000000L));
        assertBuiltinError(
                "time.parse_rfc3339_ns: time outside of valid range",
                "time.parse_rfc3339_ns",
                "2262-04-11T23:47:16.854775808-00:00");
    }

    @Test
    void parse_errorsUseGoText() {
        assertBuiltinError(
                "time.parse_rfc3339_ns: parsing time \"2017-13-02T19:00:00Z\": month out of range",
                "time.parse_rfc3339_ns",
                "2017-13-02T19:00:00Z");
        assertBuiltinError(
                "time.parse_ns: parsing time \"2020-02-30\": day out of range",
                "time.parse_ns",
                "2006-01-02",
                "2020-02-30");
        assertBuiltinError(
                "time.parse_ns: parsing time \"20x0-01-01\" as \"2006-01-02\": cannot parse \"20x0-01-01\" as \"2006\"",
                "time.parse_ns",
                "2006-01-02",
                "20x0-01-01");
        assertBuiltinError(
                "time.parse_ns: parsing time \"2020-01-01 x\": extra text: \" x\"",
                "time.parse_ns",
                "2006-01-02",
                "2020-01-01 x");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "2006-01-02|2020-02-02|1580601600000000000",
                "RFC822Z|02 Jan 06 15:04 -0700|1136239440000000000",
                "Mon Jan _2 15:04:05 2006|Tue Feb  3 04:05:06 2009|1233633906000000000",
                "3:04PM|3:04PM|-62167165560000000000",
                "2006-01-02 15:04:05.000|2021-01-01 00:00:01.250|1609459201250000000",
                "2006-01-02 15:04:05|2021-01-01 00:00:01.5|1609459201500000000",
            })
    void parseNs_layouts(String layout, String value, String want) {
        if (want.startsWith("-62")) {
            assertBuiltinError("time.parse_ns: time outside of valid range", "time.parse_ns", layout, value);
        } else {
            assertThat(call("time.parse_ns", layout, value)).isEqualTo(v(new BigInteger(want)));
        }
    }

    @Test
    void parseDuration_goSyntax() {
        assertThat(call("time.parse_duration_ns", "100ms")).isEqualTo(v(100_000_000));
        assertThat(call("time.parse_duration_ns", "1h30m")).isEqualTo(v(5_400_000_000_000L));
        assertThat(call("time.parse_duration_ns", "-1.5h")).isEqualTo(v(-5_400_000_000_000L));
        assertThat(call("time.parse_duration_ns", "1.5\u00b5s")).isEqualTo(v(1500));
        assertBuiltinError(
                "time.parse_duration_ns: time: missing unit in duration \"1\"", "time.parse_duration_ns", "1");
        assertBuiltinError(
                "time.parse_duration_ns: time: unknown unit \"x\" in duration \"1x\"", "time.parse_duration_ns", "1x");
        assertBuiltinError("time.parse_duration_ns: time: invalid duration \"\"", "time.parse_duration_ns", "");
    }

    @Test
    void format_defaultZoneAndLayouts() {
        assertThat(call("time.format", TS)).isEqualTo(v("2022-12-02T18:40:53.141828752Z"));
        assertThat(call("time.format", List.of(TS, "Asia/Kolkata")))
                .isEqualTo(v("2022-12-03T00:10:53.141828752+05:30"));
        assertThat(call("time.format", List.of(TS, "Asia/Kolkata", "Mon Jan 02 15:04:05 -0700 2006")))
                .isEqualTo(v("Sat Dec 03 00:10:53 +0530 2022"));
        assertThat(call("time.format", List.of(TS, "Asia/Kolkata", "RFC1123Z")))
                .isEqualTo(v("Sat, 03 Dec 2022 00:10:53 +0530"));
        assertThat(call("time.format", List.of(TS, "UTC", "3:04:05.000 pm MST")))
                .isEqualTo(v("6:40:53.141 pm UTC"));
        assertBuiltinError(
                "time.format: timestamp too big", "time.format", new BigInteger("15829776000000000000000000"));
        assertBuiltinError("time.format: unknown time zone Nowhere/City", "time.format", List.of(TS, "Nowhere/City"));
    }

    @Test
    void dateClockWeekday() {
        assertThat(call("time.date", 1517814000L * 1_000_000_000L)).isEqualTo(v(List.of(2018, 2, 5)));
        assertThat(call("time.clock", List.of(1517832000L * 1_000_000_000L, "America/New_York")))
                .isEqualTo(v(List.of(7, 0, 0)));
        assertThat(call("time.weekday", 1518177600000000000L)).isEqualTo(v("Friday"));
        assertTypeError(
                "time.date: operand 1 must be either number (ns) or [number (ns), string (tz)] but got string",
                "time.date",
                "x");
    }

    @Test
    void addDate_normalisesLikeGo() {
        assertThat(call("time.add_date", 1585852421593912000L, 3, 9, 12)).isEqualTo(v(1705257221593912000L));
        long jan31 = 1612051200L * 1_000_000_000L;
        assertThat(call("time.format", call("time.add_date", jan31, 0, 1, 0))).isEqualTo(v("2021-03-03T00:00:00Z"));
        assertBuiltinError("time.add_date: time outside of valid range", "time.add_date", 0, 2262, 1, 1);
    }

    @Test
    void diff_likeOpa() {
        long day = 86_400_000_000_000L;
        long feb2 = 1580601600000000000L;
        assertThat(call("time.diff", feb2, feb2 + 28 * day)).isEqualTo(v(List.of(0, 0, 28, 0, 0, 0)));
        assertThat(call("time.diff", List.of(feb2 + 60_000_000_000L, "UTC"), List.of(feb2, "Asia/Shanghai")))
                .isEqualTo(v(List.of(0, 0, 0, 0, 1, 0)));
    }
}

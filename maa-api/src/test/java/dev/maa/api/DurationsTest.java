package dev.maa.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "250ms, PT0.25S",
        "90s, PT90S",
        "5m, PT5M",
        "24h, PT24H",
        "7d, PT168H",
        "1h30m, PT1H30M",
        "' 1d12h ', PT36H",
        "1h30m15s, PT1H30M15S",
        "0s, PT0S",
        "0, PT0S",
        "10 s, PT10S",
        "10S, PT10S",
        "1s250ms, PT1.25S",
        "PT1H, PT1H",
        "P2555D, PT61320H",
        "pt10s, PT10S"
    })
    void parse_everyForm_givesTheDuration(String text, String iso) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.parse(iso));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "h",
                "24",
                "24x",
                "1h 30m",
                "-1h",
                "1.5h",
                "\u0661h",
                "h24",
                "-PT1H",
                "P1Y",
                "99999999999999999999d",
                "106751991167301d"
            })
    void parse_notADuration_quotesItAndNamesTheForms(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "' is not a duration")
                .hasMessageContaining(Durations.FORMS);
    }

    @Test
    void parse_aNumberWithoutUnit_saysWhichUnitToAdd() {
        assertThatThrownBy(() -> Durations.parse("2555")).hasMessageContaining("a number needs a unit, such as 2555s");
    }

    @ParameterizedTest
    @CsvSource({
        "PT720H, 720h",
        "PT1H30M, 1h30m",
        "PT0.25S, 250ms",
        "PT1.25S, 1s250ms",
        "PT0S, 0s",
        "P3DT1H2M3S, 73h2m3s"
    })
    void format_isGoStyle_andParsesBack(String iso, String go) {
        Duration d = Duration.parse(iso);
        assertThat(Durations.format(d)).isEqualTo(go);
        assertThat(Durations.parse(Durations.format(d))).isEqualTo(d);
    }
}

package dev.maa.policies.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @Test
    void parse_goStyleParts_addUp() {
        assertThat(Durations.parse("24h")).isEqualTo(Duration.ofHours(24));
        assertThat(Durations.parse(" 1d12h ")).isEqualTo(Duration.ofHours(36));
        assertThat(Durations.parse("1h30m15s")).isEqualTo(Duration.ofSeconds(5415));
        assertThat(Durations.parse("0s")).isEqualTo(Duration.ZERO);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "h", "24", "24x", "1h 30m", "-1h", "1.5h", "\u0661h", "h24"})
    void parse_notADuration_namesTheExpectedForm(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "' is not a duration; write e.g. 24h");
    }

    @Test
    void format_thenParse_roundTrips() {
        Duration d = Duration.ofSeconds(3 * 86400 + 3723);
        assertThat(Durations.parse(Durations.format(d))).isEqualTo(d);
    }
}

package dev.maa.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(6, Duration.ofSeconds(1), Duration.ofSeconds(5), 2.0, 0.5);

    @Test
    void backoff_growsExponentially_upToTheCap() {
        assertThat(policy.backoff(1, () -> 0.0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.backoff(2, () -> 0.0)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.backoff(3, () -> 0.0)).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.backoff(4, () -> 0.0)).isEqualTo(Duration.ofSeconds(5));
        assertThat(policy.backoff(50, () -> 0.0)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void jitter_shortensTheWait_byAtMostItsShare() {
        assertThat(policy.backoff(2, () -> 0.999_999)).isBetween(Duration.ofMillis(1000), Duration.ofMillis(1001));
        assertThat(policy.backoff(2, () -> 0.5)).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void retryAfter_lengthensTheWait_butNeverBeyondTheCap() {
        assertThat(policy.backoff(1, Duration.ofSeconds(3), () -> 0.0)).isEqualTo(Duration.ofSeconds(3));
        assertThat(policy.backoff(3, Duration.ofSeconds(1), () -> 0.0)).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.backoff(1, Duration.ofHours(2), () -> 0.0)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void invalidSettings_failFast_namingTheValue() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, 2, 0))
                .hasMessageContaining("maxAttempts")
                .hasMessageContaining("0");
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(1), 2, 0))
                .hasMessageContaining("maxBackoff");
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ZERO, Duration.ZERO, 2, 1.5))
                .hasMessageContaining("jitter");
    }
}

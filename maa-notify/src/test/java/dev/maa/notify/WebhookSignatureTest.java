package dev.maa.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final byte[] BODY = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
    private static final long TS = 1_700_000_000L;

    @Test
    void sign_matchesOpenssl() {
        // printf '%s.%s' 1700000000 '{"a":1}' | openssl dgst -sha256 -hmac 0123456789abcdef0123456789abcdef
        assertThat(WebhookSignature.sign(SECRET, TS, BODY))
                .isEqualTo("sha256=f05f2539e3ae1c49aec5f8cfdad75ef6b06480b133973ffbb7ec9e18827af177");
    }

    @Test
    void verify_acceptsAFreshSignature() {
        String sig = WebhookSignature.sign(SECRET, TS, BODY);

        assertThat(WebhookSignature.verify(
                        SECRET,
                        Long.toString(TS),
                        sig,
                        BODY,
                        Instant.ofEpochSecond(TS + 60),
                        WebhookSignature.DEFAULT_TOLERANCE))
                .isTrue();
    }

    @Test
    void verify_refusesAReplayAfterTheTolerance() {
        String sig = WebhookSignature.sign(SECRET, TS, BODY);

        assertThat(WebhookSignature.verify(
                        SECRET, Long.toString(TS), sig, BODY, Instant.ofEpochSecond(TS + 301), Duration.ofMinutes(5)))
                .isFalse();
    }

    @Test
    void verify_refusesAMovedTimestamp() {
        String sig = WebhookSignature.sign(SECRET, TS, BODY);

        assertThat(WebhookSignature.verify(
                        SECRET,
                        Long.toString(TS + 1),
                        sig,
                        BODY,
                        Instant.ofEpochSecond(TS),
                        WebhookSignature.DEFAULT_TOLERANCE))
                .isFalse();
    }

    @Test
    void verify_refusesMalformedHeaders() {
        Instant now = Instant.ofEpochSecond(TS);
        String sig = WebhookSignature.sign(SECRET, TS, BODY);

        assertThat(WebhookSignature.verify(SECRET, "soon", sig, BODY, now, Duration.ofMinutes(5)))
                .isFalse();
        assertThat(WebhookSignature.verify(
                        SECRET, Long.toString(TS), sig.substring(7), BODY, now, Duration.ofMinutes(5)))
                .isFalse();
        assertThat(WebhookSignature.verify(SECRET, Long.toString(TS), "sha256=zz", BODY, now, Duration.ofMinutes(5)))
                .isFalse();
        assertThat(WebhookSignature.verify(SECRET, null, sig, BODY, now, Duration.ofMinutes(5)))
                .isFalse();
    }
}

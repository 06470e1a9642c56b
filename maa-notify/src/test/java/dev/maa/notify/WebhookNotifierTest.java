package dev.maa.notify;

import static dev.maa.notify.testing.TestNotifications.approved;
import static dev.maa.notify.testing.TestNotifications.submitted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.maa.notify.testing.LogCapture;
import dev.maa.notify.testing.WebhookServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class WebhookNotifierTest {

    private static final String SECRET = "test-secret-0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DeliveryOptions FAST = DeliveryOptions.defaults()
            .withRetry(
                    RetryPolicy.defaults().withMaxAttempts(3).withBackoff(Duration.ofMillis(5), Duration.ofMillis(20)));

    private final WebhookServer server = new WebhookServer();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private QueuedNotifier notifier;

    @AfterEach
    void tearDown() {
        server.close();
        if (notifier != null) {
            notifier.close();
        }
    }

    private QueuedNotifier start(DeliveryOptions options) {
        WebhookChannel channel = WebhookChannel.builder()
                .url(server.url())
                .secret(SECRET)
                .linkTemplate("https://maa.example.com/requests/{id}")
                .timeout(Duration.ofSeconds(30))
                .build();
        notifier = Notifiers.queued(channel, options, registry);
        return notifier;
    }

    private double count(String name) {
        var c = registry.find(name).tag("channel", "webhook").counter();
        return c == null ? -1 : c.count();
    }

    private double dropped(String reason) {
        return registry.get("maa.notify.dropped")
                .tag("channel", "webhook")
                .tag("reason", reason)
                .counter()
                .count();
    }

    /** The verification recipe of {@link WebhookSignature}'s Javadoc, written out independently. */
    private static boolean verifiesByRecipe(WebhookServer.Received r) throws Exception {
        long ts = Long.parseLong(r.header("X-MAA-Timestamp"));
        if (Math.abs(Instant.now().getEpochSecond() - ts) > 300) {
            return false;
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((ts + ".").getBytes(StandardCharsets.US_ASCII));
        String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(r.body()));
        return java.security.MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII),
                r.header("X-MAA-Signature").getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void notify_postsSignedJson_withTextAndStructuredFields() throws Exception {
        start(FAST).notify(submitted("req-1"));

        await().until(() -> server.received().size() == 1);
        WebhookServer.Received r = server.received().get(0);
        assertThat(verifiesByRecipe(r)).isTrue();
        assertThat(WebhookSignature.verify(
                        SECRET.getBytes(StandardCharsets.UTF_8),
                        r.header("X-MAA-Timestamp"),
                        r.header("X-MAA-Signature"),
                        r.body(),
                        Instant.now(),
                        WebhookSignature.DEFAULT_TOLERANCE))
                .isTrue();
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(r.header("X-MAA-Event")).isEqualTo("SUBMITTED");
        assertThat(r.header("X-MAA-Delivery")).isNotBlank();
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("text").asText()).contains("req-1").endsWith("https://maa.example.com/requests/req-1");
        assertThat(body.get("kind").asText()).isEqualTo("SUBMITTED");
        assertThat(body.get("request_id").asText()).isEqualTo("req-1");
        assertThat(body.get("resource").asText()).isEqualTo("APP/app-42");
        assertThat(body.get("action").asText()).isEqualTo("DELETE");
        assertThat(body.get("requester").asText()).isEqualTo("alice");
        assertThat(body.get("status").asText()).isEqualTo("NEEDS_APPROVAL");
        assertThat(body.get("justification").asText()).isEqualTo("CHG-1234 remove retired app");
        assertThat(body.get("link").asText()).isEqualTo("https://maa.example.com/requests/req-1");
        assertThat(body.get("recipients")).extracting(JsonNode::asText).containsExactly("bob", "carol");
        await().until(() -> count("maa.notify.sent") == 1.0);
    }

    @Test
    void chatMarkupInUserText_isEscapedInText_butNotInStructuredFields() throws Exception {
        var base = submitted("req-1");
        var n = new dev.maa.api.Notification(
                base.kind(),
                base.request().toBuilder()
                        .justification("<!channel> approve <https://evil.example|here> & now")
                        .build(),
                base.recipients(),
                "Request req-1 was rejected by bob: <!channel> see <https://evil.example|this>");

        start(FAST).notify(n);

        await().until(() -> server.received().size() == 1);
        JsonNode body = JSON.readTree(server.received().get(0).body());
        assertThat(body.get("text").asText())
                .doesNotContain("<")
                .doesNotContain(">")
                .contains("&lt;!channel&gt; see &lt;https://evil.example|this&gt;");
        assertThat(body.get("justification").asText())
                .isEqualTo("<!channel> approve <https://evil.example|here> & now");
    }

    @Test
    void signature_doesNotVerify_withAnotherSecretOrATamperedBody() throws Exception {
        start(FAST).notify(submitted("req-1"));

        await().until(() -> server.received().size() == 1);
        WebhookServer.Received r = server.received().get(0);
        byte[] tampered = new String(r.body(), StandardCharsets.UTF_8)
                .replace("req-1", "req-2")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(WebhookSignature.verify(
                        SECRET.getBytes(StandardCharsets.UTF_8),
                        r.header("X-MAA-Timestamp"),
                        r.header("X-MAA-Signature"),
                        tampered,
                        Instant.now(),
                        WebhookSignature.DEFAULT_TOLERANCE))
                .isFalse();
        assertThat(WebhookSignature.verify(
                        "another-secret-0123456789".getBytes(StandardCharsets.UTF_8),
                        r.header("X-MAA-Timestamp"),
                        r.header("X-MAA-Signature"),
                        r.body(),
                        Instant.now(),
                        WebhookSignature.DEFAULT_TOLERANCE))
                .isFalse();
    }

    @Test
    void delivery_isRetriedAfter500s_thenSucceeds_withTheSameDeliveryId() {
        server.respond(500, 503);

        start(FAST).notify(submitted("req-1"));

        await().until(() -> count("maa.notify.sent") == 1.0);
        assertThat(server.received()).hasSize(3);
        assertThat(server.received())
                .extracting(r -> r.header("X-MAA-Delivery"))
                .containsOnly(server.received().get(0).header("X-MAA-Delivery"));
        assertThat(count("maa.notify.retried")).isEqualTo(2.0);
        assertThat(count("maa.notify.failed")).isZero();
        assertThat(registry.get("maa.notify.attempt")
                        .tag("outcome", "failure")
                        .timer()
                        .count())
                .isEqualTo(2);
    }

    @Test
    void delivery_givesUp_afterMaxAttempts_andCountsTheFailure() {
        server.otherwise(500);

        start(FAST).notify(submitted("req-1"));

        await().until(() -> count("maa.notify.failed") == 1.0);
        assertThat(server.received()).hasSize(3);
        assertThat(count("maa.notify.retried")).isEqualTo(2.0);
        assertThat(count("maa.notify.sent")).isZero();
    }

    @Test
    void givingUp_isLoggedAtWarn_withRequestIdAndChannel_butNoSecretOrUrlPath() {
        server.otherwise(500);
        try (LogCapture log = new LogCapture(QueuedNotifier.class)) {
            start(FAST).notify(submitted("req-7"));

            await().until(() -> !log.lines(Level.WARN).isEmpty());
            assertThat(log.lines(Level.WARN))
                    .singleElement()
                    .asString()
                    .contains("req-7")
                    .contains("webhook")
                    .contains("HTTP 500")
                    .contains("3 attempt")
                    .doesNotContain(SECRET)
                    .doesNotContain("secret-path");
            assertThat(log.lines(Level.INFO))
                    .hasSize(2)
                    .allSatisfy(line -> assertThat(line).contains("req-7").doesNotContain("secret-path"));
        }
    }

    @Test
    void tooManyRequests_isTransient_andCarriesRetryAfter() {
        server.otherwise(429).header("Retry-After", "7");
        WebhookChannel channel =
                WebhookChannel.builder().url(server.url()).secret(SECRET).build();

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> channel.deliver(new Delivery("d-1", submitted("req-1"), 1)))
                .isInstanceOfSatisfying(DeliveryException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
                    assertThat(e.getMessage()).contains("HTTP 429").doesNotContain("secret-path");
                });
    }

    @Test
    void clientError_isNotRetried() {
        server.otherwise(401);

        start(FAST).notify(submitted("req-1"));

        await().until(() -> count("maa.notify.failed") == 1.0);
        assertThat(server.received()).hasSize(1);
        assertThat(count("maa.notify.retried")).isZero();
    }

    @Test
    void hangingEndpoint_doesNotBlockNotify() throws Exception {
        CountDownLatch release = server.hang();
        QueuedNotifier n = start(FAST);
        n.notify(submitted("req-1"));
        assertThat(server.awaitFirstRequest()).isTrue();

        n.notify(approved("req-1"));

        // notify returned and queued while the endpoint still holds the first request
        assertThat(release.getCount()).isEqualTo(1);
        assertThat(n.pending()).isEqualTo(1);
        System.gc();
        assertThat(registry.get("maa.notify.queue.size")
                        .tag("channel", "webhook")
                        .gauge()
                        .value())
                .isEqualTo(1.0);
        release.countDown();
        await().until(() -> count("maa.notify.sent") == 2.0);
        assertThat(server.received()).extracting(r -> r.header("X-MAA-Event")).containsExactly("SUBMITTED", "APPROVED");
    }

    @ParameterizedTest
    @EnumSource(Overflow.class)
    void fullQueue_dropsPerOverflowPolicy_andCountsIt(Overflow overflow) throws Exception {
        CountDownLatch release = server.hang();
        QueuedNotifier n = start(FAST.withQueueCapacity(2).withOverflow(overflow));
        n.notify(submitted("req-1"));
        assertThat(server.awaitFirstRequest()).isTrue();

        n.notify(submitted("req-2"));
        n.notify(submitted("req-3"));
        n.notify(submitted("req-4"));

        assertThat(n.pending()).isEqualTo(2);
        assertThat(dropped("queue_full")).isEqualTo(1.0);
        release.countDown();
        await().until(() -> count("maa.notify.sent") == 3.0);
        List<String> ids = server.received().stream()
                .map(r -> r.header("X-MAA-Delivery") == null ? "" : requestId(r))
                .toList();
        assertThat(ids)
                .containsExactly(
                        "req-1",
                        overflow == Overflow.DROP_OLDEST ? "req-3" : "req-2",
                        overflow == Overflow.DROP_OLDEST ? "req-4" : "req-3");
    }

    private static String requestId(WebhookServer.Received r) {
        try {
            return JSON.readTree(r.body()).get("request_id").asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void close_drainsWhatIsQueued() throws Exception {
        CountDownLatch release = server.hang();
        QueuedNotifier n = start(FAST);
        n.notify(submitted("req-1"));
        assertThat(server.awaitFirstRequest()).isTrue();
        n.notify(submitted("req-2"));
        n.notify(submitted("req-3"));
        n.shutdown();
        release.countDown();

        n.close();

        assertThat(count("maa.notify.sent")).isEqualTo(3.0);
        assertThat(server.received()).hasSize(3);
    }

    @Test
    void close_givesUpAtTheDrainTimeout_andCountsWhatIsLeft() throws Exception {
        server.hang();
        QueuedNotifier n = start(FAST.withDrainTimeout(Duration.ofMillis(200)));
        n.notify(submitted("req-1"));
        assertThat(server.awaitFirstRequest()).isTrue();
        n.notify(submitted("req-2"));

        n.close();

        // the queued one is dropped by close, the hanging one by the interrupted worker
        await().until(() -> dropped("shutdown") == 2.0);
        assertThat(count("maa.notify.sent")).isZero();
    }

    @Test
    void notify_afterClose_isDroppedAndCounted_withoutThrowing() {
        QueuedNotifier n = start(FAST);
        n.close();

        n.notify(submitted("req-1"));

        assertThat(dropped("closed")).isEqualTo(1.0);
        assertThat(server.received()).isEmpty();
    }

    @Test
    void logsAndToString_neverShowTheSecretOrTheUrlPath() {
        WebhookChannel channel =
                WebhookChannel.builder().url(server.url()).secret(SECRET).build();

        assertThat(channel.toString())
                .doesNotContain(SECRET)
                .doesNotContain("secret-path")
                .contains("127.0.0.1");
    }
}

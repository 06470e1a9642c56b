package dev.maa.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.api.Action;
import dev.maa.api.Effect;
import dev.maa.api.PolicyInput;
import dev.maa.api.PolicyUnavailableException;
import dev.maa.api.Principal;
import dev.maa.api.ResourceRef;
import dev.maa.api.ResourceType;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Faults of the OPA REST adapter: every one fails closed with PolicyUnavailableException. */
class OpaServerPolicyEngineTest {

    private static final String ALLOW = "{\"result\":{\"effect\":\"allow\",\"factors\":[],\"ttl\":null,"
            + "\"completion\":\"manual\",\"justification_required\":false,\"reasons\":[\"ok\"]},\"decision_id\":\"d-1\","
            + "\"provenance\":{\"bundles\":{\"maa\":{\"revision\":\"rev-7\"}}}}";

    private static PolicyInput input() {
        return new PolicyInput(
                Principal.of("alice"),
                ResourceRef.of(ResourceType.APP, "app-1"),
                Action.DELETE,
                null,
                "",
                "",
                false,
                false,
                Instant.parse("2026-11-23T10:00:00Z"));
    }

    /** Timeouts no answer of the fake server comes near, however loaded the machine; the slow-server test sets its own. */
    private static OpaServerPolicyEngine.Builder engine(URI uri) {
        return OpaServerPolicyEngine.builder(uri)
                .backoff(Duration.ofMillis(1))
                .readTimeout(Duration.ofSeconds(20))
                .connectTimeout(Duration.ofSeconds(20));
    }

    @Test
    void decide_postsInputToDataApi_andReadsResultAndRevision() throws IOException {
        AtomicReference<String> seen = new AtomicReference<>();
        try (FakeOpaServer opa = new FakeOpaServer((path, body, auth) -> {
            seen.set(path + " " + body);
            return new FakeOpaServer.Reply(200, ALLOW);
        })) {
            OpaServerPolicyEngine e = engine(opa.uri()).build();
            assertThat(e.decide(input()).effect()).isEqualTo(Effect.ALLOW);
            assertThat(seen.get()).startsWith("maa/decision {\"input\":{\"principal\":{\"id\":\"alice\"");
            assertThat(e.revision()).isEqualTo("rev-7");
            assertThat(e.decide(input()).policyRevision()).isEqualTo("rev-7");
        }
    }

    @Test
    void decide_withBearerToken_sendsAuthorizationHeader() throws IOException {
        AtomicReference<String> auth = new AtomicReference<>();
        try (FakeOpaServer opa = new FakeOpaServer((path, body, a) -> {
            auth.set(a);
            return new FakeOpaServer.Reply(200, ALLOW);
        })) {
            engine(opa.uri()).bearerToken("s3cret").build().decide(input());
            assertThat(auth.get()).isEqualTo("Bearer s3cret");
        }
    }

    @Test
    void decide_whenResultIsMissing_failsClosedAsUndefined() throws IOException {
        try (FakeOpaServer opa =
                new FakeOpaServer((p, b, a) -> new FakeOpaServer.Reply(200, "{\"decision_id\":\"d-9\"}"))) {
            assertThatThrownBy(() -> engine(opa.uri()).build().decide(input()))
                    .isInstanceOf(PolicyUnavailableException.class)
                    .hasMessageContaining("data.maa.decision is undefined")
                    .hasMessageContaining("decision_id d-9")
                    .hasMessageContaining("fail closed");
        }
    }

    @Test
    void decide_after500sThenSuccess_retriesAndDecides() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        try (FakeOpaServer opa = new FakeOpaServer((p, b, a) -> calls.incrementAndGet() < 3
                ? new FakeOpaServer.Reply(503, "{\"code\":\"unavailable\"}")
                : new FakeOpaServer.Reply(200, ALLOW))) {
            assertThat(engine(opa.uri()).maxAttempts(3).build().decide(input()).effect())
                    .isEqualTo(Effect.ALLOW);
            assertThat(calls).hasValue(3);
        }
    }

    @Test
    void decide_whenEvery_attemptIs500_failsClosedAfterBoundedRetries() throws IOException {
        try (FakeOpaServer opa =
                new FakeOpaServer((p, b, a) -> new FakeOpaServer.Reply(500, "{\"code\":\"internal_error\"}"))) {
            assertThatThrownBy(() -> engine(opa.uri()).maxAttempts(3).build().decide(input()))
                    .isInstanceOf(PolicyUnavailableException.class)
                    .hasMessageContaining("did not answer after 3 attempt(s)")
                    .hasMessageContaining("HTTP 500");
            assertThat(opa.requests).hasValue(3);
        }
    }

    @Test
    void decide_on4xx_failsClosedWithoutRetrying() throws IOException {
        try (FakeOpaServer opa = new FakeOpaServer((p, b, a) ->
                new FakeOpaServer.Reply(401, "{\"code\":\"unauthorized\",\"message\":\"missing token\"}"))) {
            assertThatThrownBy(() -> engine(opa.uri()).build().decide(input()))
                    .isInstanceOf(PolicyUnavailableException.class)
                    .hasMessageContaining("HTTP 401")
                    .hasMessageContaining("bearer token");
            assertThat(opa.requests).hasValue(1);
        }
    }

    @Test
    void decide_whenServerIsTooSlow_timesOutAndFailsClosed() throws IOException {
        CountDownLatch release = new CountDownLatch(1);
        try (FakeOpaServer opa = new FakeOpaServer((p, b, a) -> {
            release.await(5, TimeUnit.SECONDS);
            return new FakeOpaServer.Reply(200, ALLOW);
        })) {
            assertThatThrownBy(() -> engine(opa.uri())
                            .readTimeout(Duration.ofMillis(300))
                            .maxAttempts(2)
                            .build()
                            .decide(input()))
                    .isInstanceOf(PolicyUnavailableException.class)
                    .hasMessageContaining("HttpTimeoutException");
        } finally {
            release.countDown();
        }
    }

    @Test
    void decide_whenConnectionIsRefused_failsClosed() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertThatThrownBy(() -> engine(URI.create("http://127.0.0.1:" + port))
                        .maxAttempts(2)
                        .build()
                        .decide(input()))
                .isInstanceOf(PolicyUnavailableException.class)
                .hasMessageContaining("did not answer after 2 attempt(s)")
                .hasMessageContaining("ConnectException");
    }

    @Test
    void decide_onGarbageBody_failsClosed() throws IOException {
        try (FakeOpaServer opa =
                new FakeOpaServer((p, b, a) -> new FakeOpaServer.Reply(200, "<html>proxy error</html>"))) {
            assertThatThrownBy(() -> engine(opa.uri()).build().decide(input()))
                    .isInstanceOf(PolicyUnavailableException.class)
                    .hasMessageContaining("not a JSON object");
        }
    }

    @Test
    void decide_onMalformedDecision_failsClosed() throws IOException {
        String bad =
                "{\"result\":{\"effect\":\"require_approval\",\"factors\":[],\"ttl\":null,\"completion\":\"manual\","
                        + "\"justification_required\":false,\"reasons\":[]}}";
        try (FakeOpaServer opa = new FakeOpaServer((p, b, a) -> new FakeOpaServer.Reply(200, bad))) {
            assertThatThrownBy(() -> engine(opa.uri()).build().decide(input()))
                    .isInstanceOf(PolicyUnavailableException.class)
                    .hasMessageContaining("Malformed data.maa.decision");
        }
    }

    @Test
    void mayReview_queriesReviewAllowed() throws IOException {
        AtomicReference<String> path = new AtomicReference<>();
        try (FakeOpaServer opa = new FakeOpaServer((p, b, a) -> {
            path.set(p);
            return new FakeOpaServer.Reply(200, FakeOpaServer.JSON.writeValueAsString(Map.of("result", false)));
        })) {
            var request = dev.maa.api.ApprovalRequest.builder()
                    .id("r")
                    .resource(ResourceRef.of(ResourceType.APP, "a"))
                    .action(Action.DELETE)
                    .operation(new dev.maa.api.Operation("C", "m", null))
                    .requester(Principal.of("alice"))
                    .payload("{}")
                    .digest("0")
                    .createdAt(Instant.EPOCH)
                    .expiresAt(Instant.EPOCH.plusSeconds(1))
                    .build();
            assertThat(engine(opa.uri()).build().mayReview(Principal.of("bob"), request))
                    .isFalse();
            assertThat(path.get()).isEqualTo("maa/review/allowed");
        }
    }

    @Test
    void builder_rejectsNonHttpUriAndSillyRetries() {
        assertThatThrownBy(() -> OpaServerPolicyEngine.builder(URI.create("ftp://x")))
                .hasMessageContaining("http or https");
        assertThatThrownBy(() ->
                        OpaServerPolicyEngine.builder(URI.create("http://x")).maxAttempts(0))
                .hasMessageContaining("between 1 and 10");
    }
}

package dev.maa.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.Principal;
import dev.maa.api.Status;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every endpoint × every kind of caller: anonymous, forged (wrong key), expired, wrong audience, wrong issuer,
 * the requester, an approver in the group, an administrator outside every approver group, a reader outside the
 * approver groups, and a requester who is also in the approver group (self-review refused). Each row runs on a
 * fresh request and asserts the status code, problem+json for errors, and that a refused call changed nothing.
 */
class AuthorizationMatrixTest {

    private static TestServer t;
    private static final AtomicInteger APP = new AtomicInteger();

    /** Caller identities: name → token (null = anonymous). */
    private static final Map<String, Function<TestServer, String>> CALLERS = new LinkedHashMap<>();

    static {
        CALLERS.put("anonymous", s -> null);
        CALLERS.put(
                "forged",
                s -> TestServer.jwt(
                        "bob",
                        List.of("App Approvers"),
                        "another-secret-0123456789-abcdefghijklmnopqrstuvw",
                        TestServer.AUDIENCE,
                        TestServer.ISSUER,
                        Instant.now().plusSeconds(600)));
        CALLERS.put(
                "expired",
                s -> TestServer.jwt(
                        "bob",
                        List.of("App Approvers"),
                        TestServer.SECRET,
                        TestServer.AUDIENCE,
                        TestServer.ISSUER,
                        Instant.now().minusSeconds(3600)));
        CALLERS.put(
                "wrongAudience",
                s -> TestServer.jwt(
                        "bob",
                        List.of("App Approvers"),
                        TestServer.SECRET,
                        "another-service",
                        TestServer.ISSUER,
                        Instant.now().plusSeconds(600)));
        CALLERS.put(
                "wrongIssuer",
                s -> TestServer.jwt(
                        "bob",
                        List.of("App Approvers"),
                        TestServer.SECRET,
                        TestServer.AUDIENCE,
                        "https://evil.test",
                        Instant.now().plusSeconds(600)));
        CALLERS.put("requester", s -> s.tokenFor("alice"));
        CALLERS.put("approver", s -> s.tokenFor("bob"));
        CALLERS.put("outsider", s -> s.tokenFor("mallory"));
        CALLERS.put("reader", s -> s.tokenFor("audrey"));
        CALLERS.put("selfApprover", s -> s.tokenFor("sam"));
    }

    private static final List<String> UNAUTHENTICATED =
            List.of("anonymous", "forged", "expired", "wrongAudience", "wrongIssuer");

    /**
     * Expected status per endpoint for the authenticated callers, in the order requester, approver, outsider,
     * reader, selfApprover. "selfApprover" acts on a request it made itself. Requests start NEEDS_APPROVAL, except
     * for complete (APPROVED first).
     */
    private static final Map<String, int[]> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put("GET /health", new int[] {200, 200, 200, 200, 200});
        EXPECTED.put("GET /api/v1/openapi.json", new int[] {200, 200, 200, 200, 200});
        EXPECTED.put("GET /console", new int[] {200, 200, 200, 200, 200});
        EXPECTED.put("GET /console/app.js", new int[] {200, 200, 200, 200, 200});
        EXPECTED.put("GET /", new int[] {302, 302, 302, 302, 302});
        EXPECTED.put("GET /metrics", new int[] {200, 200, 200, 200, 200});
        EXPECTED.put("GET /api/v1/me", new int[] {200, 200, 200, 200, 200});
        EXPECTED.put("GET /api/v1/requests?view=mine", new int[] {200, 200, 200, 200, 200});
        EXPECTED.put("GET /api/v1/requests?view=received", new int[] {200, 200, 200, 200, 200});
        EXPECTED.put("GET /api/v1/requests?view=all", new int[] {403, 403, 403, 200, 403});
        EXPECTED.put("GET /api/v1/requests?view=post-review", new int[] {200, 200, 200, 200, 200});
        EXPECTED.put("GET /api/v1/requests/{id}", new int[] {200, 200, 404, 200, 200});
        EXPECTED.put("POST /api/v1/requests/{id}/approve", new int[] {403, 200, 404, 403, 403});
        EXPECTED.put("POST /api/v1/requests/{id}/reject", new int[] {403, 200, 404, 403, 403});
        // nobody has approved yet, so nobody has an approval to withdraw: a state conflict for whoever may see it
        EXPECTED.put("POST /api/v1/requests/{id}/withdraw", new int[] {409, 409, 404, 409, 409});
        EXPECTED.put("POST /api/v1/requests/{id}/cancel", new int[] {200, 403, 404, 403, 200});
        EXPECTED.put("POST /api/v1/requests/{id}/complete", new int[] {200, 403, 404, 403, 200});
        // The matrix posts {} on a normal request: whoever may see it gets 400 (notes are required, checked before
        // the service); the outsider 404 as everywhere. The break-glass flow is in PostEmergencyReviewTest.
        EXPECTED.put("POST /api/v1/requests/{id}/close-review", new int[] {400, 400, 404, 400, 400});
        EXPECTED.put("GET /api/v1/policies", new int[] {200, 200, 200, 200, 200});
        EXPECTED.put("POST /api/v1/policies", new int[] {400, 400, 400, 400, 400});
        // any signed-in caller may ask what would happen; {} has no input (PolicyEvalRestTest evaluates)
        EXPECTED.put("POST /api/v1/policies/eval", new int[] {400, 400, 400, 400, 400});
        // authoring (PolicyAuthoringRestTest): any signed-in caller may propose a change, which a second admin
        // approves;
        // without a baseRevision nothing is proposed; {} runs the active set's tests
        EXPECTED.put("POST /api/v1/policies/access-policies", new int[] {400, 400, 400, 400, 400});
        EXPECTED.put("PUT /api/v1/policies/access-policies/{name}", new int[] {400, 400, 400, 400, 400});
        EXPECTED.put("DELETE /api/v1/policies/access-policies/{name}", new int[] {400, 400, 400, 400, 400});
        EXPECTED.put("PUT /api/v1/policies/modules", new int[] {400, 400, 400, 400, 400});
        EXPECTED.put("DELETE /api/v1/policies/modules", new int[] {400, 400, 400, 400, 400});
        EXPECTED.put("POST /api/v1/policies/test", new int[] {200, 200, 200, 200, 200});
        // a dry run's impact preview is read by its author only: a request id names none, for anyone
        EXPECTED.put("GET /api/v1/policies/impact-previews/{id}", new int[] {404, 404, 404, 404, 404});
        EXPECTED.put("GET /api/v1/audit", new int[] {403, 403, 403, 200, 403});
        EXPECTED.put("GET /api/v1/audit/verify", new int[] {403, 403, 403, 200, 403});
        EXPECTED.put("GET /api/v1/events", new int[] {200, 200, 200, 200, 200});
        EXPECTED.put("GET /bundles/maa.tar.gz", new int[] {200, 200, 200, 200, 200});
        // passkeys: this server has no approvals: section, so every signed-in caller is told to set it up (501);
        // PasskeyRestTest covers a server that verifies passkeys
        EXPECTED.put("GET /api/v1/passkeys", new int[] {501, 501, 501, 501, 501});
        EXPECTED.put("POST /api/v1/passkeys/registrations", new int[] {501, 501, 501, 501, 501});
        EXPECTED.put("POST /api/v1/passkeys/registrations/{id}", new int[] {501, 501, 501, 501, 501});
        EXPECTED.put("POST /api/v1/passkeys/enrollments", new int[] {501, 501, 501, 501, 501});
        EXPECTED.put("GET /api/v1/passkeys/trust", new int[] {501, 501, 501, 501, 501});
        EXPECTED.put("POST /api/v1/passkeys/{id}/revocations", new int[] {501, 501, 501, 501, 501});
        EXPECTED.put("GET /api/v1/requests/{id}/statement", new int[] {501, 501, 501, 501, 501});
        // console sign-in: public; this server (HS256, no auth.oidc) has no provider and takes no pasted token, and a
        // bearer token never makes a session (OidcSignInTest signs in)
        EXPECTED.put("GET /auth/session", new int[] {200, 200, 200, 200, 200});
        EXPECTED.put("POST /auth/session", new int[] {403, 403, 403, 403, 403});
        EXPECTED.put("POST /auth/logout", new int[] {200, 200, 200, 200, 200});
        EXPECTED.put("GET /auth/login", new int[] {404, 404, 404, 404, 404});
        EXPECTED.put("GET /auth/callback", new int[] {404, 404, 404, 404, 404});
        EXPECTED.put("GET /api/v1/auth/oidc", new int[] {404, 404, 404, 404, 404});
    }

    private static final List<String> PUBLIC = List.of(
            "GET /health",
            "GET /api/v1/openapi.json",
            "GET /console",
            "GET /console/app.js",
            "GET /",
            "GET /auth/session",
            "POST /auth/session",
            "POST /auth/logout",
            "GET /auth/login",
            "GET /auth/callback",
            "GET /api/v1/auth/oidc");

    @BeforeAll
    static void start() {
        t = new TestServer();
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    static Stream<Arguments> matrix() {
        List<Arguments> rows = new ArrayList<>();
        List<String> authenticated = List.of("requester", "approver", "outsider", "reader", "selfApprover");
        for (Map.Entry<String, int[]> e : EXPECTED.entrySet()) {
            for (String caller : CALLERS.keySet()) {
                int expected;
                if (UNAUTHENTICATED.contains(caller)) {
                    expected = PUBLIC.contains(e.getKey()) ? e.getValue()[0] : 401;
                } else {
                    expected = e.getValue()[authenticated.indexOf(caller)];
                }
                rows.add(Arguments.of(e.getKey(), caller, expected));
            }
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0} as {1} -> {2}")
    @MethodSource("matrix")
    void endpoint_asCaller_givesExpectedStatus(String endpoint, String caller, int expected) {
        String requester = caller.equals("selfApprover") ? "sam" : "alice";
        String id = t.parkUpdate(requester, "app-m" + APP.incrementAndGet(), "CHG-" + APP.get() + " matrix");
        if (endpoint.endsWith("/complete")) {
            t.engine.approvals().approve(id, Principal.of("carol", "App Approvers"), "ok for the matrix");
        }
        ApprovalRequest before = t.request(id);
        String method = endpoint.substring(0, endpoint.indexOf(' '));
        String path = endpoint.substring(endpoint.indexOf(' ') + 1)
                .replace("{id}", id)
                .replace("{name}", "App%20changes");
        String body = method.equals("POST") ? "{}" : null;

        HttpResponse<String> res;
        if (path.equals("/api/v1/events")) {
            var stream = t.stream(path, CALLERS.get(caller).apply(t));
            assertThat(stream.statusCode()).as(endpoint + " as " + caller).isEqualTo(expected);
            if (expected == 200) {
                assertThat(stream.headers().firstValue("Content-Type").orElse(""))
                        .startsWith("text/event-stream");
                stream.body().close();
                return;
            }
            res = t.send(method, path, CALLERS.get(caller).apply(t), body);
        } else {
            res = t.send(method, path, CALLERS.get(caller).apply(t), body);
        }

        assertThat(res.statusCode())
                .as(endpoint + " as " + caller + ": " + res.body())
                .isEqualTo(expected);
        if (expected >= 400) {
            assertThat(res.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
            assertThat(res.body())
                    .contains("\"title\"", "\"status\":" + expected, "\"instance\"")
                    .doesNotContain("Exception", "\tat ");
            ApprovalRequest after = t.request(id);
            assertThat(after.version()).as("a refused call changes nothing").isEqualTo(before.version());
            assertThat(after.status()).isEqualTo(before.status());
        }
        if (expected == 401) {
            assertThat(res.headers().firstValue("WWW-Authenticate")).isPresent();
        }
    }

    @Test
    void selfReview_isRefused_evenForAMemberOfTheApproverGroup() {
        String id = t.parkUpdate("sam", "app-self", "CHG-self");
        HttpResponse<String> res =
                t.post("/api/v1/requests/" + id + "/approve", t.tokenFor("sam"), "{\"notes\":\"looks fine to me\"}");
        assertThat(res.statusCode()).isEqualTo(403);
        assertThat(res.body()).contains("review-not-allowed", "never review their own request");
        assertThat(t.request(id).status()).isEqualTo(Status.NEEDS_APPROVAL);
        assertThat(t.request(id).reviews()).isEmpty();
    }

    @Test
    void groupsInTheToken_doNotMakeAnApprover_theDirectoryDecides() {
        String id = t.parkUpdate("alice", "app-claims", "CHG-claims");
        String token = TestServer.jwt("audrey", List.of("App Approvers"));
        HttpResponse<String> res = t.post("/api/v1/requests/" + id + "/approve", token, "{}");
        assertThat(res.statusCode()).isEqualTo(403);
        assertThat(t.request(id).reviews()).isEmpty();
    }

    @Test
    void everyRegisteredRoute_isInTheMatrix() {
        List<String> covered = EXPECTED.keySet().stream()
                .map(k -> k.replaceAll("\\?.*", "").toLowerCase())
                .toList();
        for (String route : t.server.routes()) {
            String[] parts = route.split(" ");
            String key = parts[0] + " " + parts[1];
            boolean consoleAsset = parts[1].equals("/console/{asset}");
            assertThat(consoleAsset || covered.contains(key.toLowerCase()))
                    .as("route " + route + " is in the matrix")
                    .isTrue();
        }
    }
}

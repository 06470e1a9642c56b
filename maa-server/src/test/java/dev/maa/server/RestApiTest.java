package dev.maa.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maa.api.Principal;
import dev.maa.api.Status;
import dev.maa.server.internal.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The REST API end to end over real HTTP: the Intune flow, request details, policies, bundle, audit, metrics. */
class RestApiTest {

    private static TestServer t;

    @BeforeAll
    static void start() {
        t = new TestServer();
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    private static JsonNode json(HttpResponse<String> res) {
        return Json.readOrNull(res.body());
    }

    @Test
    void submit_approveWithNotes_complete_runsTheCallOnce() {
        String id = t.parkUpdate("alice", "app-flow", "CHG-100 upgrade");

        JsonNode received = json(t.get("/api/v1/requests?view=received&status=needs_approval", t.tokenFor("bob")));
        assertThat(received.path("items").findValuesAsText("id")).contains(id);
        JsonNode mine = json(t.get("/api/v1/requests?view=mine", t.tokenFor("alice")));
        assertThat(mine.path("items").findValuesAsText("id")).contains(id);
        JsonNode samReceived = json(t.get("/api/v1/requests?view=received", t.tokenFor("sam")));
        assertThat(samReceived.path("items").findValuesAsText("id")).contains(id);

        JsonNode shown = json(t.get("/api/v1/requests/" + id, t.tokenFor("bob")));
        assertThat(shown.path("actions").toString()).isEqualTo("[\"approve\",\"reject\"]");
        HttpResponse<String> approved = t.post(
                "/api/v1/requests/" + id + "/approve",
                t.tokenFor("bob"),
                "{\"notes\":\"checked with the owner\",\"digest\":\""
                        + shown.path("call").path("digest").asText() + "\"}");
        assertThat(approved.statusCode()).isEqualTo(200);
        assertThat(json(approved).path("status").asText()).isEqualTo("APPROVED");
        assertThat(json(approved).path("reviews").get(0).path("notes").asText()).isEqualTo("checked with the owner");

        HttpResponse<String> completed = t.post("/api/v1/requests/" + id + "/complete", t.tokenFor("alice"), null);
        assertThat(completed.statusCode()).isEqualTo(200);
        assertThat(json(completed).path("status").asText()).isEqualTo("COMPLETED");
        assertThat(t.effects.count("updated app app-flow to 2.0")).isEqualTo(1);

        HttpResponse<String> again = t.post("/api/v1/requests/" + id + "/complete", t.tokenFor("alice"), null);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).path("title").asText()).contains("Reload");
        assertThat(json(again).path("kind").asText()).isEqualTo("CONFLICT");
        assertThat(json(again).path("type").asText()).endsWith("/illegal-request-state");
        assertThat(t.effects.count("updated app app-flow to 2.0")).isEqualTo(1);
    }

    @Test
    void show_rendersTheParkedCall_diff_history() {
        String id = t.parkUpdate("alice", "app-show", "CHG-101 show me");
        JsonNode r = json(t.get("/api/v1/requests/" + id, t.tokenFor("alice")));
        assertThat(r.path("justification").asText()).isEqualTo("CHG-101 show me");
        JsonNode call = r.path("call");
        assertThat(call.path("class").asText()).isEqualTo("dev.maa.samples.deviceadmin.AppCatalog");
        assertThat(call.path("method").asText()).isEqualTo("updateApp");
        JsonNode arg = call.path("arguments").get(0);
        assertThat(arg.path("name").asText()).isEqualTo("app");
        assertThat(arg.path("type").asText()).isEqualTo("dev.maa.samples.deviceadmin.App");
        assertThat(arg.path("value").path("version").asText()).isEqualTo("2.0");
        assertThat(r.path("diff").path("unified").asText()).contains("-version: 1.0", "+version: 2.0");
        assertThat(r.path("history").get(0).path("event").asText()).isEqualTo("SUBMITTED");
        assertThat(r.path("actions").toString()).isEqualTo("[\"cancel\"]");
    }

    @Test
    void approve_withAStaleDigest_isRefused_andChangesNothing() {
        String id = t.parkUpdate("alice", "app-digest", "CHG-102");
        HttpResponse<String> res = t.post(
                "/api/v1/requests/" + id + "/approve", t.tokenFor("bob"), "{\"digest\":\"" + "0".repeat(64) + "\"}");
        assertThat(res.statusCode()).isEqualTo(409);
        assertThat(t.request(id).status()).isEqualTo(Status.NEEDS_APPROVAL);
    }

    @Test
    void badInput_is400_namingTheField() {
        String id = t.parkUpdate("alice", "app-bad", "CHG-103");
        assertThat(t.post("/api/v1/requests/" + id + "/approve", t.tokenFor("bob"), "{\"note\":\"typo\"}")
                        .body())
                .contains("\"status\":400", "'note' is invalid");
        assertThat(t.post("/api/v1/requests/" + id + "/approve", t.tokenFor("bob"), "{\"notes\":5}")
                        .body())
                .contains("'notes' is invalid", "must be a string");
        assertThat(t.post("/api/v1/requests/" + id + "/approve", t.tokenFor("bob"), "{notes")
                        .body())
                .contains("'body' is invalid", "not valid JSON");
        assertThat(t.get("/api/v1/requests?limit=0", t.tokenFor("bob")).body()).contains("'limit' is invalid");
        assertThat(t.get("/api/v1/requests?status=DONE", t.tokenFor("bob")).body())
                .contains("'status' is invalid");
        assertThat(t.get("/api/v1/requests?view=everything", t.tokenFor("bob")).body())
                .contains("'view' is invalid");
        assertThat(t.get("/api/v1/requests/no-such-request", t.tokenFor("bob")).statusCode())
                .isEqualTo(404);
        assertThat(t.get("/api/v1/nothing-here", t.tokenFor("bob"))
                        .headers()
                        .firstValue("Content-Type")
                        .orElse(""))
                .startsWith("application/problem+json");
        assertThat(t.request(id).reviews()).isEmpty();
    }

    @Test
    void paging_hasMore_andOffset() {
        for (int i = 0; i < 3; i++) {
            t.parkUpdate("alice", "app-page" + i, "CHG-page");
        }
        JsonNode first = json(t.get("/api/v1/requests?view=mine&limit=2", t.tokenFor("alice")));
        assertThat(first.path("items").size()).isEqualTo(2);
        assertThat(first.path("hasMore").asBoolean()).isTrue();
        JsonNode second = json(t.get("/api/v1/requests?view=mine&limit=2&offset=2", t.tokenFor("alice")));
        assertThat(second.path("items").get(0).path("id").asText())
                .isNotIn(first.path("items").findValuesAsText("id"));
    }

    @Test
    void received_leavesOutOwnRequests_andPagesOverTheRest() {
        String own = t.parkUpdate("sam", "app-recv-own", "CHG-own");
        String a = t.parkUpdate("alice", "app-recv-a", "CHG-a");
        String b = t.parkUpdate("alice", "app-recv-b", "CHG-b");
        JsonNode first = json(t.get("/api/v1/requests?view=received&status=NEEDS_APPROVAL&limit=1", t.tokenFor("sam")));
        assertThat(first.path("items").findValuesAsText("id")).containsExactly(b);
        assertThat(first.path("hasMore").asBoolean()).isTrue();
        JsonNode second =
                json(t.get("/api/v1/requests?view=received&status=NEEDS_APPROVAL&limit=1&offset=1", t.tokenFor("sam")));
        assertThat(second.path("items").findValuesAsText("id")).containsExactly(a);
        JsonNode all = json(t.get("/api/v1/requests?view=received&limit=999", t.tokenFor("sam")));
        assertThat(all.path("items").findValuesAsText("id")).contains(a, b).doesNotContain(own);
    }

    /** One decision-log event: a script deployment the demo policies park for two approvals. */
    private void recordScriptDeployment() {
        t.recordDecisions(TestServer.call(
                "alice", dev.maa.api.ResourceType.SCRIPT, dev.maa.api.Action.DEPLOY, "com.acme.Scripts", "deploy"));
    }

    @Test
    void policyChange_parksARequest_thatASecondAdministratorApproves() throws Exception {
        String yaml = t.policyService.active().isPresent()
                ? ""
                : dev.maa.policies.PolicySet.fromClasspath(dev.maa.policies.PolicySet.DEMO)
                        .dataFile()
                        .orElseThrow();
        String content = dev.maa.policies.PolicySet.fromClasspath(dev.maa.policies.PolicySet.DEMO)
                .files()
                .get(yaml)
                .replace("required_approvals: 2", "required_approvals: 1");
        String body =
                "{\"files\":{" + Json.write(yaml) + ":" + Json.write(content) + "},\"justification\":\"CHG-200\"}";
        recordScriptDeployment();
        String etag = t.get("/bundles/maa.tar.gz", t.tokenFor("bob"))
                .headers()
                .firstValue("ETag")
                .orElseThrow();

        HttpResponse<String> pushed = t.post("/api/v1/policies", t.tokenFor("alice"), body);
        assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(202);
        String id = json(pushed).path("requestId").asText();
        // the impact is computed after the push answered, then sealed in the request's trail
        assertThat(t.policyService.awaitImpacts(java.time.Duration.ofMinutes(1)))
                .isTrue();
        JsonNode request = json(t.get("/api/v1/requests/" + id, t.tokenFor("carol")));
        assertThat(request.path("resource").path("type").asText()).isEqualTo("ACCESS_POLICY");
        // the first change is based on revision 0 (nothing stored yet), so the whole set shows as added
        assertThat(request.path("diff").path("unified").asText())
                .contains("Policy change", "+++ b/access-policies.yaml", "+    required_approvals: 1");
        // the recorded script deployment would need fewer approvals
        JsonNode impact = request.path("impact");
        assertThat(impact.path("state").asText()).isEqualTo("computed");
        assertThat(impact.path("decisions").asLong()).as(impact.toString()).isEqualTo(1);
        assertThat(impact.path("by_method").get(0).path("method").asText()).isEqualTo("com.acme.Scripts.deploy");
        assertThat(impact.path("by_method").get(0).path("to").asText()).isEqualTo("require_approval (factors changed)");
        assertThat(t.post("/api/v1/policies", t.tokenFor("alice"), body).statusCode())
                .isEqualTo(409);

        assertThat(t.post("/api/v1/requests/" + id + "/approve", t.tokenFor("carol"), "{}")
                        .statusCode())
                .isEqualTo(200);
        HttpResponse<String> done = t.post("/api/v1/requests/" + id + "/complete", t.tokenFor("alice"), "{}");
        assertThat(json(done).path("status").asText()).as(done.body()).isEqualTo("COMPLETED");

        JsonNode policies = json(t.get("/api/v1/policies", t.tokenFor("bob")));
        assertThat(policies.path("revisions").get(0).path("approvers").toString())
                .contains("carol");
        HttpResponse<String> bundle = t.get("/bundles/maa.tar.gz", t.tokenFor("bob"));
        assertThat(bundle.headers().firstValue("ETag").orElseThrow()).isNotEqualTo(etag);
    }

    @Test
    void bundle_isAGzippedTar_withTheRevisionAsETag_and304WhenUnchanged() throws Exception {
        HttpResponse<byte[]> res = t.http.send(
                HttpRequest.newBuilder(t.uri("/bundles/maa.tar.gz"))
                        .header("Authorization", "Bearer " + t.tokenFor("bob"))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(res.statusCode()).isEqualTo(200);
        String etag = res.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).isEqualTo("\"" + t.server.config().policyEngine().revision() + "\"");
        String manifest = untarFirst(res.body());
        assertThat(manifest).contains("\"revision\"");

        HttpResponse<String> again = t.http.send(
                HttpRequest.newBuilder(t.uri("/bundles/maa.tar.gz"))
                        .header("Authorization", "Bearer " + t.tokenFor("bob"))
                        .header("If-None-Match", etag)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(304);
    }

    private static String untarFirst(byte[] gz) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            byte[] tar = in.readAllBytes();
            String name = new String(tar, 0, 100).trim();
            assertThat(name).contains(".manifest");
            int size = Integer.parseInt(new String(tar, 124, 11).trim(), 8);
            return new String(tar, 512, size);
        }
    }

    @Test
    void auditVerify_namesTheFailedCheck_afterARowIsEditedInTheDatabase() throws SQLException {
        t.parkUpdate("alice", "app-verify", "CHG-301");
        JsonNode intact = Json.readOrNull(
                t.get("/api/v1/audit/verify", t.tokenFor("audrey")).body());
        assertThat(intact.path("intact").asBoolean()).as(intact.toString()).isTrue();
        assertThat(intact.path("entriesChecked").asLong()).isPositive();

        try (Connection c = t.store.dataSource().getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE maa_audit SET detail = '{}' WHERE seq = (SELECT MAX(seq) FROM maa_audit)");
        }

        JsonNode broken = Json.readOrNull(
                t.get("/api/v1/audit/verify", t.tokenFor("audrey")).body());
        assertThat(broken.path("intact").asBoolean()).isFalse();
        assertThat(broken.path("problems").toString()).contains("check 'mac' failed");
    }

    @Test
    void audit_streamsJsonLines_thatChain() {
        t.parkUpdate("alice", "app-audit", "CHG-300");
        HttpResponse<String> res = t.get("/api/v1/audit", t.tokenFor("audrey"));
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type").orElse("")).startsWith("application/x-ndjson");
        String previous = null;
        for (String line : res.body().split("\n")) {
            JsonNode e = Json.readOrNull(line);
            assertThat(e.path("hash").asText()).hasSize(64);
            if (previous != null) {
                assertThat(e.path("prevHash").asText()).isEqualTo(previous);
            }
            previous = e.path("hash").asText();
        }
        assertThat(res.body()).contains("CHG-300");
    }

    @Test
    void metrics_showAuditModeOutcomes_perPolicyAndMethod() {
        t.engine.decisionCounts().would("would_require_approval", "App changes", "com.acme.Apps.delete");

        String text = t.get("/metrics", t.tokenFor("bob")).body();

        assertThat(text)
                .contains(
                        "maa_audit_mode_would_total{method=\"com.acme.Apps.delete\",outcome=\"would_require_approval\","
                                + "policy=\"App changes\"} 1.0");
    }

    @Test
    void metrics_arePrometheusText_withStatusCounts_actions_andHttpTimings() {
        String id = t.parkUpdate("alice", "app-metrics", "CHG-400");
        t.post("/api/v1/requests/" + id + "/reject", t.tokenFor("bob"), "{\"notes\":\"no\"}");
        t.engine.approvals().get(id);
        String text = t.get("/metrics", t.tokenFor("bob")).body();
        assertThat(text)
                .contains(
                        "maa_requests{status=\"REJECTED\"}",
                        "maa_reviews_total{verdict=\"reject\"}",
                        "maa_request_actions_total{action=\"reject\",outcome=\"ok\"}",
                        "maa_http_server_requests_seconds_count{method=\"POST\",route=\"/api/v1/requests/{id}/reject\",status=\"200\"}");
    }

    @Test
    void health_isPublic() {
        HttpResponse<String> res = t.get("/health", null);
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).contains("\"status\":\"UP\"");
    }

    @Test
    void health_reportsTheClockSkewAgainstTheDatabase() throws IOException {
        JsonNode clock = Json.mapper().readTree(t.get("/health", null).body()).path("clock");
        assertThat(clock.path("inSync").asBoolean(false)).as(clock.toString()).isTrue();
        assertThat(clock.path("boundMillis").asLong()).isEqualTo(2_000);
        assertThat(clock.path("detail").asText()).contains("within 2000 ms of the database's");
    }

    @Test
    void console_isServedWithAStrictContentSecurityPolicy() {
        HttpResponse<String> res = t.get("/console/", null);
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).contains("Multi Admin Approval", "Access policies", "Received requests");
        assertThat(res.headers().firstValue("Content-Security-Policy").orElse(""))
                .contains("script-src 'self'")
                .doesNotContain("unsafe-inline");
    }

    @Test
    void unknownUser_withAValidToken_canActOnlyAsThemselves() {
        String id = t.parkUpdate("alice", "app-ghost", "CHG-500");
        HttpResponse<String> res = t.post(
                "/api/v1/requests/" + id + "/approve",
                TestServer.jwt("ghost", java.util.List.of("App Approvers", "Auditors")),
                "{}");
        assertThat(res.statusCode()).isEqualTo(404); // the claimed groups grant nothing, not even a sight of it
        assertThat(t.request(id).reviews()).isEmpty();
        t.engine.approvals().approve(id, Principal.of("bob"), "fine");
    }

    // ---- what an approver sees is what is approved ----

    @Test
    void show_ofAPayloadTamperedInTheStore_saysTheDigestDoesNotMatch_andApproveAndRejectAreRefused() {
        String id = t.parkUpdate("alice", "app-tamper", "CHG-200");
        JsonNode before = json(t.get("/api/v1/requests/" + id, t.tokenFor("bob")));
        assertThat(before.path("digestVerified").asBoolean()).isTrue();
        t.tamperPayload(id, t.request(id).payload().replace("\"2.0\"", "\"6.6.6\""));

        JsonNode r = json(t.get("/api/v1/requests/" + id, t.tokenFor("bob")));
        assertThat(r.path("digestVerified").asBoolean()).isFalse();
        assertThat(r.path("payloadDigest").asText())
                .isNotEqualTo(r.path("call").path("digest").asText());

        HttpResponse<String> approve =
                t.post("/api/v1/requests/" + id + "/approve", t.tokenFor("bob"), "{\"notes\":\"ok\"}");
        assertThat(approve.statusCode()).isEqualTo(409);
        assertThat(json(approve).path("detail").asText())
                .contains("Refusing to approve request " + id, "does not match", "altered in the store");
        assertThat(t.post("/api/v1/requests/" + id + "/reject", t.tokenFor("bob"), "{}")
                        .statusCode())
                .isEqualTo(409);
        assertThat(t.request(id).reviews()).isEmpty();
        assertThat(t.request(id).status()).isEqualTo(Status.NEEDS_APPROVAL);
    }

    @Test
    void diff_afterCompletion_isTheOneCapturedAtPark() {
        String id = t.parkUpdate("alice", "app-captured", "CHG-201");
        assertThat(t.post("/api/v1/requests/" + id + "/approve", t.tokenFor("bob"), "{}")
                        .statusCode())
                .isEqualTo(200);
        assertThat(t.post("/api/v1/requests/" + id + "/complete", t.tokenFor("alice"), null)
                        .statusCode())
                .isEqualTo(200);
        assertThat(t.catalog.findApp("app-captured").orElseThrow().version())
                .as("the update ran")
                .isEqualTo("2.0");

        JsonNode diff =
                json(t.get("/api/v1/requests/" + id, t.tokenFor("alice"))).path("diff");

        assertThat(diff.path("source").asText()).isEqualTo("captured");
        assertThat(Instant.parse(diff.path("capturedAt").asText()).truncatedTo(ChronoUnit.MILLIS))
                .isEqualTo(t.request(id).createdAt().truncatedTo(ChronoUnit.MILLIS));
        assertThat(diff.path("unified").asText()).contains("-version: 1.0", "+version: 2.0");
    }

    @Test
    void show_escapesHiddenCharacters_inTheTextsForReading_andKeepsTheRawValues() {
        String id = t.parkUpdate("alice", "app-\u202Edorp-tset", "CHG-202\u200B");
        JsonNode r = json(t.get("/api/v1/requests/" + id, t.tokenFor("bob")));

        JsonNode arg = r.path("call").path("arguments").get(0);
        assertThat(arg.path("hiddenCharacters").asBoolean()).isTrue();
        assertThat(arg.path("display").asText())
                .contains("app-⟨U+202E⟩dorp-tset")
                .doesNotContain("\u202E");
        assertThat(r.path("call").path("readable").asText()).contains("app-⟨U+202E⟩dorp-tset");
        assertThat(arg.path("value").path("id").asText()).as("raw for programs").isEqualTo("app-\u202Edorp-tset");
        assertThat(r.path("resource").path("objectId").asText()).isEqualTo("app-\u202Edorp-tset");
    }
}

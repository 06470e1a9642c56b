package dev.maa.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maa.api.ApprovalRequiredException;
import dev.maa.api.Maa;
import dev.maa.api.Platform;
import dev.maa.api.RequestQuery;
import dev.maa.api.Status;
import dev.maa.api.TextLimits;
import dev.maa.api.TextTooLongException;
import dev.maa.samples.deviceadmin.App;
import dev.maa.server.internal.Json;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Limits and strict input: oversized justification and notes are refused by the engine before anything is stored,
 * with a caller error that carries no internal detail; bodies with repeated members, unpaired surrogates or a
 * non-JSON content type and unknown query parameters are refused with problem+json naming what was wrong.
 */
class InputLimitsTest {

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

    private static void assertProblem(HttpResponse<String> res, int status, String... detailParts) {
        assertThat(res.statusCode()).as(res.body()).isEqualTo(status);
        assertThat(res.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(json(res).path("detail").asText()).contains(detailParts);
        assertThat(res.body()).doesNotContainIgnoringCase("jdbc").doesNotContain("SELECT", "INSERT", "Exception");
    }

    @Test
    void park_withTenMegabyteJustification_isRefusedAsCallerError_andNothingIsStored() {
        t.catalog.createApp(new App("app-huge", "Contoso huge", "1.0", Platform.WINDOWS));
        String justification = "CHG-1 " + "x".repeat(10 * 1024 * 1024);
        TextTooLongException e;
        try (var as = Maa.actingAs(t.directory.find("alice").orElseThrow());
                var why = Maa.justify(justification)) {
            e = catchThrowableOfType(
                    TextTooLongException.class,
                    () -> t.apps.updateApp(new App("app-huge", "Contoso huge", "2.0", Platform.WINDOWS)));
        }
        assertThat(e).as("a caller error, not StoreUnavailableException").isNotNull();
        assertThat(e.field()).isEqualTo("justification");
        assertThat(e.limit()).isEqualTo(TextLimits.MAX_JUSTIFICATION);
        assertThat(e.getMessage())
                .contains("at most 1024", "Nothing was parked")
                .doesNotContainIgnoringCase("jdbc")
                .doesNotContain("CHG-1 xxx")
                .hasSizeLessThan(400);
        assertThat(t.engine.approvals().list(RequestQuery.all().page(0, 1000)))
                .noneMatch(r -> r.resource().objectId().equals("app-huge"));
    }

    @Test
    void park_withJustificationAtTheLimit_isParked() {
        t.catalog.createApp(new App("app-limit", "Contoso limit", "1.0", Platform.WINDOWS));
        try (var as = Maa.actingAs(t.directory.find("alice").orElseThrow());
                var why = Maa.justify("j".repeat(TextLimits.MAX_JUSTIFICATION))) {
            ApprovalRequiredException e = catchThrowableOfType(
                    ApprovalRequiredException.class,
                    () -> t.apps.updateApp(new App("app-limit", "Contoso limit", "2.0", Platform.WINDOWS)));
            assertThat(e).isNotNull();
            assertThat(t.request(e.requestId()).justification()).hasSize(TextLimits.MAX_JUSTIFICATION);
        }
    }

    @Test
    void approve_withOversizedNotes_is400_andTheRequestIsUnchanged() {
        String id = t.parkUpdate("alice", "app-notes", "CHG-2 notes");
        long auditBefore = t.engine.approvals().auditLog().forRequest(id).size();
        String notes = "n".repeat(TextLimits.MAX_NOTES + 1);

        HttpResponse<String> res =
                t.post("/api/v1/requests/" + id + "/approve", t.tokenFor("bob"), "{\"notes\":\"" + notes + "\"}");

        assertProblem(res, 400, "notes", "at most 1024", "Nothing was recorded");
        assertThat(json(res).path("type").asText()).endsWith("/text-too-long");
        assertThat(res.body()).doesNotContain("nnnnnnnnnn");
        assertThat(t.request(id).status()).isEqualTo(Status.NEEDS_APPROVAL);
        assertThat(t.request(id).reviews()).isEmpty();
        assertThat(t.engine.approvals().auditLog().forRequest(id)).hasSize((int) auditBefore);

        HttpResponse<String> atLimit = t.post(
                "/api/v1/requests/" + id + "/reject",
                t.tokenFor("bob"),
                "{\"notes\":\"" + "n".repeat(TextLimits.MAX_NOTES) + "\"}");
        assertThat(atLimit.statusCode()).as(atLimit.body()).isEqualTo(200);
        assertThat(t.request(id).status()).isEqualTo(Status.REJECTED);
    }

    @Test
    void policyPush_withOversizedJustification_is400_andNothingIsParked() {
        int before = t.engine.approvals().list(RequestQuery.all().page(0, 1000)).size();
        var files = new java.util.TreeMap<>(dev.maa.policies.PolicySet.fromClasspath(dev.maa.policies.PolicySet.DEMO)
                .files());
        files.replaceAll((name, content) -> content.replace("required_approvals: 2", "required_approvals: 1"));
        String body = "{\"files\":" + Json.write(files) + ",\"justification\":\""
                + "j".repeat(TextLimits.MAX_JUSTIFICATION + 1) + "\"}";
        HttpResponse<String> res = t.post("/api/v1/policies", t.tokenFor("alice"), body);
        assertProblem(res, 400, "justification", "at most 1024");
        assertThat(t.engine.approvals().list(RequestQuery.all().page(0, 1000))).hasSize(before);
    }

    @Test
    void body_withDuplicateMember_is400() {
        String id = t.parkUpdate("alice", "app-dup", "CHG-3 dup");
        HttpResponse<String> res = t.post(
                "/api/v1/requests/" + id + "/reject", t.tokenFor("bob"), "{\"notes\":\"fine\",\"notes\":\"not fine\"}");
        assertProblem(res, 400, "more than once");
        assertThat(t.request(id).status()).isEqualTo(Status.NEEDS_APPROVAL);
    }

    @Test
    void body_withLoneSurrogateEscape_is400() {
        String id = t.parkUpdate("alice", "app-surrogate", "CHG-4 surrogate");
        HttpResponse<String> res =
                t.post("/api/v1/requests/" + id + "/approve", t.tokenFor("bob"), "{\"notes\":\"ok \\ud800 then\"}");
        assertProblem(res, 400, "unpaired UTF-16 surrogate");
        HttpResponse<String> low =
                t.post("/api/v1/requests/" + id + "/approve", t.tokenFor("bob"), "{\"notes\":\"\\udc00\"}");
        assertProblem(low, 400, "unpaired UTF-16 surrogate");
        assertThat(t.request(id).reviews()).isEmpty();
        HttpResponse<String> pair = t.post(
                "/api/v1/requests/" + id + "/approve", t.tokenFor("bob"), "{\"notes\":\"emoji \\ud83d\\ude00 ok\"}");
        assertThat(pair.statusCode()).as(pair.body()).isEqualTo(200);
    }

    @Test
    void body_sentAsTextPlain_is415() throws Exception {
        String id = t.parkUpdate("alice", "app-plain", "CHG-5 plain");
        HttpRequest req = HttpRequest.newBuilder(t.uri("/api/v1/requests/" + id + "/approve"))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + t.tokenFor("bob"))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"notes\":\"x\"}"))
                .build();
        HttpResponse<String> res = t.http.send(req, HttpResponse.BodyHandlers.ofString());
        assertProblem(res, 415, "text/plain", "application/json");
        assertThat(t.request(id).reviews()).isEmpty();
    }

    @Test
    void body_withInvalidUtf8_is400() throws Exception {
        String id = t.parkUpdate("alice", "app-utf8", "CHG-6 utf8");
        byte[] bytes = {'{', '"', 'n', 'o', 't', 'e', 's', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        HttpRequest req = HttpRequest.newBuilder(t.uri("/api/v1/requests/" + id + "/approve"))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + t.tokenFor("bob"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build();
        assertProblem(t.http.send(req, HttpResponse.BodyHandlers.ofString()), 400, "UTF-8");
        assertThat(t.request(id).reviews()).isEmpty();
    }

    @Test
    void unknownQueryParameter_is400_namingIt() {
        HttpResponse<String> typo = t.get("/api/v1/requests?view=mine&stauts=approved", t.tokenFor("alice"));
        assertProblem(typo, 400, "stauts", "[limit, offset, status, view]");
        assertProblem(t.get("/api/v1/me?debug=1", t.tokenFor("alice")), 400, "debug", "no query parameters");
        assertProblem(
                t.get("/api/v1/requests?status=approved&status=rejected", t.tokenFor("alice")), 400, "more than once");
        assertThat(t.get("/api/v1/requests?view=mine&status=approved", t.tokenFor("alice"))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void emptyBodyWithoutContentType_isStillAccepted() throws Exception {
        String id = t.parkUpdate("alice", "app-empty", "CHG-7 empty");
        HttpRequest req = HttpRequest.newBuilder(
                        URI.create(t.uri("/api/v1/requests/" + id + "/cancel").toString()))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + t.tokenFor("alice"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<String> res = t.http.send(req, HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(t.request(id).status()).isEqualTo(Status.CANCELED);
    }
}

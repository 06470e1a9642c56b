package dev.maa.samples.bootadmin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.maa.core.MaaEngine;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole flow over real HTTP on loopback: a parked delete answers 202 with the request's Location, the requester
 * cannot approve it, another admin approves through the application's /maa API, the requester completes it, the app
 * is deleted exactly once and the audit chain verifies.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DeviceAdminEndToEndTest {

    private static final String PASSWORD = "sample-test-password";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path home;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("maa.home", () -> home.toString());
        registry.add("sample.password", () -> PASSWORD);
    }

    @LocalServerPort
    int port;

    @Autowired
    DeviceService devices;

    @Autowired
    MaaEngine engine;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> send(String user, String method, String path, String body, String justification)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (justification != null) {
            b.header("Maa-Justification", justification);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void deleteApp_isParked_approvedByAnotherAdminInTheApp_completedByTheRequester_andRunsOnce() throws Exception {
        HttpResponse<String> parked = send("alice", "DELETE", "/apps/42", null, "CHG-1234 remove retired app");

        assertThat(parked.statusCode()).as(parked.body()).isEqualTo(202);
        assertThat(parked.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(parked.body());
        String id = problem.get("requestId").asText();
        String location = parked.headers().firstValue("Location").orElseThrow();
        assertThat(location).isEqualTo("/maa/api/v1/requests/" + id);
        assertThat(problem.get("approverGroups").toString()).contains("App Approvers");
        assertThat(problem.get("requiredApprovals").asInt()).isEqualTo(1);
        assertThat(problem.get("expiresAt").asText()).isNotBlank();
        assertThat(devices.hasApp("42")).isTrue();

        HttpResponse<String> selfApproval = send("alice", "POST", location + "/approve", "{\"notes\":\"me\"}", null);
        assertThat(selfApproval.statusCode()).as(selfApproval.body()).isEqualTo(403);
        assertThat(JSON.readTree(selfApproval.body()).get("kind").asText()).isEqualTo("NOT_ALLOWED");

        HttpResponse<String> stranger = send("erin", "POST", location + "/approve", "{\"notes\":\"hi\"}", null);
        assertThat(stranger.statusCode())
                .as("a non-member sees no such request")
                .isEqualTo(404);

        HttpResponse<String> approved =
                send("bob", "POST", location + "/approve", "{\"notes\":\"checked with the app owner\"}", null);
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(JSON.readTree(approved.body()).get("status").asText()).isEqualTo("APPROVED");

        HttpResponse<String> completed = send("alice", "POST", location + "/complete", null, null);
        assertThat(completed.statusCode()).as(completed.body()).isEqualTo(200);
        assertThat(JSON.readTree(completed.body()).get("status").asText()).isEqualTo("COMPLETED");

        assertThat(devices.hasApp("42")).isFalse();
        assertThat(devices.changes()).containsOnlyOnce("deleted app 42");
        HttpResponse<String> again = send("alice", "POST", location + "/complete", null, null);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(devices.changes()).containsOnlyOnce("deleted app 42");
        assertThat(engine.store().auditLog().verify().intact()).isTrue();
    }

    @Test
    void inAppLists_andPolicies_answerAsMaaServe_underItsReadRules() throws Exception {
        HttpResponse<String> parked = send("alice", "DELETE", "/apps/44", null, "CHG-1235 remove retired app");
        String id = JSON.readTree(parked.body()).get("requestId").asText();

        HttpResponse<String> notReader = send("bob", "GET", "/maa/api/v1/requests?view=all", null, null);
        assertThat(notReader.statusCode()).as(notReader.body()).isEqualTo(403);
        assertThat(JSON.readTree(
                                send("bob", "GET", "/maa/api/v1/me", null, null).body())
                        .get("reader")
                        .asBoolean())
                .isFalse();

        // carol is in Security Admins, the sample's reader group
        JsonNode all = JSON.readTree(send("carol", "GET", "/maa/api/v1/requests?view=all&limit=100", null, null)
                .body());
        assertThat(all.get("view").asText()).isEqualTo("all");
        assertThat(all.get("items").findValuesAsText("id")).contains(id);
        JsonNode completed =
                JSON.readTree(send("carol", "GET", "/maa/api/v1/requests?view=all&status=completed", null, null)
                        .body());
        assertThat(completed.get("items").findValuesAsText("id")).doesNotContain(id);
        HttpResponse<String> badStatus = send("carol", "GET", "/maa/api/v1/requests?status=done", null, null);
        assertThat(badStatus.statusCode()).isEqualTo(400);
        assertThat(badStatus.body()).contains("status is a comma-separated list of");

        HttpResponse<String> policies = send("erin", "GET", "/maa/api/v1/policies", null, null);
        assertThat(policies.statusCode()).as(policies.body()).isEqualTo(200);
        JsonNode view = JSON.readTree(policies.body());
        assertThat(view.get("policies").findValuesAsText("name")).contains("App changes", "Device wipe");
        assertThat(view.get("changesEnabled").asBoolean()).isFalse();
        assertThat(view.get("revision").asText()).isNotBlank();

        HttpResponse<String> eval = send(
                "erin",
                "POST",
                "/maa/api/v1/policies/eval",
                "{\"input\": {\"principal\": {\"id\": \"alice\", \"groups\": [\"App Admins\"]},"
                        + " \"resource\": {\"type\": \"APP\", \"id\": \"44\", \"platform\": \"windows\","
                        + " \"scope_tags\": []}, \"action\": \"DELETE\", \"justification\": \"CHG-1\","
                        + " \"emergency\": false, \"urgent\": false}}",
                null);
        assertThat(eval.statusCode()).as(eval.body()).isEqualTo(200);
        assertThat(JSON.readTree(eval.body()).get("outcome").asText()).isEqualTo("require_approval");
        // reading and evaluating changed nothing
        assertThat(engine.approvals().get(id).status()).isEqualTo(dev.maa.api.Status.NEEDS_APPROVAL);
    }

    @Test
    void missingJustification_isA400NamingTheHeader() throws Exception {
        HttpResponse<String> r = send("alice", "DELETE", "/apps/41", null, null);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).get("header").asText()).isEqualTo("Maa-Justification");
        assertThat(devices.hasApp("41")).isTrue();
    }

    @Test
    void noCredentials_areRefusedBySpringSecurity_beforeAnythingRuns() throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/apps/43"))
                        .DELETE()
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(devices.hasApp("43")).isTrue();
    }

    @Test
    void urgentWithoutJustification_isA400() throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/devices/7/wipe"))
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString(("erin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Maa-Urgent", "true")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).contains("Maa-Justification");
        assertThat(devices.changes()).noneMatch(c -> c.startsWith("wiped"));
    }
}

package dev.maa.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maa.api.Status;
import dev.maa.server.internal.Json;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Break-glass requests through the REST API: eve's emergency call runs at once and waits for post-emergency
 * review; only an approver who is not the requester closes it, with notes, once.
 */
class PostEmergencyReviewTest {

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

    private static List<String> actions(JsonNode detail) {
        List<String> out = new ArrayList<>();
        detail.path("actions").forEach(a -> out.add(a.asText()));
        return out;
    }

    private static List<String> ids(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.path("items").forEach(i -> out.add(i.path("id").asText()));
        return out;
    }

    @Test
    void emergencyCall_runsAtOnce_andOnlyAnotherApproverClosesItsReview_once() {
        String id = t.emergencyUpdate("app-bg1", "INC-1 outage: roll the app forward now");
        assertThat(t.catalog.findApp("app-bg1").orElseThrow().version())
                .as("ran at once")
                .isEqualTo("9.9");
        assertThat(t.request(id).emergency()).isTrue();
        assertThat(t.request(id).status()).isEqualTo(Status.COMPLETED);

        HttpResponse<String> shown = t.get("/api/v1/requests/" + id, t.tokenFor("bob"));
        assertThat(shown.statusCode()).isEqualTo(200);
        JsonNode detail = json(shown);
        assertThat(detail.path("emergency").asBoolean()).isTrue();
        assertThat(detail.path("postReview").path("open").asBoolean()).isTrue();
        assertThat(actions(detail)).contains("close-review");
        assertThat(actions(json(t.get("/api/v1/requests/" + id, t.tokenFor("eve")))))
                .doesNotContain("close-review");
        assertThat(ids(json(t.get("/api/v1/requests?view=post-review", t.tokenFor("bob")))))
                .contains(id);
        assertThat(ids(json(t.get("/api/v1/requests?view=post-review", t.tokenFor("mallory")))))
                .doesNotContain(id);

        HttpResponse<String> own = t.post(
                "/api/v1/requests/" + id + "/close-review",
                t.tokenFor("eve"),
                "{\"notes\":\"I checked my own change\"}");
        assertThat(own.statusCode()).as(own.body()).isEqualTo(403);
        assertThat(own.body()).contains("review-not-allowed");

        HttpResponse<String> outsider =
                t.post("/api/v1/requests/" + id + "/close-review", t.tokenFor("mallory"), "{\"notes\":\"looks fine\"}");
        assertThat(outsider.statusCode()).as(outsider.body()).isEqualTo(404);

        HttpResponse<String> noNotes = t.post("/api/v1/requests/" + id + "/close-review", t.tokenFor("bob"), "{}");
        assertThat(noNotes.statusCode()).as(noNotes.body()).isEqualTo(400);
        assertThat(t.request(id).postReview())
                .as("refused calls change nothing")
                .isNull();

        HttpResponse<String> closed = t.post(
                "/api/v1/requests/" + id + "/close-review",
                t.tokenFor("bob"),
                "{\"notes\":\"Checked the rollout logs; the forced update was needed and correct.\"}");
        assertThat(closed.statusCode()).as(closed.body()).isEqualTo(200);
        JsonNode after = json(closed);
        assertThat(after.path("postReview").path("open").asBoolean()).isFalse();
        assertThat(after.path("postReview").path("reviewer").asText()).isEqualTo("bob");
        assertThat(after.path("postReview").path("notes").asText()).contains("rollout logs");
        assertThat(actions(after)).doesNotContain("close-review");
        assertThat(ids(json(t.get("/api/v1/requests?view=post-review", t.tokenFor("bob")))))
                .doesNotContain(id);

        HttpResponse<String> twice =
                t.post("/api/v1/requests/" + id + "/close-review", t.tokenFor("carol"), "{\"notes\":\"again\"}");
        assertThat(twice.statusCode()).as(twice.body()).isEqualTo(409);
        assertThat(t.request(id).postReview().reviewer()).isEqualTo("bob");
    }

    @Test
    void breakGlassReviewerGroup_seesEmergencyRequestsOnly_andClosesTheirReview() {
        String emergency = t.emergencyUpdate("app-bg3", "INC-3: hotfix rollout");
        String normal = t.parkUpdate("alice", "app-bg4", "CHG-bg4");

        assertThat(t.get("/api/v1/requests/" + normal, t.tokenFor("tess")).statusCode())
                .as("a break-glass reviewer is not an approver of ordinary requests")
                .isEqualTo(404);
        JsonNode detail = json(t.get("/api/v1/requests/" + emergency, t.tokenFor("tess")));
        assertThat(actions(detail)).containsExactly("close-review");
        assertThat(ids(json(t.get("/api/v1/requests?view=post-review", t.tokenFor("tess")))))
                .contains(emergency);

        HttpResponse<String> closed = t.post(
                "/api/v1/requests/" + emergency + "/close-review",
                t.tokenFor("tess"),
                "{\"notes\":\"Reviewed INC-3 timeline with the on-call lead.\"}");
        assertThat(closed.statusCode()).as(closed.body()).isEqualTo(200);
        assertThat(t.request(emergency).postReview().reviewer()).isEqualTo("tess");
    }

    @Test
    void closeReview_ofANormalRequest_isAConflict() {
        String id = t.parkUpdate("alice", "app-bg2", "CHG-bg2");
        HttpResponse<String> res = t.post(
                "/api/v1/requests/" + id + "/close-review", t.tokenFor("bob"), "{\"notes\":\"nothing to review\"}");
        assertThat(res.statusCode()).as(res.body()).isEqualTo(409);
        assertThat(actions(json(t.get("/api/v1/requests/" + id, t.tokenFor("bob")))))
                .doesNotContain("close-review");
    }
}

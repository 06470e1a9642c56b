package dev.maa.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maa.api.Status;
import dev.maa.server.internal.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an approver sees over REST is what is approved: hidden characters escaped in the texts meant for reading,
 * the digest of the stored payload checked on every read and before every review, and the diff captured at park.
 */
class WhatIsApprovedTest {

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
    void show_ofAPayloadTamperedInTheStore_saysTheDigestDoesNotMatch_andApproveAndRejectAreRefused() {
        String id = t.parkUpdate("alice", "app-tamper", "CHG-200");
        JsonNode before = json(t.get("/api/v1/requests/" + id, t.tokenFor("bob")));
        assertThat(before.path("digestVerified").asBoolean()).isTrue();
        t.tamperPayload(id, t.request(id).payload().replace("\"2.0\"", "\"6.6.6\""));

        JsonNode r = json(t.get("/api/v1/requests/" + id, t.tokenFor("bob")));
        assertThat(r.path("digestVerified").asBoolean()).isFalse();
        assertThat(r.path("payloadDigest").asText()).isNotEqualTo(r.path("call").path("digest").asText());

        HttpResponse<String> approve = t.post("/api/v1/requests/" + id + "/approve", t.tokenFor("bob"),
                "{\"notes\":\"ok\"}");
        assertThat(approve.statusCode()).isEqualTo(409);
        assertThat(json(approve).path("detail").asText()).contains("Refusing to approve request " + id,
                "does not match", "altered in the store");
        assertThat(t.post("/api/v1/requests/" + id + "/reject", t.tokenFor("bob"), "{}").statusCode())
                .isEqualTo(409);
        assertThat(t.request(id).reviews()).isEmpty();
        assertThat(t.request(id).status()).isEqualTo(Status.NEEDS_APPROVAL);
    }

    @Test
    void diff_afterCompletion_isTheOneCapturedAtPark() {
        String id = t.parkUpdate("alice", "app-captured", "CHG-201");
        assertThat(t.post("/api/v1/requests/" + id + "/approve", t.tokenFor("bob"), "{}").statusCode()).isEqualTo(200);
        assertThat(t.post("/api/v1/requests/" + id + "/complete", t.tokenFor("alice"), null).statusCode())
                .isEqualTo(200);
        assertThat(t.catalog.findApp("app-captured").orElseThrow().version()).as("the update ran").isEqualTo("2.0");

        JsonNode diff = json(t.get("/api/v1/requests/" + id, t.tokenFor("alice"))).path("diff");

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
        assertThat(arg.path("display").asText()).contains("app-⟨U+202E⟩dorp-tset").doesNotContain("\u202E");
        assertThat(r.path("call").path("readable").asText()).contains("app-⟨U+202E⟩dorp-tset");
        assertThat(arg.path("value").path("id").asText()).as("raw for programs").isEqualTo("app-\u202Edorp-tset");
        assertThat(r.path("resource").path("objectId").asText()).isEqualTo("app-\u202Edorp-tset");
    }
}

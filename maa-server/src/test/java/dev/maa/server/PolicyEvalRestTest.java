package dev.maa.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maa.server.internal.Json;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/v1/policies/eval} reports what this server's engine would do with a call: its own break-glass
 * settings (here {@code eve}), not only the policy's view of break-glass, beside the policy's decision.
 */
class PolicyEvalRestTest {

    private static TestServer t;

    @BeforeAll
    static void start() {
        t = new TestServer();
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    @Test
    void emergencyCallOfTheEnginesBreakGlassPrincipal_runsAtOnce_thoughThePolicyRequiresApproval() {
        JsonNode r = eval("eve", true, "INC-7 outage");

        assertThat(r.path("outcome").asText()).isEqualTo("break_glass");
        assertThat(r.path("runs_now").asBoolean()).isTrue();
        assertThat(r.path("decision").path("effect").asText()).isEqualTo("require_approval");
    }

    @Test
    void emergencyFlagOfAnOrdinaryPrincipal_isParked() {
        JsonNode r = eval("alice", true, "please");

        assertThat(r.path("outcome").asText()).isEqualTo("require_approval");
        assertThat(r.path("runs_now").asBoolean()).isFalse();
    }

    @Test
    void bodyWithoutInput_isABadRequestOfKindInvalidInput() {
        HttpResponse<String> res = t.post("/api/v1/policies/eval", t.tokenFor("alice"), "{\"principal\": {}}");

        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(Json.readOrNull(res.body()).path("kind").asText()).isEqualTo("INVALID_INPUT");
    }

    private static JsonNode eval(String principal, boolean emergency, String justification) {
        HttpResponse<String> res = t.post(
                "/api/v1/policies/eval", t.tokenFor("alice"), """
                {"input": {"principal": {"id": "%s", "groups": [], "roles": []},
                 "resource": {"type": "APP", "id": "app-1", "platform": "windows", "scope_tags": []},
                 "action": "DELETE", "operation": {"class": "", "method": "", "digest": ""},
                 "justification": "%s", "emergency": %s, "urgent": false, "time": "2026-11-23T10:00:00Z"}}
                """.formatted(principal, justification, emergency));
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        return Json.readOrNull(res.body());
    }
}

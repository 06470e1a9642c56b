package dev.maa.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maa.server.internal.Json;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Issue 20, authoring through REST: one policy or module at a time, on a base revision, approved by a second admin. */
class PolicyAuthoringRestTest {

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
        try {
            return Json.mapper().readTree(res.body());
        } catch (Exception e) {
            throw new AssertionError(res.body(), e);
        }
    }

    private static long base() {
        return json(t.get("/api/v1/policies", t.tokenFor("bob")))
                .path("baseRevision")
                .asLong();
    }

    private static String scriptDeletion(long base, String ttl) {
        return "{\"baseRevision\":" + base + ",\"justification\":\"CHG-20\",\"policy\":{\"name\":\"Script deletion\","
                + "\"profile_type\":\"SCRIPT\",\"actions\":[\"DELETE\"],\"approver_groups\":[\"Security Admins\"],"
                + "\"required_approvals\":1,\"ttl\":\"" + ttl + "\"}}";
    }

    @Test
    void createPolicy_parksARequest_anotherAdminApproves_thenItIsActive_andAStaleEditIsRefusedWithTheDiff() {
        long base = base();
        HttpResponse<String> created =
                t.post("/api/v1/policies/access-policies", t.tokenFor("alice"), scriptDeletion(base, "12h"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        String id = json(created).path("requestId").asText();
        JsonNode request = json(t.get("/api/v1/requests/" + id, t.tokenFor("carol")));
        assertThat(request.path("resource").path("type").asText()).isEqualTo("ACCESS_POLICY");
        assertThat(request.path("diff").path("unified").asText())
                .as(request.path("diff").toString())
                .contains("+  - name: Script deletion");

        assertThat(t.post("/api/v1/requests/" + id + "/approve", t.tokenFor("carol"), "{}")
                        .statusCode())
                .isEqualTo(200);
        assertThat(json(t.post("/api/v1/requests/" + id + "/complete", t.tokenFor("alice"), "{}"))
                        .path("status")
                        .asText())
                .isEqualTo("COMPLETED");
        JsonNode policies = json(t.get("/api/v1/policies", t.tokenFor("bob")));
        assertThat(policies.path("baseRevision").asLong()).isEqualTo(base + 1);
        assertThat(policies.path("entries").findValuesAsText("name")).contains("Script deletion");

        HttpResponse<String> stale = t.send(
                "DELETE",
                "/api/v1/policies/access-policies/Role%20management",
                t.tokenFor("alice"),
                "{\"baseRevision\":" + base + ",\"justification\":\"CHG-21\"}");
        assertThat(stale.statusCode()).as(stale.body()).isEqualTo(409);
        JsonNode problem = json(stale);
        assertThat(problem.path("type").asText()).endsWith("stale-policy-base");
        assertThat(problem.path("activeRevision").asLong()).isEqualTo(base + 1);
        assertThat(problem.path("diff").asText()).contains("+  - name: Script deletion");
        assertThat(json(t.get("/api/v1/requests?view=mine", t.tokenFor("alice")))
                        .path("items")
                        .findValuesAsText("resourceType"))
                .doesNotContain("ACCESS_POLICY");
    }

    @Test
    void createPolicy_withAnInvalidTtl_isAProblemNamingItsLineAndColumn() {
        HttpResponse<String> res =
                t.post("/api/v1/policies/access-policies", t.tokenFor("alice"), scriptDeletion(base(), "soon"));
        assertThat(res.statusCode()).as(res.body()).isEqualTo(400);
        assertThat(res.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode p = json(res).path("problems").get(0);
        assertThat(p.path("file").asText()).isEqualTo("access-policies.yaml");
        assertThat(p.path("field").asText()).endsWith(".ttl");
        assertThat(p.path("line").asInt()).isPositive();
        assertThat(p.path("column").asInt()).isPositive();
    }

    @Test
    void runTests_withASyntaxError_namesItsLine_andWithAFailingTest_reportsEachFailure() {
        HttpResponse<String> broken = t.post(
                "/api/v1/policies/test",
                t.tokenFor("alice"),
                "{\"modules\":{\"custom.rego\":\"package maa.custom\\n\\nfactors contains f if {\\n  f := \\n}\\n\"}}");
        assertThat(broken.statusCode()).as(broken.body()).isEqualTo(400);
        JsonNode p = json(broken).path("problems").get(0);
        assertThat(p.path("file").asText()).isEqualTo("custom.rego");
        assertThat(p.path("line").asInt()).isEqualTo(5);

        HttpResponse<String> ran = t.post(
                "/api/v1/policies/test",
                t.tokenFor("alice"),
                "{\"modules\":{\"mine_test.rego\":\"package mine_test\\n\\ntest_never if false\\n\\ntest_ok if true\\n\"}}");
        assertThat(ran.statusCode()).as(ran.body()).isEqualTo(200);
        JsonNode report = json(ran);
        assertThat(report.path("failed").asInt()).isEqualTo(1);
        assertThat(report.path("results").findValuesAsText("name")).contains("data.mine_test.test_never");
    }

    @Test
    void putModule_withItsTests_asADryRun_answersTheDiffOfBoth_andParksNothing() {
        long base = base();
        HttpResponse<String> res = t.send(
                "PUT",
                "/api/v1/policies/modules",
                t.tokenFor("alice"),
                "{\"baseRevision\":" + base + ",\"path\":\"weekend.rego\",\"dryRun\":true,"
                        + "\"content\":\"package maa.weekend\\n\\ndays := {\\\"Sunday\\\"}\\n\","
                        + "\"tests\":\"package maa.weekend_test\\n\\ntest_sunday if data.maa.weekend.days[\\\"Sunday\\\"]\\n\"}");
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(json(res).path("diff").asText())
                .contains("+days := {\"Sunday\"}")
                .contains("+test_sunday if data.maa.weekend.days[\"Sunday\"]");
        assertThat(base()).isEqualTo(base);

        HttpResponse<String> testsOfATest = t.send(
                "PUT",
                "/api/v1/policies/modules",
                t.tokenFor("alice"),
                "{\"baseRevision\":" + base + ",\"path\":\"weekend_test.rego\",\"content\":\"package x\","
                        + "\"tests\":\"package y\"}");
        assertThat(testsOfATest.statusCode()).as(testsOfATest.body()).isEqualTo(400);
        assertThat(json(testsOfATest).path("detail").asText()).contains("'tests' goes with a module path");
    }

    @Test
    void updateOfAMissingPolicy_isNotFound_andNothingIsParked() {
        HttpResponse<String> res = t.send(
                "PUT", "/api/v1/policies/access-policies/Nope", t.tokenFor("alice"), scriptDeletion(base(), "1h"));
        assertThat(res.statusCode()).as(res.body()).isEqualTo(404);
        assertThat(res.body()).contains("no access policy named 'Nope'");
    }

    @Test
    void dryRun_answersWithTheDiff_andAnImpactPreviewComputingInTheBackground_thatItsAuthorPolls() throws Exception {
        dev.maa.api.PolicyInput recorded = TestServer.call(
                "alice",
                dev.maa.api.ResourceType.COMPLIANCE_POLICY,
                dev.maa.api.Action.UPDATE,
                "com.acme.Compliance",
                "updatePolicy");
        t.recordDecisions(recorded);
        String before;
        try (var demo = dev.maa.policies.EmbeddedRegoPolicyEngine.demo()) {
            before = demo.decide(recorded).effect().wireName();
        }
        String body = "{\"baseRevision\":" + base() + ",\"dryRun\":true,\"policy\":{\"name\":\"Compliance"
                + " preview\",\"profile_type\":\"COMPLIANCE_POLICY\",\"actions\":[\"UPDATE\"],"
                + "\"approver_groups\":[\"Security Admins\"],\"required_approvals\":1}}";
        HttpResponse<String> dry = t.post("/api/v1/policies/access-policies", t.tokenFor("alice"), body);
        assertThat(dry.statusCode()).as(dry.body()).isEqualTo(200);
        assertThat(json(dry).path("diff").asText()).contains("+  - name: Compliance preview");
        JsonNode started = json(dry).path("impact");
        assertThat(started.path("state").asText()).as(started.toString()).isEqualTo("computing");
        assertThat(started.path("window").asText()).isEqualTo("7d");
        String path = "/api/v1/policies/impact-previews/" + started.path("id").asText();

        assertThat(t.policyService.awaitImpacts(java.time.Duration.ofMinutes(1)))
                .isTrue();
        JsonNode impact = json(t.get(path, t.tokenFor("alice")));
        assertThat(impact.path("state").asText()).as(impact.toString()).isEqualTo("computed");
        JsonNode row = null;
        for (JsonNode r : impact.path("by_method")) {
            row = r.path("method").asText().equals("com.acme.Compliance.updatePolicy") ? r : row;
        }
        assertThat(row).as(impact.toString()).isNotNull();
        assertThat(row.path("from").asText()).isEqualTo(before);
        assertThat(row.path("to").asText()).isEqualTo("require_approval");
        assertThat(row.path("count").asLong()).isEqualTo(1);
        // another user cannot read alice's preview; nothing was submitted
        assertThat(t.get(path, t.tokenFor("carol")).statusCode()).isEqualTo(404);
        assertThat(t.get("/api/v1/policies/impact-previews/nope", t.tokenFor("alice"))
                        .statusCode())
                .isEqualTo(404);
        assertThat(t.store.findOpen("ACCESS_POLICY/access-policies")).isEmpty();
    }
}

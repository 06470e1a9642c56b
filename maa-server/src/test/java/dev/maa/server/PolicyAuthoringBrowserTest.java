package dev.maa.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maa.api.Action;
import dev.maa.api.ResourceType;
import dev.maa.server.internal.Json;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;

/**
 * Issue 20, authoring in the console (headless Chromium): alice creates an access policy through the wizard and
 * sees its impact on a recorded decision before submitting,
 * writes a custom Rego rule in the code editor (a syntax error shown at its line, fixed, its tests run), carol
 * approves, the policy set is active; an edit made on a revision that is no longer active is refused with the diff;
 * a two-stage policy is created through the wizard (a stage without approvers refused at its field first).
 * Screenshots under {@code target/screenshots/authoring-*}.
 */
class PolicyAuthoringBrowserTest {

    private static final String BROKEN = "package maa.custom\n\nweekend_days := {\"Saturday\", \"Sunday\"}\n\n"
            + "is_weekend(day) if {\n  day in weekend_days ))\n}\n";
    private static final String FIXED = BROKEN.replace("weekend_days ))", "weekend_days");
    private static final String TESTS = "package maa.custom_test\n\n"
            + "test_saturday_is_weekend if data.maa.custom.is_weekend(\"Saturday\")\n\n"
            + "test_monday_is_not if not data.maa.custom.is_weekend(\"Monday\")\n";

    @TempDir
    static Path tmp;

    private static ConsoleSession c;

    @BeforeAll
    static void start() throws IOException {
        c = ConsoleSession.start(
                tmp, Map.of("alice", List.of("App Admins"), "carol", List.of("App Approvers", "Security Admins")));
    }

    @AfterAll
    static void stop() {
        if (c != null) {
            c.close();
        }
    }

    @Test
    void wizardAndRegoEditor_submitChanges_thatAnotherAdminApproves_andAStaleEditIsRefused() throws IOException {
        // one script deletion recorded in the decision log: denied today, the new policy would park it
        c.server.recordDecisions(
                TestServer.call("alice", ResourceType.SCRIPT, Action.DELETE, "com.acme.Scripts", "deleteScript"));
        c.signIn("alice");
        c.open("#/policies");
        createPolicy("Script deletion", "SCRIPT", "delete");
        c.type("wiz-approver-groups", "Security Admins");
        c.click(By.id("wizard-next"));
        c.type("wiz-ttl", "12h");
        c.click(By.id("wizard-next"));
        c.waitForText("wizard-diff", "+  - name: Script deletion");
        assertThat(c.text("wizard-diff")).contains("+    ttl: 12h", "+    actions:");
        // the impact, computed in the background while the author looks at the diff, shown when it is done
        c.wait.until(
                d -> d.findElement(By.id("impact")).getAttribute("data-state").equals("computed"));
        assertThat(c.text("impact-summary"))
                .isEqualTo("Of 1 decisions recorded in the last 7d, 1 would change; most: 1 calls of"
                        + " com.acme.Scripts.deleteScript: deny -> require_approval");
        c.shot("authoring-1-review");
        c.type("wiz-submit-justification", "CHG-20 script deletions need a security admin");
        c.click(By.id("wizard-submit"));
        String created = c.visible(By.id("request")).getAttribute("data-id");
        assertThat(c.text("diff")).contains("+  - name: Script deletion");

        // the Rego editor, opened on revision 0: a syntax error is shown at its line, fixed, its tests run
        c.open("#/rego");
        setEditor("rego-module", BROKEN);
        setEditor("rego-tests", TESTS);
        c.click(By.id("rego-run-tests"));
        assertThat(c.visible(By.cssSelector(".rego-error")).getAttribute("data-line"))
                .isEqualTo("6");
        assertThat(c.text("rego-problems")).contains("custom.rego:6:");
        c.shot("authoring-2-syntax-error");
        setEditor("rego-module", FIXED);
        c.click(By.id("rego-run-tests"));
        assertThat(c.visible(By.cssSelector("#rego-test-results .test-results")).getAttribute("data-failed"))
                .isEqualTo("0");
        assertThat(c.driver.findElements(By.cssSelector(".rego-error"))).isEmpty();

        // meanwhile the wizard's change is approved and completed: the editor's base is stale now
        approveAndComplete(created);
        c.type("rego-justification", "CHG-21 weekend helper");
        c.click(By.id("rego-submit"));
        c.waitForText("rego-problems", "revision 1 is active");
        assertThat(c.text("rego-problems")).contains("+  - name: Script deletion");
        c.shot("authoring-3-stale");

        // reloaded on revision 1, the same edit is submitted; carol approves it in the console, alice completes it
        c.driver.navigate().refresh();
        setEditor("rego-module", FIXED);
        setEditor("rego-tests", TESTS);
        c.type("rego-justification", "CHG-21 weekend helper");
        c.click(By.id("rego-submit"));
        String id = c.visible(By.id("request")).getAttribute("data-id");
        assertThat(c.text("diff")).contains("+is_weekend(day) if {", "+test_monday_is_not");

        c.signOut();
        c.signIn("carol");
        c.open("#/requests/" + id);
        c.click(By.id("approve"));
        c.waitForText("request-status", "Approved");
        c.shot("authoring-4-approved");
        c.signOut();
        c.signIn("alice");
        c.open("#/requests/" + id);
        c.click(By.id("complete"));
        c.waitForText("request-status", "Completed");

        JsonNode policies = json(c.server.get("/api/v1/policies", c.token("alice")));
        assertThat(policies.path("baseRevision").asLong()).isEqualTo(2);
        assertThat(policies.path("modules").path("custom.rego").asText()).isEqualTo(FIXED);
        assertThat(policies.path("entries").findValuesAsText("name")).contains("Script deletion");
        c.open("#/policies");
        c.waitForText("policies", "Script deletion");
        c.shot("authoring-5-active");

        // a two-stage policy through the wizard: a stage without approvers is refused at its field, then submitted
        createPolicy("Compliance changes", "COMPLIANCE_POLICY", "update");
        c.type("wiz-approver-groups", "App Approvers");
        c.click(By.id("wiz-add-stage")); // the first stage takes the approvers typed so far
        assertThat(c.visible(By.id("wiz-stage-0-groups")).getAttribute("value")).isEqualTo("App Approvers");
        c.click(By.id("wiz-add-stage"));
        c.type("wiz-stage-1-name", "security");
        c.click(By.id("wizard-next"));
        c.waitForText("wiz-stage-1-groups-error", "Name at least one approver group for stage 2");
        assertThat(c.driver.findElements(By.cssSelector(".field-error"))).hasSize(1);
        c.shot("authoring-6-stage-error");
        c.type("wiz-stage-1-groups", "Security Admins");
        c.click(By.id("wizard-next"));
        c.click(By.id("wizard-next"));
        c.waitForText("wizard-diff", "+  - name: Compliance changes");
        assertThat(c.text("wizard-diff")).contains("stages:", "security", "Security Admins");
        c.type("wiz-submit-justification", "CHG-22 compliance changes need app and security approvers in turn");
        c.click(By.id("wizard-submit"));
        approveAndComplete(c.visible(By.id("request")).getAttribute("data-id"));
        JsonNode staged = null;
        for (JsonNode e :
                json(c.server.get("/api/v1/policies", c.token("alice"))).path("entries")) {
            staged = e.path("name").asText().equals("Compliance changes") ? e : staged;
        }
        assertThat(staged).as("the two-stage policy is active").isNotNull();
        assertThat(staged.path("stages")).hasSize(2);
        assertThat(staged.path("stages").get(0).path("approver_groups").get(0).asText())
                .isEqualTo("App Approvers");
        assertThat(staged.path("stages").get(1).path("name").asText()).isEqualTo("security");
        assertThat(staged.path("stages").get(1).path("approver_groups").get(0).asText())
                .isEqualTo("Security Admins");
        assertThat(staged.has("approver_groups")).isFalse();
    }

    /** From the Access policies page, the wizard's Basics step for a new policy, then on to Approvers. */
    private static void createPolicy(String name, String profileType, String actions) {
        c.click(By.id("create-policy"));
        c.type("wiz-name", name);
        new Select(c.visible(By.id("wiz-profile-type"))).selectByValue(profileType);
        c.type("wiz-actions", actions);
        c.click(By.id("wizard-next"));
    }

    private static void approveAndComplete(String id) {
        HttpResponse<String> approved = c.server.post("/api/v1/requests/" + id + "/approve", c.token("carol"), "{}");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        HttpResponse<String> completed = c.server.post("/api/v1/requests/" + id + "/complete", c.token("alice"), "{}");
        assertThat(json(completed).path("status").asText()).as(completed.body()).isEqualTo("COMPLETED");
    }

    private static JsonNode json(HttpResponse<String> res) {
        try {
            return Json.mapper().readTree(res.body());
        } catch (IOException e) {
            throw new AssertionError(res.body(), e);
        }
    }

    /** Replaces the text of the CodeMirror editor inside element {@code id}, as a paste would. */
    private static void setEditor(String id, String text) {
        c.visible(By.cssSelector("#" + id + " .CodeMirror"));
        ((JavascriptExecutor) c.driver)
                .executeScript(
                        "document.querySelector('#' + arguments[0] + ' .CodeMirror').CodeMirror.setValue(arguments[1])",
                        id,
                        text);
    }
}

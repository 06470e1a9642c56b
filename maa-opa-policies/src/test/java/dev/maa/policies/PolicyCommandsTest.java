package dev.maa.policies;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyCommandsTest {

    @TempDir
    Path dir;

    @Test
    void test_demoPolicies_allBuiltInTestsPass() {
        PolicyTestReport report = PolicyCommands.test(null);
        assertThat(report.allPassed()).as(report.summary()).isTrue();
        assertThat(report.summary()).endsWith(report.passed() + " passed, 0 failed");
    }

    @Test
    void test_directoryWithFailingCustomTest_reportsItByName() throws IOException {
        Files.writeString(dir.resolve("access-policies.yaml"), "access_policies: []\n");
        Files.writeString(dir.resolve("mine_test.rego"), """
                package mine_test

                import data.maa

                test_apps_need_approval if {
                	maa.decision.effect == "require_approval" with input as {"principal": {"id": "a", "groups": []}, "resource": {"type": "APP", "id": "x", "platform": "windows", "scope_tags": []}, "action": "DELETE", "emergency": false, "urgent": false, "justification": ""}
                }
                """);
        PolicyTestReport report = PolicyCommands.test(dir);
        assertThat(report.failures()).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo("data.mine_test.test_apps_need_approval");
            assertThat(r.file()).startsWith("mine_test.rego:5");
        });
        assertThat(report.summary()).endsWith("passed, 1 failed");
    }

    @Test
    void eval_inputFile_printsDecisionJson() throws IOException {
        Path input = dir.resolve("input.json");
        Files.writeString(input, """
                {"input": {"principal": {"id": "alice", "groups": [], "roles": []},
                 "resource": {"type": "SCRIPT", "id": "s-1", "platform": "windows", "scope_tags": []},
                 "action": "DEPLOY", "operation": {"class": "", "method": "", "digest": ""},
                 "justification": "", "emergency": false, "urgent": false, "time": "2026-11-23T10:00:00Z"}}
                """);
        String json = PolicyCommands.eval(input, null);
        assertThat(json)
                .contains("\"effect\" : \"require_approval\"")
                .contains("\"policy\" : \"Script deployment\"")
                .contains("\"required_approvals\" : 2")
                .contains("\"ttl\" : \"24h\"");
    }

    @Test
    void eval_breakGlassPrincipalInAnEmergency_reportsThatTheCallRunsAtOnce_besideThePolicysDecision()
            throws IOException {
        String json = PolicyCommands.eval(emergencyInput("emergency-admin-1", "INC-7 outage"), null);

        assertThat(json)
                .contains("\"outcome\" : \"break_glass\"")
                .contains("\"runs_now\" : true")
                .contains("\"effect\" : \"require_approval\"")
                .contains("\"break_glass\" : true");
    }

    @Test
    void eval_breakGlassPrincipalWithoutJustification_reportsTheRefusal() throws IOException {
        String json = PolicyCommands.eval(emergencyInput("emergency-admin-1", ""), null);

        assertThat(json).contains("\"outcome\" : \"justification_required\"").contains("\"runs_now\" : false");
    }

    @Test
    void eval_emergencyFlagOfAnOrdinaryPrincipal_isParkedAsThePolicySays() throws IOException {
        String json = PolicyCommands.eval(emergencyInput("alice", "please"), null);

        assertThat(json).contains("\"outcome\" : \"require_approval\"").contains("\"runs_now\" : false");
    }

    private Path emergencyInput(String principal, String justification) throws IOException {
        return Files.writeString(dir.resolve("emergency.json"), """
                {"principal": {"id": "%s", "groups": [], "roles": []},
                 "resource": {"type": "APP", "id": "app-1", "platform": "windows", "scope_tags": []},
                 "action": "DELETE", "operation": {"class": "", "method": "", "digest": ""},
                 "justification": "%s", "emergency": true, "urgent": false, "time": "2026-11-23T10:00:00Z"}
                """.formatted(principal, justification));
    }
}

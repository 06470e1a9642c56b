package dev.maa.core.view;

import static dev.maa.core.testing.Fixtures.ALICE;
import static dev.maa.core.testing.Fixtures.APP_APPROVERS;
import static dev.maa.core.testing.Fixtures.BOB;
import static dev.maa.core.testing.Fixtures.BREAK_GLASS_REVIEWERS;
import static dev.maa.core.testing.Parking.park;
import static org.assertj.core.api.Assertions.assertThat;

import dev.maa.api.Action;
import dev.maa.api.ApprovalRequest;
import dev.maa.api.Factor;
import dev.maa.api.ResourceType;
import dev.maa.core.ApprovalService;
import dev.maa.core.MaaEngine;
import dev.maa.core.policy.RuleBasedPolicyEngine;
import dev.maa.core.testing.AppAdmin;
import dev.maa.core.testing.Fixtures;
import dev.maa.core.testing.RecordingAppAdmin;
import dev.maa.core.testing.TestClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RequestJsonTest {

    private final TestClock clock = new TestClock();

    /** App deletion needs 2 App-Approvers, reminders every 4 hours, escalation to Break-Glass-Reviewers after 12. */
    private final MaaEngine engine = Fixtures.engine(clock, Fixtures.directory())
            .policyEngine(RuleBasedPolicyEngine.builder()
                    .requireApproval(ResourceType.APP, Set.of(Action.DELETE), Factor.of("apps", 2, APP_APPROVERS))
                    .ttl(Duration.ofHours(48))
                    .remindAfter(Duration.ofHours(4))
                    .escalateAfter(Duration.ofHours(12), BREAK_GLASS_REVIEWERS)
                    .build())
            .build();

    private final ApprovalService approvals = engine.approvals();
    private final AppAdmin apps = engine.protect(AppAdmin.class, new RecordingAppAdmin());

    private Map<String, Object> reminders(String id) {
        ApprovalRequest r = approvals.get(id);
        return RequestJson.reminders(r, approvals.auditLog().forRequest(id));
    }

    @Test
    void summary_carriesTheReminderState_nextThenEscalated_forEveryList() {
        String id = park(ALICE, () -> apps.deleteApp("app-9"));
        ApprovalRequest r = approvals.get(id);
        assertThat(RequestJson.summary(r).get("reminderState"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry(
                        "nextReminderAt",
                        r.createdAt().plus(Duration.ofHours(4)).toString())
                .containsEntry("escalated", false)
                .containsEntry(
                        "text",
                        "escalates " + r.createdAt().plus(Duration.ofHours(12)) + "; next reminder "
                                + r.createdAt().plus(Duration.ofHours(4)));

        clock.advance(Duration.ofHours(12));
        approvals.remindDue();
        ApprovalRequest escalated = approvals.get(id);
        assertThat(RequestJson.summary(escalated).get("reminderState"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("escalated", true)
                .containsEntry("escalateAt", null)
                .containsEntry(
                        "escalatedAt", escalated.reminders().escalatedAt().toString())
                .containsEntry(
                        "text",
                        "escalated " + escalated.reminders().escalatedAt() + "; next reminder "
                                + escalated.reminders().nextReminder(escalated.createdAt()));
        MaaEngine plain = Fixtures.engine(clock, Fixtures.directory()).build();
        AppAdmin plainApps = plain.protect(AppAdmin.class, new RecordingAppAdmin());
        String without = park(ALICE, () -> plainApps.deleteApp("app-10"));
        assertThat(RequestJson.summary(plain.approvals().get(without)).get("reminderState"))
                .as("no reminders: null")
                .isNull();
    }

    @Test
    void reminders_showWhenTheNextIsDue_andWhenItEscalates_beforeAnythingFired() {
        String id = park(ALICE, () -> apps.deleteApp("app-1"));
        ApprovalRequest r = approvals.get(id);

        Map<String, Object> m = reminders(id);
        assertThat(m)
                .containsEntry("remindAfter", "4h")
                .containsEntry(
                        "nextReminderAt",
                        r.createdAt().plus(Duration.ofHours(4)).toString())
                .containsEntry("remindersSent", 0)
                .containsEntry("escalateAfter", "12h")
                .containsEntry(
                        "escalateAt", r.createdAt().plus(Duration.ofHours(12)).toString())
                .containsEntry("escalated", false)
                .containsEntry("escalatedAt", null)
                .containsEntry("escalatedStage", null);
        assertThat(m.get("groupsAdded"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.ITERABLE)
                .isEmpty();
    }

    @Test
    void reminders_afterEscalation_showItHappened_withTheGroupsAndStageFromTheAuditTrail() {
        String id = park(ALICE, () -> apps.deleteApp("app-2"));
        approvals.approve(id, BOB, "ok");
        ApprovalRequest r = approvals.get(id);
        clock.advance(Duration.ofHours(12));
        approvals.remindDue();

        Map<String, Object> m = reminders(id);
        assertThat(m)
                .containsEntry("remindersSent", 1)
                .containsEntry(
                        "lastRemindedAt",
                        r.createdAt().plus(Duration.ofHours(12)).toString())
                .containsEntry(
                        "nextReminderAt",
                        r.createdAt().plus(Duration.ofHours(16)).toString())
                .containsEntry("escalated", true)
                .containsEntry(
                        "escalatedAt", r.createdAt().plus(Duration.ofHours(12)).toString())
                .containsEntry("escalateAt", null)
                .containsEntry("escalatedStage", 1);
        assertThat(m.get("groupsAdded").toString())
                .isEqualTo(List.of(BREAK_GLASS_REVIEWERS).toString());
    }

    @Test
    void reminders_ofARequestWithoutASchedule_areNull() {
        ApprovalRequest plain = approvals.get(park(ALICE, () -> apps.deleteApp("app-3"))).toBuilder()
                .reminders(null)
                .build();

        assertThat(RequestJson.reminders(plain, List.of())).isNull();
    }

    @Test
    void details_ofNestedValues_readAsWords_notAsJson() {
        String line = RequestJson.details("{\"approvals\":[{\"groups\":[\"App Approvers\",\"Security\"],"
                + "\"policy\":\"App changes\",\"required\":1}],\"groups\":[\"App Approvers\"],\"notes\":\"ok\","
                + "\"from\":null}");

        assertThat(line)
                .isEqualTo("approvals: (groups=App Approvers; Security, policy=App changes, required=1), "
                        + "groups: App Approvers, notes: ok");
        assertThat(line).doesNotContain("{", "[", "\"");
    }

    @Test
    void details_escapeHiddenCharacters() {
        assertThat(RequestJson.details("{\"notes\":\"app-\\u202Edorp\"}")).contains("⟨U+202E⟩");
    }
}

package dev.maa.core.workflow;

import static dev.maa.core.testing.Fixtures.ALICE;
import static dev.maa.core.testing.Fixtures.APP_APPROVERS;
import static dev.maa.core.testing.Fixtures.BOB;
import static dev.maa.core.testing.Fixtures.BREAK_GLASS_REVIEWERS;
import static dev.maa.core.testing.Fixtures.CAB;
import static dev.maa.core.testing.Fixtures.DAVE;
import static dev.maa.core.testing.Fixtures.MALLORY;
import static dev.maa.core.testing.Parking.park;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.api.Action;
import dev.maa.api.ApprovalRequest;
import dev.maa.api.AuditEventType;
import dev.maa.api.Factor;
import dev.maa.api.Notification;
import dev.maa.api.ResourceType;
import dev.maa.api.ReviewNotAllowedException;
import dev.maa.api.Status;
import dev.maa.core.DueReminders;
import dev.maa.core.MaaEngine;
import dev.maa.core.policy.RuleBasedPolicyEngine;
import dev.maa.core.testing.AppAdmin;
import dev.maa.core.testing.Fixtures;
import dev.maa.core.testing.RecordingAppAdmin;
import dev.maa.core.testing.RecordingNotifier;
import dev.maa.core.testing.TestClock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Reminders and escalation per factor policy (issue 21): app deletion needs policy 'apps' (1 of App-Approvers: bob,
 * carol; escalates to the Helpdesk: mallory) and policy 'cab' (1 of the Change-Advisory-Board: carol; escalates to the
 * Security-Team: dave), each policy with its own timing. Alice asks.
 */
class PolicyRemindersTest {

    private final TestClock clock = new TestClock();
    private final RecordingNotifier notifier = new RecordingNotifier();
    private final RecordingAppAdmin target = new RecordingAppAdmin();

    private MaaEngine engine(RuleBasedPolicyEngine.Builder timing, Factor... factors) {
        return Fixtures.engine(clock, Fixtures.directory())
                .policyEngine(timing.requireApproval(ResourceType.APP, Set.of(Action.DELETE), factors)
                        .ttl(Duration.ofDays(10))
                        .build())
                .notifier(notifier)
                .build();
    }

    private static Factor apps() {
        return Factor.of("apps", 1, APP_APPROVERS).escalatingTo(Set.of("Helpdesk"));
    }

    private static Factor cab() {
        return Factor.of("cab", 1, CAB).escalatingTo(Set.of(BREAK_GLASS_REVIEWERS));
    }

    private List<String> escalatedPolicies(MaaEngine e, String id) {
        return e.approvals().auditLog().forRequest(id).stream()
                .filter(x -> x.event().type().equals(AuditEventType.ESCALATED.name()))
                .map(x -> x.event().detail())
                .toList();
    }

    @Test
    void eachPolicy_escalatesAtItsOwnTime_withItsOwnGroups_event_andNotifications() {
        MaaEngine e = engine(
                RuleBasedPolicyEngine.builder()
                        .reminders("apps", null, Duration.ofHours(2))
                        .reminders("cab", null, Duration.ofHours(6)),
                apps(),
                cab());
        AppAdmin protectedApps = e.protect(AppAdmin.class, target);
        String id = park(ALICE, () -> protectedApps.deleteApp("app-1"));

        clock.advance(Duration.ofHours(2).minusSeconds(1));
        assertThat(e.approvals().remindDue()).isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(e.approvals().remindDue()).as("apps' escalation alone").isEqualTo(1);
        ApprovalRequest first = e.approvals().get(id);
        assertThat(first.factors().get(0).approverGroups()).containsExactlyInAnyOrder(APP_APPROVERS, "Helpdesk");
        assertThat(first.factors().get(1).approverGroups()).containsExactly(CAB);
        assertThat(escalatedPolicies(e, id))
                .singleElement()
                .asString()
                .contains("apps")
                .contains("Helpdesk");
        assertThat(notifier.of(Notification.Kind.ESCALATED))
                .filteredOn(n -> !n.recipients().contains("alice"))
                .singleElement()
                .satisfies(n -> assertThat(n.recipients()).containsExactlyInAnyOrder("bob", "carol", "mallory"));
        assertThat(notifier.of(Notification.Kind.ESCALATED))
                .filteredOn(n -> n.recipients().contains("alice"))
                .singleElement()
                .satisfies(n ->
                        assertThat(n.text()).contains("escalated to [Helpdesk]").contains("apps"));
        assertThat(DueReminders.escalateAt(first))
                .as("cab's, 6h after submission")
                .isEqualTo(first.createdAt().plus(Duration.ofHours(6)));
        assertThatThrownBy(() -> e.approvals().approve(id, DAVE, "not yet mine"))
                .isInstanceOf(ReviewNotAllowedException.class);

        clock.advance(Duration.ofHours(4));
        assertThat(e.approvals().remindDue())
                .as("cab's escalation, at its own time")
                .isEqualTo(1);
        assertThat(e.approvals().get(id).factors().get(1).approverGroups())
                .containsExactlyInAnyOrder(CAB, BREAK_GLASS_REVIEWERS);
        assertThat(escalatedPolicies(e, id)).hasSize(2);
        assertThat(escalatedPolicies(e, id).get(1)).contains("cab").contains(BREAK_GLASS_REVIEWERS);

        e.approvals().approve(id, MALLORY, "helpdesk: ok");
        assertThat(e.approvals().approve(id, DAVE, "security: ok").status()).isEqualTo(Status.APPROVED);
        ApprovalRequest done = e.approvals().complete(id, ALICE);
        assertThat(done.status()).as(done.outcome()).isEqualTo(Status.COMPLETED);
        assertThat(target.calls()).hasSize(1);
    }

    @Test
    void aPolicyWithoutEscalateAfter_neverEscalates_andRemindersReachOnlyItsOwnWaitingApprovers() {
        MaaEngine e = engine(
                RuleBasedPolicyEngine.builder()
                        .reminders("apps", null, Duration.ofHours(3))
                        .reminders("cab", Duration.ofHours(1), null),
                apps(),
                cab());
        AppAdmin protectedApps = e.protect(AppAdmin.class, target);
        String id = park(ALICE, () -> protectedApps.deleteApp("app-2"));

        clock.advance(Duration.ofHours(1));
        assertThat(e.approvals().remindDue()).isEqualTo(1);
        assertThat(notifier.of(Notification.Kind.REMINDER))
                .filteredOn(n -> !n.recipients().contains("alice"))
                .singleElement()
                .as("cab's approvers only, not the whole stage's")
                .satisfies(n -> assertThat(n.recipients()).containsExactly("carol"));
        assertThat(notifier.of(Notification.Kind.REMINDER))
                .filteredOn(n -> n.recipients().contains("alice"))
                .singleElement()
                .as("the requester is told who was reminded")
                .satisfies(n -> assertThat(n.text()).contains(CAB).contains("reminded"));

        e.approvals().approve(id, BOB, "apps ok"); // apps met: it neither escalates nor reminds any more
        clock.advance(Duration.ofHours(2));
        assertThat(e.approvals().remindDue()).as("cab's reminder; apps is met").isEqualTo(1);
        clock.advance(Duration.ofDays(3));
        e.approvals().remindDue();

        assertThat(escalatedPolicies(e, id))
                .as("cab has no escalate_after, apps was met")
                .isEmpty();
        assertThat(e.approvals().get(id).factors())
                .extracting(f -> f.approverGroups())
                .containsExactly(Set.of(APP_APPROVERS), Set.of(CAB));
        assertThatThrownBy(() -> e.approvals().approve(id, DAVE, "never escalated to me"))
                .isInstanceOf(ReviewNotAllowedException.class);
    }

    @Test
    void aLaterStagesSchedule_countsFromWhenItsStageOpened() {
        MaaEngine e = engine(
                RuleBasedPolicyEngine.builder()
                        .reminders("lead", Duration.ofHours(1), null)
                        .reminders("security", Duration.ofHours(1), Duration.ofHours(2)),
                Factor.of("lead", 1, APP_APPROVERS),
                Factor.of("security", 1, CAB).inStage(2).escalatingTo(Set.of(BREAK_GLASS_REVIEWERS)));
        AppAdmin protectedApps = e.protect(AppAdmin.class, target);
        String id = park(ALICE, () -> protectedApps.deleteApp("app-3"));
        clock.advance(Duration.ofHours(5)); // stage 1 waits: only its reminder fires, once per run
        assertThat(e.approvals().remindDue()).isEqualTo(1);
        assertThat(escalatedPolicies(e, id)).as("stage 2 is not open").isEmpty();

        e.approvals().approve(id, BOB, "lead ok"); // stage 2 opens now, at 5h
        assertThat(DueReminders.escalateAt(e.approvals().get(id)))
                .isEqualTo(clock.instant().plus(Duration.ofHours(2)));
        clock.advance(Duration.ofHours(1));
        assertThat(e.approvals().remindDue()).as("security's first reminder").isEqualTo(1);
        assertThat(escalatedPolicies(e, id)).isEmpty();
        clock.advance(Duration.ofHours(1));
        assertThat(e.approvals().remindDue())
                .as("security's escalation and reminder")
                .isEqualTo(2);
        assertThat(escalatedPolicies(e, id)).singleElement().asString().contains("security");
        assertThat(e.approvals().approve(id, DAVE, "escalated to me").status()).isEqualTo(Status.APPROVED);
    }
}

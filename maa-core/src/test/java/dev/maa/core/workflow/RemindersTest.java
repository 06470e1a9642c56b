package dev.maa.core.workflow;

import static dev.maa.core.testing.Fixtures.ALICE;
import static dev.maa.core.testing.Fixtures.APP_APPROVERS;
import static dev.maa.core.testing.Fixtures.BOB;
import static dev.maa.core.testing.Fixtures.BREAK_GLASS_REVIEWERS;
import static dev.maa.core.testing.Fixtures.CAB;
import static dev.maa.core.testing.Fixtures.CAROL;
import static dev.maa.core.testing.Fixtures.DAVE;
import static dev.maa.core.testing.Parking.park;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.api.Action;
import dev.maa.api.ApprovalRequest;
import dev.maa.api.AuditEventType;
import dev.maa.api.Factor;
import dev.maa.api.Notification;
import dev.maa.api.RequestQuery;
import dev.maa.api.ResourceType;
import dev.maa.api.ReviewNotAllowedException;
import dev.maa.api.Status;
import dev.maa.core.ApprovalService;
import dev.maa.core.MaaEngine;
import dev.maa.core.QuorumProgress;
import dev.maa.core.policy.RuleBasedPolicyEngine;
import dev.maa.core.store.InMemoryRequestStore;
import dev.maa.core.testing.AppAdmin;
import dev.maa.core.testing.Fixtures;
import dev.maa.core.testing.ForwardingRequestStore;
import dev.maa.core.testing.RecordingAppAdmin;
import dev.maa.core.testing.RecordingNotifier;
import dev.maa.core.testing.TestClock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Reminders and escalation under a controlled clock (issue 21): app deletion needs 2 App-Approvers (bob, carol; alice
 * asks), reminders every 4 hours, escalation to the Security-Team (dave) after 12 hours.
 */
class RemindersTest {

    private final TestClock clock = new TestClock();
    private final RecordingNotifier notifier = new RecordingNotifier();
    private final RecordingAppAdmin target = new RecordingAppAdmin();
    private final MaaEngine engine = Fixtures.engine(clock, Fixtures.directory())
            .policyEngine(RuleBasedPolicyEngine.builder()
                    .requireApproval(ResourceType.APP, Set.of(Action.DELETE), Factor.of("apps", 2, APP_APPROVERS))
                    .ttl(Duration.ofHours(48))
                    .remindAfter(Duration.ofHours(4))
                    .escalateAfter(Duration.ofHours(12), BREAK_GLASS_REVIEWERS)
                    .build())
            .notifier(notifier)
            .build();
    private final ApprovalService approvals = engine.approvals();
    private final AppAdmin apps = engine.protect(AppAdmin.class, target);

    @Test
    void reminders_fireEveryInterval_toApproversWhoHaveNotReviewed_andAreAudited() {
        String id = park(ALICE, () -> apps.deleteApp("app-1"));

        clock.advance(Duration.ofHours(4).minusSeconds(1));
        assertThat(approvals.remindDue()).isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(approvals.remindDue()).isEqualTo(1);
        assertThat(approvals.remindDue()).as("fired once per interval").isZero();
        assertThat(notifier.of(Notification.Kind.REMINDER))
                .extracting(Notification::recipients)
                .containsExactly(Set.of("bob", "carol"), Set.of("alice"));
        assertThat(notifier.of(Notification.Kind.REMINDER).get(1).text())
                .as("the requester is told who was reminded")
                .contains("were reminded");

        approvals.approve(id, BOB, "ok");
        clock.advance(Duration.ofHours(4));
        assertThat(approvals.remindDue()).isEqualTo(1);

        assertThat(notifier.of(Notification.Kind.REMINDER).get(2).recipients()).containsExactly("carol");
        assertThat(approvals.auditLog().forRequest(id))
                .extracting(e -> e.event().type())
                .containsExactly(
                        AuditEventType.SUBMITTED.name(),
                        AuditEventType.REMINDED.name(),
                        AuditEventType.APPROVAL_RECORDED.name(),
                        AuditEventType.REMINDED.name());
    }

    @Test
    void escalationApprover_canApproveOnlyAfterEscalation_whichIsAudited_andTheCallRunsOnce() {
        String id = park(ALICE, () -> apps.deleteApp("app-2"));
        approvals.approve(id, BOB, "ok");
        clock.advance(Duration.ofHours(11));
        approvals.remindDue();

        assertThatThrownBy(() -> approvals.approve(id, DAVE, "ok")).isInstanceOf(ReviewNotAllowedException.class);

        clock.advance(Duration.ofHours(1));
        assertThat(approvals.remindDue())
                .as("the escalation; the next reminder is 4 h after the 11 h one")
                .isEqualTo(1);
        ApprovalRequest escalated = approvals.get(id);
        assertThat(escalated.factors())
                .singleElement()
                .satisfies(f -> assertThat(f.approverGroups()).contains(APP_APPROVERS, BREAK_GLASS_REVIEWERS));
        assertThat(approvals.auditLog().forRequest(id))
                .filteredOn(e -> e.event().type().equals(AuditEventType.ESCALATED.name()))
                .singleElement()
                .satisfies(e -> assertThat(e.event().detail()).contains(BREAK_GLASS_REVIEWERS));
        assertThat(notifier.of(Notification.Kind.ESCALATED).get(0).recipients()).contains("dave");

        assertThat(approvals.approve(id, DAVE, "escalated to me, checked").status())
                .isEqualTo(Status.APPROVED);
        ApprovalRequest done = approvals.complete(id, ALICE);
        assertThat(done.status()).as(done.outcome()).isEqualTo(Status.COMPLETED);
        assertThat(target.calls()).hasSize(1);
        clock.advance(Duration.ofHours(12));
        assertThat(approvals.remindDue())
                .as("nothing reminds of a request that needs no approval")
                .isZero();
    }

    @Test
    void withoutReminders_nothingFires() {
        MaaEngine plain =
                Fixtures.engine(clock, Fixtures.directory()).notifier(notifier).build();
        AppAdmin plainApps = plain.protect(AppAdmin.class, target);
        String id = park(ALICE, () -> plainApps.deleteApp("app-3"));
        clock.advance(Duration.ofDays(20));

        assertThat(plain.approvals().remindDue()).isZero();
        assertThat(notifier.of(Notification.Kind.REMINDER)).isEmpty();
        assertThat(plain.approvals().get(id).reminders()).isNull();
    }

    @Test
    void carol_stillCounts_andAnOutsider_isRefused_afterEscalation() {
        String id = park(ALICE, () -> apps.deleteApp("app-4"));
        clock.advance(Duration.ofHours(12));
        approvals.remindDue();

        approvals.approve(id, CAROL, "ok");
        assertThat(approvals.get(id).status()).isEqualTo(Status.NEEDS_APPROVAL);
        assertThatThrownBy(() -> approvals.approve(id, Fixtures.MALLORY, "ok"))
                .isInstanceOf(ReviewNotAllowedException.class);
    }

    @Test
    void remindDue_readsOnlyTheStoresDueIndex_neverWalksTheOpenRequests() {
        MaaEngine indexed = Fixtures.engine(clock, Fixtures.directory())
                .store(new ForwardingRequestStore(new InMemoryRequestStore()) {
                    @Override
                    public List<ApprovalRequest> list(RequestQuery query) {
                        throw new AssertionError("the reminder job walked the requests: " + query);
                    }
                })
                .policyEngine(RuleBasedPolicyEngine.builder()
                        .requireApproval(ResourceType.APP, Set.of(Action.DELETE), Factor.of("apps", 1, APP_APPROVERS))
                        .remindAfter(Duration.ofHours(4))
                        .build())
                .notifier(notifier)
                .build();
        AppAdmin indexedApps = indexed.protect(AppAdmin.class, target);
        park(ALICE, () -> indexedApps.deleteApp("app-5"));
        clock.advance(Duration.ofHours(4));

        assertThat(indexed.approvals().remindDue()).isEqualTo(1);
        assertThat(notifier.of(Notification.Kind.REMINDER))
                .as("the approvers, and the requester told")
                .hasSize(2);
    }

    @Test
    void escalation_addsEachFactorsOwnGroups_toThatFactorOnly() {
        MaaEngine staged = Fixtures.engine(clock, Fixtures.directory())
                .policyEngine(RuleBasedPolicyEngine.builder()
                        .requireApproval(
                                ResourceType.APP,
                                Set.of(Action.DELETE),
                                Factor.of("apps", 1, APP_APPROVERS).escalatingTo(Set.of("Helpdesk")),
                                Factor.of("cab", 1, CAB))
                        .escalateAfter(Duration.ofHours(1))
                        .build())
                .build();
        AppAdmin stagedApps = staged.protect(AppAdmin.class, target);
        String id = park(ALICE, () -> stagedApps.deleteApp("app-6"));
        clock.advance(Duration.ofHours(1));
        assertThat(staged.approvals().remindDue()).isEqualTo(1);

        ApprovalRequest afterMallory = staged.approvals().approve(id, Fixtures.MALLORY, "escalated to the helpdesk");

        assertThat(afterMallory.status()).as("the helpdesk joined 'apps' only").isEqualTo(Status.NEEDS_APPROVAL);
        assertThat(QuorumProgress.of(afterMallory).factors())
                .extracting(QuorumProgress.FactorProgress::given)
                .containsExactly(1, 0);
        assertThat(afterMallory.factors().get(1).approverGroups()).containsExactly(CAB);
        staged.approvals().approve(id, CAROL, "cab ok");
        ApprovalRequest done = staged.approvals().complete(id, ALICE);
        assertThat(done.status()).as(done.outcome()).isEqualTo(Status.COMPLETED);
    }
}

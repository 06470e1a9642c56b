package dev.maa.core.workflow;

import static dev.maa.core.testing.Fixtures.ALICE;
import static dev.maa.core.testing.Fixtures.APP_APPROVERS;
import static dev.maa.core.testing.Fixtures.BOB;
import static dev.maa.core.testing.Fixtures.DAVE;
import static dev.maa.core.testing.Fixtures.SECURITY_ADMINS;
import static dev.maa.core.testing.Parking.park;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.api.Action;
import dev.maa.api.ApprovalRequest;
import dev.maa.api.Factor;
import dev.maa.api.Notification;
import dev.maa.api.ResourceType;
import dev.maa.api.ReviewNotAllowedException;
import dev.maa.api.Status;
import dev.maa.core.ApprovalService;
import dev.maa.core.MaaEngine;
import dev.maa.core.QuorumProgress;
import dev.maa.core.RequestAction;
import dev.maa.core.policy.RuleBasedPolicyEngine;
import dev.maa.core.testing.AppAdmin;
import dev.maa.core.testing.Fixtures;
import dev.maa.core.testing.RecordingAppAdmin;
import dev.maa.core.testing.RecordingNotifier;
import dev.maa.core.testing.TestClock;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Sequential stages (issue 21): app deletion needs one App-Approver, then one Security-Admin. Bob is in both groups,
 * Dave only in Security-Admins, Carol only in App-Approvers (of these two).
 */
class StagesTest {

    private final TestClock clock = new TestClock();
    private final RecordingNotifier notifier = new RecordingNotifier();
    private final RecordingAppAdmin target = new RecordingAppAdmin();
    private final MaaEngine engine = Fixtures.engine(clock, Fixtures.directory())
            .policyEngine(RuleBasedPolicyEngine.builder()
                    .requireApproval(
                            ResourceType.APP,
                            Set.of(Action.DELETE),
                            Factor.of("lead", 1, APP_APPROVERS),
                            Factor.of("security", 1, SECURITY_ADMINS).inStage(2))
                    .ttl(Duration.ofHours(24))
                    .build())
            .notifier(notifier)
            .build();
    private final ApprovalService approvals = engine.approvals();
    private final AppAdmin apps = engine.protect(AppAdmin.class, target);

    @Test
    void stage2Approver_cannotApproveOrReject_beforeStage1IsMet_andIsNotAskedYet() {
        String id = park(ALICE, () -> apps.deleteApp("app-1"));

        assertThatThrownBy(() -> approvals.approve(id, DAVE, "ok"))
                .isInstanceOf(ReviewNotAllowedException.class)
                .hasMessageContaining("is in stage 1 of 2")
                .hasMessageContaining("[" + APP_APPROVERS + "]");
        assertThatThrownBy(() -> approvals.reject(id, DAVE, "no")).isInstanceOf(ReviewNotAllowedException.class);
        assertThat(approvals.allowedActions(approvals.get(id), DAVE)).doesNotContain(RequestAction.APPROVE);
        assertThat(notifier.of(Notification.Kind.SUBMITTED))
                .singleElement()
                .satisfies(
                        n -> assertThat(n.recipients()).contains("bob", "carol").doesNotContain("dave"));
        assertThat(approvals.get(id).reviews()).isEmpty();
    }

    @Test
    void stage1Met_opensStage2_notifiesItsApprovers_andOneApprovalNeverMeetsTwoStages() {
        String id = park(ALICE, () -> apps.deleteApp("app-2"));
        int before = notifier.of(Notification.Kind.SUBMITTED).size();

        ApprovalRequest afterStage1 = approvals.approve(id, BOB, "lead ok"); // bob is a Security-Admin too

        assertThat(afterStage1.status()).isEqualTo(Status.NEEDS_APPROVAL);
        QuorumProgress progress = QuorumProgress.of(afterStage1);
        assertThat(progress.currentStage()).isEqualTo(2);
        assertThat(progress.toString()).contains("(stage 2 of 2)");
        assertThat(notifier.of(Notification.Kind.SUBMITTED).subList(before, before + 1))
                .singleElement()
                .satisfies(n -> {
                    assertThat(n.recipients()).contains("dave").doesNotContain("carol", "alice");
                    assertThat(n.text()).contains("stage 2 of 2");
                });

        ApprovalRequest approved = approvals.approve(id, DAVE, "security ok");
        assertThat(approved.status()).isEqualTo(Status.APPROVED);
        ApprovalRequest done = approvals.complete(id, ALICE);
        assertThat(done.status()).as(done.outcome()).isEqualTo(Status.COMPLETED);
        assertThat(target.calls()).hasSize(1);
    }

    @Test
    void rejection_atStage2_rejects() {
        String id = park(ALICE, () -> apps.deleteApp("app-3"));
        approvals.approve(id, BOB, "lead ok");

        ApprovalRequest r = approvals.reject(id, DAVE, "not in a change window");

        assertThat(r.status()).isEqualTo(Status.REJECTED);
        assertThatThrownBy(() -> approvals.complete(id, ALICE)).isInstanceOf(RuntimeException.class);
        assertThat(target.calls()).isEmpty();
    }

    @Test
    void withdraw_ofTheStage1Approval_closesStage2Again() {
        String id = park(ALICE, () -> apps.deleteApp("app-4"));
        approvals.approve(id, BOB, "lead ok");

        ApprovalRequest r = approvals.withdraw(id, BOB, "wrong app");

        assertThat(QuorumProgress.of(r).currentStage()).isEqualTo(1);
        assertThatThrownBy(() -> approvals.approve(id, DAVE, "ok")).isInstanceOf(ReviewNotAllowedException.class);
    }
}

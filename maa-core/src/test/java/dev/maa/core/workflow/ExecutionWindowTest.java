package dev.maa.core.workflow;

import static dev.maa.core.testing.Fixtures.ALICE;
import static dev.maa.core.testing.Fixtures.APP_APPROVERS;
import static dev.maa.core.testing.Fixtures.BOB;
import static dev.maa.core.testing.Parking.park;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.api.Action;
import dev.maa.api.ApprovalRequest;
import dev.maa.api.Factor;
import dev.maa.api.IllegalRequestStateException;
import dev.maa.api.Notification;
import dev.maa.api.ResourceType;
import dev.maa.api.Status;
import dev.maa.core.ApprovalService;
import dev.maa.core.MaaEngine;
import dev.maa.core.policy.RuleBasedPolicyEngine;
import dev.maa.core.testing.AppAdmin;
import dev.maa.core.testing.Fixtures;
import dev.maa.core.testing.RecordingAppAdmin;
import dev.maa.core.testing.RecordingNotifier;
import dev.maa.core.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** An approved request runs within the policy's execution window or expires with that reason (issue 21). */
class ExecutionWindowTest {

    private final TestClock clock = new TestClock();
    private final RecordingAppAdmin target = new RecordingAppAdmin();
    private final RecordingNotifier notifier = new RecordingNotifier();
    private final MaaEngine engine = Fixtures.engine(clock, Fixtures.directory())
            .policyEngine(RuleBasedPolicyEngine.builder()
                    .requireApproval(ResourceType.APP, Set.of(Action.DELETE), Factor.of("apps", 1, APP_APPROVERS))
                    .ttl(Duration.ofHours(24))
                    .executionWindow(Duration.ofHours(2))
                    .build())
            .notifier(notifier)
            .build();
    private final ApprovalService approvals = engine.approvals();
    private final AppAdmin apps = engine.protect(AppAdmin.class, target);

    @Test
    void approved_butNotCompletedWithinTheWindow_expiresWithThatReason_andNeverRuns() {
        String id = park(ALICE, () -> apps.deleteApp("app-1"));
        Instant approvalDeadline = approvals.get(id).expiresAt();
        clock.advance(Duration.ofHours(1));

        ApprovalRequest approved = approvals.approve(id, BOB, "ok");
        assertThat(approved.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(2)));
        assertThat(approved.approvalDeadline()).isEqualTo(approvalDeadline);
        clock.advance(Duration.ofHours(2));

        assertThat(approvals.expireDue()).isEqualTo(1);
        ApprovalRequest expired = approvals.get(id);
        assertThat(expired.status()).isEqualTo(Status.EXPIRED);
        assertThat(expired.outcome()).startsWith("not completed within its execution window of 2h");
        assertThat(approvals.auditLog().forRequest(id).get(2).event().detail()).contains("execution window");
        assertThat(notifier.of(Notification.Kind.EXPIRED))
                .as("the requester is told why")
                .singleElement()
                .satisfies(n -> assertThat(n.recipients()).containsExactly("alice"))
                .satisfies(n -> assertThat(n.text()).contains("execution window of 2h"));
        assertThatThrownBy(() -> approvals.complete(id, ALICE)).isInstanceOf(IllegalRequestStateException.class);
        assertThat(target.calls()).isEmpty();
    }

    @Test
    void completed_withinTheWindow_runs() {
        String id = park(ALICE, () -> apps.deleteApp("app-2"));
        approvals.approve(id, BOB, "ok");
        clock.advance(Duration.ofMinutes(119));

        assertThat(approvals.complete(id, ALICE).status()).isEqualTo(Status.COMPLETED);
        assertThat(target.calls()).hasSize(1);
    }

    @Test
    void complete_afterTheWindow_isRefusedNamingIt() {
        String id = park(ALICE, () -> apps.deleteApp("app-3"));
        approvals.approve(id, BOB, "ok");
        clock.advance(Duration.ofHours(3));

        assertThatThrownBy(() -> approvals.complete(id, ALICE))
                .isInstanceOf(IllegalRequestStateException.class)
                .hasMessageContaining("was not completed within its execution window of 2h");
        assertThat(target.calls()).isEmpty();
    }

    @Test
    void withdraw_ofAnApprovalUnderAWindow_restoresTheApprovalDeadline() {
        String id = park(ALICE, () -> apps.deleteApp("app-4"));
        Instant approvalDeadline = approvals.get(id).expiresAt();
        approvals.approve(id, BOB, "ok");

        ApprovalRequest back = approvals.withdraw(id, BOB, "");

        assertThat(back.status()).isEqualTo(Status.NEEDS_APPROVAL);
        assertThat(back.expiresAt()).isEqualTo(approvalDeadline);
        assertThat(back.approvalExpiresAt()).isNull();
    }
}

package dev.maa.core.workflow;

import static dev.maa.core.testing.Fixtures.ALICE;
import static dev.maa.core.testing.Fixtures.BOB;
import static dev.maa.core.testing.Fixtures.CAROL;
import static dev.maa.core.testing.Parking.park;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.AuditEntry;
import dev.maa.api.AuditEventType;
import dev.maa.api.IllegalRequestStateException;
import dev.maa.api.Notification;
import dev.maa.api.Status;
import dev.maa.api.TextTooLongException;
import dev.maa.core.ApprovalService;
import dev.maa.core.MaaEngine;
import dev.maa.core.RequestAction;
import dev.maa.core.testing.AppAdmin;
import dev.maa.core.testing.Fixtures;
import dev.maa.core.testing.RecordingAppAdmin;
import dev.maa.core.testing.RecordingNotifier;
import dev.maa.core.testing.TestClock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An approver takes their approval back before the call starts; the quorum is counted again (issue 21). */
class WithdrawTest {

    private final TestClock clock = new TestClock();
    private final RecordingNotifier notifier = new RecordingNotifier();
    private final RecordingAppAdmin target = new RecordingAppAdmin();
    private final MaaEngine engine =
            Fixtures.engine(clock, Fixtures.directory()).notifier(notifier).build();
    private final ApprovalService approvals = engine.approvals();
    private final AppAdmin apps = engine.protect(AppAdmin.class, target);

    @Test
    void withdraw_ofAnApprovalThatMetTheQuorum_dropsItBackToNeedsApproval_auditedAndNotified() {
        String id = park(ALICE, () -> apps.wipeDevice("dev-1", "lost laptop", false));
        approvals.approve(id, BOB, "ok");
        assertThat(approvals.approve(id, CAROL, "ok").status()).isEqualTo(Status.APPROVED);

        ApprovalRequest after = approvals.withdraw(id, CAROL, "wrong device");

        assertThat(after.status()).isEqualTo(Status.NEEDS_APPROVAL);
        assertThat(after.reviews()).extracting(r -> r.reviewer()).containsExactly("bob");
        assertThat(approvals.auditLog().forRequest(id))
                .extracting(e -> e.event().type())
                .endsWith(AuditEventType.APPROVED.name(), AuditEventType.APPROVAL_WITHDRAWN.name());
        AuditEntry withdrawn = approvals.auditLog().forRequest(id).get(3);
        assertThat(withdrawn.event().actor()).isEqualTo("carol");
        assertThat(withdrawn.event().detail()).contains("wrong device", "device-wipe 1/2");
        assertThat(notifier.of(Notification.Kind.WITHDRAWN))
                .flatExtracting(n -> n.recipients())
                .contains("alice", "bob");
        assertThatThrownBy(() -> approvals.complete(id, ALICE)).isInstanceOf(IllegalRequestStateException.class);
        assertThat(target.calls()).isEmpty();
    }

    @Test
    void approveAgain_afterAWithdrawal_meetsTheQuorum_andTheCallRunsOnItsAuditTrail() {
        String id = park(ALICE, () -> apps.wipeDevice("dev-2", "lost laptop", false));
        approvals.approve(id, BOB, "ok");
        approvals.approve(id, CAROL, "ok");
        approvals.withdraw(id, CAROL, "");

        assertThat(approvals.approve(id, CAROL, "checked again").status()).isEqualTo(Status.APPROVED);
        ApprovalRequest done = approvals.complete(id, ALICE);

        assertThat(done.status()).as(done.outcome()).isEqualTo(Status.COMPLETED);
        assertThat(target.calls()).hasSize(1);
    }

    @Test
    void withdraw_afterCompletionStarted_isRefused_andChangesNothing() {
        String id = park(ALICE, () -> apps.deleteApp("app-1"));
        approvals.approve(id, BOB, "ok");
        assertThat(approvals.complete(id, ALICE).status()).isEqualTo(Status.COMPLETED);

        assertThatThrownBy(() -> approvals.withdraw(id, BOB, "too late"))
                .isInstanceOf(IllegalRequestStateException.class)
                .hasMessageContaining("COMPLETED");
        assertThat(approvals.get(id).reviews()).hasSize(1);
        assertThat(approvals.allowedActions(approvals.get(id), BOB)).doesNotContain(RequestAction.WITHDRAW);
    }

    @Test
    void withdraw_byAnApproverWhoDidNotApprove_isRefused_andTooLongNotesAreRefused() {
        String id = park(ALICE, () -> apps.wipeDevice("dev-3", "lost laptop", false));
        approvals.approve(id, BOB, "ok");

        assertThatThrownBy(() -> approvals.withdraw(id, CAROL, ""))
                .isInstanceOf(IllegalRequestStateException.class)
                .hasMessageContaining("carol has no approval of request " + id);
        assertThatThrownBy(() -> approvals.act(id, BOB, RequestAction.WITHDRAW, Map.of("notes", "n".repeat(1025))))
                .isInstanceOf(TextTooLongException.class);
        assertThat(approvals.get(id).reviews()).hasSize(1);
        assertThat(approvals.allowedActions(approvals.get(id), BOB)).contains(RequestAction.WITHDRAW);
    }
}

package dev.maa.core;

import static dev.maa.core.testing.Fixtures.ALICE;
import static dev.maa.core.testing.Fixtures.BOB;
import static dev.maa.core.testing.Fixtures.CAROL;
import static dev.maa.core.testing.Fixtures.DAVE;
import static dev.maa.core.testing.Fixtures.MALLORY;
import static dev.maa.core.testing.Parking.park;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.api.AccessDeniedException;
import dev.maa.api.ApprovalRequest;
import dev.maa.api.IllegalRequestStateException;
import dev.maa.api.Notification;
import dev.maa.api.RequestAlreadyPendingException;
import dev.maa.api.ReviewNotAllowedException;
import dev.maa.api.Status;
import dev.maa.api.Verdict;
import dev.maa.core.testing.AppAdmin;
import dev.maa.core.testing.Fixtures;
import dev.maa.core.testing.RecordingAppAdmin;
import dev.maa.core.testing.RecordingNotifier;
import dev.maa.core.testing.TestClock;
import dev.maa.core.testing.TestDirectory;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApprovalServiceTest {

    private final TestClock clock = new TestClock();
    private final TestDirectory directory = Fixtures.directory();
    private final RecordingNotifier notifier = new RecordingNotifier();
    private final RecordingAppAdmin target = new RecordingAppAdmin();
    private MaaEngine engine;
    private ApprovalService approvals;
    private AppAdmin apps;

    @BeforeEach
    void setUp() {
        engine = Fixtures.engine(clock, directory).notifier(notifier).build();
        approvals = engine.approvals();
        apps = engine.protect(AppAdmin.class, target);
    }

    @Test
    void submit_parksTheCall_withoutRunningIt_andNotifiesTheApprovers() {
        String id = park(ALICE, () -> apps.deleteApp("app-1"));

        ApprovalRequest r = approvals.get(id);
        assertThat(r.status()).isEqualTo(Status.NEEDS_APPROVAL);
        assertThat(r.resource().key()).isEqualTo("APP/app-1");
        assertThat(r.justification()).isEqualTo("CHG-1234 test change");
        assertThat(r.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(24)));
        assertThat(target.calls()).isEmpty();
        assertThat(notifier.of(Notification.Kind.SUBMITTED))
                .singleElement()
                .satisfies(n -> assertThat(n.recipients()).containsExactlyInAnyOrder("bob", "carol"));
    }

    @Test
    void approve_bySameUser_isRefused_evenAsAGroupMember() {
        String id = park(ALICE, () -> apps.deleteApp("app-1"));

        assertThatThrownBy(() -> approvals.approve(id, ALICE, "looks fine"))
                .isInstanceOf(ReviewNotAllowedException.class)
                .hasMessageContaining("never review their own");
        assertThat(approvals.get(id).reviews()).isEmpty();
    }

    @Test
    void approve_byNonMember_isRefused() {
        String id = park(ALICE, () -> apps.deleteApp("app-1"));

        assertThatThrownBy(() -> approvals.approve(id, MALLORY, "ok"))
                .isInstanceOf(ReviewNotAllowedException.class)
                .hasMessageContaining("not a member")
                .hasMessageContaining("App-Approvers");
        assertThatThrownBy(() -> approvals.reject(id, MALLORY, "no")).isInstanceOf(ReviewNotAllowedException.class);
        assertThat(approvals.get(id).status()).isEqualTo(Status.NEEDS_APPROVAL);
    }

    @Test
    void approve_afterMembershipWasRemovedInTheDirectory_isRefused() {
        String id = park(ALICE, () -> apps.deleteApp("app-1"));
        directory.removeFromGroup("bob", Fixtures.APP_APPROVERS);

        assertThatThrownBy(() -> approvals.approve(id, BOB, "ok")).isInstanceOf(ReviewNotAllowedException.class);
    }

    @Test
    void approve_groupsClaimedByTheCallerAreIgnored_theDirectoryDecides() {
        String id = park(ALICE, () -> apps.deleteApp("app-1"));

        assertThatThrownBy(
                        () -> approvals.approve(id, dev.maa.api.Principal.of("mallory", Fixtures.APP_APPROVERS), "ok"))
                .isInstanceOf(ReviewNotAllowedException.class);
    }

    @Test
    void approve_quorumOfTwo_needsTwoDistinctApprovers() {
        String id = park(ALICE, () -> apps.wipeDevice("dev-1", "lost laptop", false));

        ApprovalRequest afterOne = approvals.approve(id, BOB, "confirmed with the owner");
        assertThat(afterOne.status()).isEqualTo(Status.NEEDS_APPROVAL);

        assertThatThrownBy(() -> approvals.approve(id, BOB, "again"))
                .isInstanceOf(ReviewNotAllowedException.class)
                .hasMessageContaining("already reviewed");
        assertThat(approvals.get(id).status()).isEqualTo(Status.NEEDS_APPROVAL);

        ApprovalRequest afterTwo = approvals.approve(id, CAROL, "ok");
        assertThat(afterTwo.status()).isEqualTo(Status.APPROVED);
        assertThat(afterTwo.reviews()).extracting(r -> r.reviewer()).containsExactly("bob", "carol");
        assertThat(afterTwo.reviews()).allSatisfy(r -> assertThat(r.digest()).isEqualTo(afterTwo.digest()));
    }

    @Test
    void approve_twoFactors_bothAreNeeded() {
        String id = park(ALICE, () -> apps.deployScript("script-1"));

        assertThat(approvals.approve(id, DAVE, "security ok").status())
                .as("Security-Admins met, Change-Advisory-Board not yet")
                .isEqualTo(Status.NEEDS_APPROVAL);
        assertThat(approvals.approve(id, CAROL, "cab ok").status()).isEqualTo(Status.APPROVED);
    }

    @Test
    void approve_oneReviewerInBothFactorsGroups_countsForBoth() {
        directory.user("erin", Fixtures.SECURITY_ADMINS, Fixtures.CAB);
        String id = park(ALICE, () -> apps.deployScript("script-1"));

        assertThat(approvals
                        .approve(id, dev.maa.api.Principal.of("erin"), "both")
                        .status())
                .isEqualTo(Status.APPROVED);
    }

    @Test
    void reject_byAnyApprover_rejects_andNotifiesTheRequester() {
        String id = park(ALICE, () -> apps.wipeDevice("dev-1", "lost", false));
        approvals.approve(id, BOB, "ok");

        ApprovalRequest r = approvals.reject(id, CAROL, "device was found");

        assertThat(r.status()).isEqualTo(Status.REJECTED);
        assertThat(r.reviews()).last().satisfies(rv -> {
            assertThat(rv.verdict()).isEqualTo(Verdict.REJECT);
            assertThat(rv.notes()).isEqualTo("device was found");
        });
        assertThat(notifier.of(Notification.Kind.REJECTED))
                .singleElement()
                .satisfies(n -> assertThat(n.recipients()).containsExactly("alice"));
        assertThatThrownBy(() -> approvals.approve(id, BOB, "late")).isInstanceOf(IllegalRequestStateException.class);
    }

    @Test
    void submit_secondRequestForTheSameObject_isRefusedNamingThePendingOne() {
        String first = park(ALICE, () -> apps.deleteApp("app-1"));

        try (var who = dev.maa.api.Maa.actingAs(BOB)) {
            assertThatThrownBy(() -> apps.deleteApp("app-1"))
                    .isInstanceOfSatisfying(
                            RequestAlreadyPendingException.class,
                            e -> assertThat(e.pendingRequestId()).isEqualTo(first))
                    .hasMessageContaining(first);
        }
        String other = park(BOB, () -> apps.deleteApp("app-2"));
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void submit_afterTheFirstRequestClosed_isAccepted() {
        String first = park(ALICE, () -> apps.deleteApp("app-1"));
        approvals.cancel(first, ALICE, "wrong app");

        assertThat(park(ALICE, () -> apps.deleteApp("app-1"))).isNotEqualTo(first);
    }

    @Test
    void expireDue_expiresOpenRequestsPastTheirExpiry_only() {
        String due = park(ALICE, () -> apps.deleteApp("app-1"));
        clock.advance(Duration.ofHours(12));
        String notDue = park(ALICE, () -> apps.deleteApp("app-2"));
        clock.advance(Duration.ofHours(12));

        assertThat(approvals.expireDue()).isEqualTo(1);

        assertThat(approvals.get(due).status()).isEqualTo(Status.EXPIRED);
        assertThat(approvals.get(notDue).status()).isEqualTo(Status.NEEDS_APPROVAL);
        assertThat(notifier.of(Notification.Kind.EXPIRED)).hasSize(1);
    }

    @Test
    void approve_afterExpiry_isRefused_evenBeforeTheSweep() {
        String id = park(ALICE, () -> apps.deleteApp("app-1"));
        clock.advance(Duration.ofHours(24));

        assertThatThrownBy(() -> approvals.approve(id, BOB, "late"))
                .isInstanceOfSatisfying(
                        IllegalRequestStateException.class,
                        e -> assertThat(e.status()).isEqualTo(Status.EXPIRED))
                .hasMessageContaining("expired");
        assertThat(approvals.get(id).status()).isEqualTo(Status.EXPIRED);
    }

    @Test
    void complete_afterExpiry_isRefused_andNothingRuns() {
        String id = park(ALICE, () -> apps.deleteApp("app-1"));
        approvals.approve(id, BOB, "ok");
        clock.advance(Duration.ofDays(2));

        assertThatThrownBy(() -> approvals.complete(id, ALICE)).isInstanceOf(IllegalRequestStateException.class);
        assertThat(target.calls()).isEmpty();
    }

    @Test
    void urgentRequests_getTheShorterExpiry() {
        String id = park(ALICE, () -> apps.wipeDevice("dev-1", "stolen", true));

        assertThat(approvals.get(id).expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(4)));
        assertThat(approvals.get(id).urgent()).isTrue();
    }

    @Test
    void cancel_byAnotherPrincipal_isRefused() {
        String id = park(ALICE, () -> apps.deleteApp("app-1"));

        assertThatThrownBy(() -> approvals.cancel(id, BOB, "mine now"))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("Only alice");
        assertThat(approvals.get(id).status()).isEqualTo(Status.NEEDS_APPROVAL);
    }

    @Test
    void cancel_byRequester_beforeAndAfterApproval_butNotAfterCompletion() {
        String a = park(ALICE, () -> apps.deleteApp("app-1"));
        assertThat(approvals.cancel(a, ALICE, "not needed").status()).isEqualTo(Status.CANCELED);

        String b = park(ALICE, () -> apps.deleteApp("app-2"));
        approvals.approve(b, BOB, "ok");
        assertThat(approvals.cancel(b, ALICE, "changed my mind").status()).isEqualTo(Status.CANCELED);

        String c = park(ALICE, () -> apps.deleteApp("app-3"));
        approvals.approve(c, BOB, "ok");
        approvals.complete(c, ALICE);
        assertThatThrownBy(() -> approvals.cancel(c, ALICE, "too late"))
                .isInstanceOf(IllegalRequestStateException.class);
        assertThat(target.calls()).containsExactly("deleteApp(app-3)");
    }

    @Test
    void complete_byAnotherPrincipal_isRefused() {
        String id = park(ALICE, () -> apps.deleteApp("app-1"));
        approvals.approve(id, BOB, "ok");

        assertThatThrownBy(() -> approvals.complete(id, BOB)).isInstanceOf(AccessDeniedException.class);
        assertThat(target.calls()).isEmpty();
    }

    @Test
    void complete_beforeApproval_isRefused() {
        String id = park(ALICE, () -> apps.deleteApp("app-1"));

        assertThatThrownBy(() -> approvals.complete(id, ALICE))
                .isInstanceOf(IllegalRequestStateException.class)
                .hasMessageContaining("NEEDS_APPROVAL");
    }

    @Test
    void complete_runsTheApprovedCallOnce_andRecordsTheOutcome() {
        String id = park(ALICE, () -> apps.deleteApp("app-1"));
        approvals.approve(id, BOB, "ok");

        ApprovalRequest done = approvals.complete(id, ALICE);

        assertThat(done.status()).isEqualTo(Status.COMPLETED);
        assertThat(done.outcome()).isEqualTo("ok");
        assertThat(target.calls()).containsExactly("deleteApp(app-1)");
        assertThatThrownBy(() -> approvals.complete(id, ALICE)).isInstanceOf(IllegalRequestStateException.class);
        assertThat(target.calls()).hasSize(1);
        assertThat(approvals.auditLog().forRequest(id))
                .extracting(e -> e.event().type())
                .containsExactly("SUBMITTED", "APPROVED", "COMPLETING", "COMPLETED");
    }

    @Test
    void complete_whenTheTargetThrows_recordsFailed() {
        target.failOn("app-9");
        String id = park(ALICE, () -> apps.deleteApp("app-9"));
        approvals.approve(id, BOB, "ok");

        ApprovalRequest done = approvals.complete(id, ALICE);

        assertThat(done.status()).isEqualTo(Status.FAILED);
        assertThat(done.outcome()).contains("target failed for app-9");
        assertThat(notifier.of(Notification.Kind.FAILED)).hasSize(1);
    }

    @Test
    void aThrowingNotifier_neverBreaksTheFlow() {
        MaaEngine noisy = Fixtures.engine(clock, directory)
                .notifier(new RecordingNotifier().failing())
                .build();
        RecordingAppAdmin t = new RecordingAppAdmin();
        AppAdmin a = noisy.protect(AppAdmin.class, t);

        String id = park(ALICE, () -> a.deleteApp("app-1"));
        noisy.approvals().approve(id, BOB, "ok");
        assertThat(noisy.approvals().complete(id, ALICE).status()).isEqualTo(Status.COMPLETED);
        assertThat(t.calls()).containsExactly("deleteApp(app-1)");
    }

    @Test
    void everyTransition_isAudited_andTheChainVerifies() {
        String id = park(ALICE, () -> apps.wipeDevice("dev-1", "lost", false));
        approvals.approve(id, BOB, "one");
        approvals.approve(id, CAROL, "two");
        approvals.complete(id, ALICE);

        assertThat(approvals.auditLog().forRequest(id))
                .extracting(e -> e.event().type())
                .containsExactly("SUBMITTED", "APPROVAL_RECORDED", "APPROVED", "COMPLETING", "COMPLETED");
        assertThat(approvals.auditLog().verify().intact()).isTrue();
    }
}

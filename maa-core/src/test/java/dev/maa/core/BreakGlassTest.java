package dev.maa.core;

import static dev.maa.core.testing.Fixtures.ALICE;
import static dev.maa.core.testing.Fixtures.BOB;
import static dev.maa.core.testing.Fixtures.DAVE;
import static dev.maa.core.testing.Fixtures.EMERGENCY;
import static dev.maa.core.testing.Fixtures.MALLORY;
import static dev.maa.core.testing.Parking.park;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.api.AccessDeniedException;
import dev.maa.api.ApprovalRequest;
import dev.maa.api.ApprovalRequiredException;
import dev.maa.api.Maa;
import dev.maa.api.Notification;
import dev.maa.api.ReviewNotAllowedException;
import dev.maa.api.Status;
import dev.maa.core.testing.AppAdmin;
import dev.maa.core.testing.Fixtures;
import dev.maa.core.testing.RecordingAppAdmin;
import dev.maa.core.testing.RecordingNotifier;
import dev.maa.core.testing.TestClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BreakGlassTest {

    private final TestClock clock = new TestClock();
    private final RecordingAppAdmin target = new RecordingAppAdmin();
    private final RecordingNotifier notifier = new RecordingNotifier();
    private MaaEngine engine;
    private AppAdmin apps;

    @BeforeEach
    void setUp() {
        engine = Fixtures.engine(clock, Fixtures.directory()).notifier(notifier).build();
        apps = engine.protect(AppAdmin.class, target);
    }

    private ApprovalRequest onlyPostReview() {
        assertThat(engine.approvals().postReviewQueue()).hasSize(1);
        return engine.approvals().postReviewQueue().get(0);
    }

    @Test
    void emergencyPrincipal_inEmergencyScope_runsADeniedCallAtOnce_flaggedAndQueuedForReview() {
        try (var who = Maa.actingAs(EMERGENCY);
                var glass = Maa.emergency("INC-77 ransomware, removing admin role")) {
            apps.deleteRole("role-admin");
        }

        assertThat(target.calls()).containsExactly("deleteRole(role-admin)");
        ApprovalRequest r = onlyPostReview();
        assertThat(r.emergency()).isTrue();
        assertThat(r.status()).isEqualTo(Status.COMPLETED);
        assertThat(r.justification()).isEqualTo("INC-77 ransomware, removing admin role");
        assertThat(r.requester().id()).isEqualTo(EMERGENCY.id());
        assertThat(engine.approvals().auditLog().forRequest(r.id()))
                .extracting(e -> e.event().type())
                .containsExactly("EMERGENCY_STARTED", "EMERGENCY_EXECUTED");
        assertThat(notifier.of(Notification.Kind.EMERGENCY))
                .singleElement()
                .satisfies(n -> assertThat(n.recipients()).contains("dave"));
    }

    @Test
    void emergencyPrincipal_runsACallNeedingApproval_atOnce_evenWithARequestPendingForTheObject() {
        String pending = park(ALICE, () -> apps.deleteApp("app-1"));

        try (var who = Maa.actingAs(EMERGENCY);
                var glass = Maa.emergency("INC-78 malicious app")) {
            apps.deleteApp("app-1");
        }

        assertThat(target.calls()).containsExactly("deleteApp(app-1)");
        assertThat(onlyPostReview().factors()).extracting(f -> f.policy()).containsExactly("app-deletion");
        assertThat(engine.approvals().get(pending).status()).isEqualTo(Status.NEEDS_APPROVAL);
    }

    @Test
    void breakGlassCallThatThrows_isRecordedFailed_andStillReviewed() {
        target.failOn("role-x");
        try (var who = Maa.actingAs(EMERGENCY);
                var glass = Maa.emergency("INC-79")) {
            assertThatThrownBy(() -> apps.deleteRole("role-x")).isInstanceOf(IllegalStateException.class);
        }
        ApprovalRequest r = onlyPostReview();
        assertThat(r.status()).isEqualTo(Status.FAILED);
        assertThat(r.outcome()).contains("target failed for role-x");
    }

    @Test
    void postReview_cannotBeClosedByTheRequester_norByANonApprover_butByAReviewer() {
        try (var who = Maa.actingAs(EMERGENCY);
                var glass = Maa.emergency("INC-80")) {
            apps.deleteRole("role-1");
        }
        String id = onlyPostReview().id();

        assertThatThrownBy(() -> engine.approvals().closePostReview(id, EMERGENCY, "all good"))
                .isInstanceOf(ReviewNotAllowedException.class);
        assertThatThrownBy(() -> engine.approvals().closePostReview(id, MALLORY, "all good"))
                .isInstanceOf(ReviewNotAllowedException.class);
        assertThatThrownBy(() -> engine.approvals().closePostReview(id, BOB, "all good"))
                .as("bob approves apps, not roles, and is no break-glass reviewer")
                .isInstanceOf(ReviewNotAllowedException.class);

        ApprovalRequest closed = engine.approvals().closePostReview(id, DAVE, "checked the incident ticket");

        assertThat(closed.postReview().reviewer()).isEqualTo("dave");
        assertThat(engine.approvals().postReviewQueue()).isEmpty();
        assertThat(engine.approvals().auditLog().forRequest(id))
                .extracting(e -> e.event().type())
                .endsWith("POST_REVIEW_CLOSED");
    }

    @Test
    void postReview_ofAnApprovalPolicyCall_canBeClosedByItsApprovers() {
        try (var who = Maa.actingAs(EMERGENCY);
                var glass = Maa.emergency("INC-81")) {
            apps.deleteApp("app-2");
        }
        String id = onlyPostReview().id();

        assertThat(engine.approvals().closePostReview(id, BOB, "fine").postReview())
                .isNotNull();
    }

    @Test
    void nonEmergencyPrincipal_inEmergencyScope_getsTheNormalDecision() {
        try (var who = Maa.actingAs(ALICE);
                var glass = Maa.emergency("I am in a hurry")) {
            assertThatThrownBy(() -> apps.deleteRole("role-1")).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> apps.deleteApp("app-1")).isInstanceOf(ApprovalRequiredException.class);
        }
        assertThat(target.calls()).isEmpty();
        assertThat(engine.approvals().postReviewQueue()).isEmpty();
    }

    @Test
    void emergencyPrincipal_withoutTheEmergencyScope_getsTheNormalDecision() {
        try (var who = Maa.actingAs(EMERGENCY);
                var why = Maa.justify("routine")) {
            assertThatThrownBy(() -> apps.deleteRole("role-1")).isInstanceOf(AccessDeniedException.class);
        }
        assertThat(target.calls()).isEmpty();
    }
}

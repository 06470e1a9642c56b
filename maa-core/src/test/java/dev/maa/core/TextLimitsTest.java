package dev.maa.core;

import static dev.maa.core.testing.Fixtures.ALICE;
import static dev.maa.core.testing.Fixtures.BOB;
import static dev.maa.core.testing.Fixtures.EMERGENCY;
import static dev.maa.core.testing.Parking.park;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.AuditEvent;
import dev.maa.api.Maa;
import dev.maa.api.Status;
import dev.maa.api.StoreUnavailableException;
import dev.maa.api.TextLimits;
import dev.maa.api.TextTooLongException;
import dev.maa.core.store.InMemoryRequestStore;
import dev.maa.core.testing.AppAdmin;
import dev.maa.core.testing.Fixtures;
import dev.maa.core.testing.ForwardingRequestStore;
import dev.maa.core.testing.RecordingAppAdmin;
import dev.maa.core.testing.TestClock;
import org.junit.jupiter.api.Test;

/** The engine bounds free text before anything is stored, and store failures do not leak their details. */
class TextLimitsTest {

    private final RecordingAppAdmin target = new RecordingAppAdmin();
    private final MaaEngine engine =
            Fixtures.engine(new TestClock(), Fixtures.directory()).build();
    private final AppAdmin apps = engine.protect(AppAdmin.class, target);

    @Test
    void reject_withNotesOverTheLimit_isRefused_andTheRequestIsUnchanged() {
        String id = park(ALICE, () -> apps.deleteApp("app-1"));
        long version = engine.approvals().get(id).version();

        assertThatThrownBy(() -> engine.approvals().reject(id, BOB, "n".repeat(TextLimits.MAX_NOTES + 1)))
                .isInstanceOf(TextTooLongException.class)
                .hasMessageContaining("notes is 1025 characters")
                .hasMessageContaining("at most 1024");
        assertThat(engine.approvals().get(id).version()).isEqualTo(version);
        assertThat(engine.approvals()
                        .reject(id, BOB, "n".repeat(TextLimits.MAX_NOTES))
                        .status())
                .isEqualTo(Status.REJECTED);
    }

    @Test
    void cancel_withReasonOverTheLimit_isRefused() {
        String id = park(ALICE, () -> apps.deleteApp("app-2"));

        assertThatThrownBy(() -> engine.approvals().cancel(id, ALICE, "r".repeat(TextLimits.MAX_NOTES + 1)))
                .isInstanceOf(TextTooLongException.class);
        assertThat(engine.approvals().get(id).status()).isEqualTo(Status.NEEDS_APPROVAL);
    }

    @Test
    void breakGlass_withJustificationOverTheLimit_runsNothing() {
        try (var who = Maa.actingAs(EMERGENCY);
                var glass = Maa.emergency("INC-1 " + "x".repeat(TextLimits.MAX_JUSTIFICATION))) {
            assertThatThrownBy(() -> apps.deleteRole("role-admin"))
                    .isInstanceOf(TextTooLongException.class)
                    .hasMessageContaining("justification")
                    .hasMessageContaining("Nothing was executed");
        }
        assertThat(target.calls()).isEmpty();
        assertThat(engine.approvals().postReviewQueue()).isEmpty();
    }

    @Test
    void storeFailure_messageCarriesNoDetailOfTheFailure() {
        String secret = "jdbc:h2:file:/srv/maa;PASSWORD=hunter2 INSERT INTO maa_request VALUES ('CHG-1 ...')";
        RequestStoreBreaking store = new RequestStoreBreaking(secret);
        MaaEngine broken = Fixtures.engine(new TestClock(), Fixtures.directory())
                .store(store)
                .build();
        AppAdmin guarded = broken.protect(AppAdmin.class, target);

        try (var who = Maa.actingAs(ALICE);
                var why = Maa.justify("CHG-1 remove")) {
            assertThatThrownBy(() -> guarded.deleteApp("app-3"))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageNotContaining("jdbc")
                    .hasMessageNotContaining("hunter2")
                    .hasMessageNotContaining("INSERT")
                    .hasMessageContaining("fail closed")
                    .hasRootCauseMessage(secret);
        }
        assertThat(target.calls()).isEmpty();
    }

    /** A store whose inserts fail with a message full of internals. */
    private static final class RequestStoreBreaking extends ForwardingRequestStore {
        private final String message;

        RequestStoreBreaking(String message) {
            super(new InMemoryRequestStore());
            this.message = message;
        }

        @Override
        public ApprovalRequest insert(ApprovalRequest request, AuditEvent event) {
            throw new IllegalStateException(message);
        }
    }
}

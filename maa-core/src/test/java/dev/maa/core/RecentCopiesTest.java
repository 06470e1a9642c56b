package dev.maa.core;

import static dev.maa.core.testing.Fixtures.ALICE;
import static dev.maa.core.testing.Fixtures.BOB;
import static dev.maa.core.testing.Parking.park;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.IllegalRequestStateException;
import dev.maa.api.PayloadIntegrityException;
import dev.maa.api.RequestStore;
import dev.maa.api.Status;
import dev.maa.core.store.InMemoryRequestStore;
import dev.maa.core.testing.AppAdmin;
import dev.maa.core.testing.Fixtures;
import dev.maa.core.testing.ForwardingRequestStore;
import dev.maa.core.testing.RecordingAppAdmin;
import dev.maa.core.testing.TestClock;
import dev.maa.core.testing.TestDirectory;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An engine starts a transition from its own latest copy of the request instead of reading the store first,
 * and that copy never decides anything on its own: two engines ("nodes") share one store here, so each one's
 * copies go stale whenever the other moves a request on.
 */
class RecentCopiesTest {

    private final TestClock clock = new TestClock();
    private final TestDirectory directory = Fixtures.directory();
    private final InMemoryRequestStore shared = new InMemoryRequestStore();
    private final CountingStore store = new CountingStore(shared);
    private final RecordingAppAdmin target = new RecordingAppAdmin();
    private MaaEngine nodeA;
    private MaaEngine nodeB;
    private AppAdmin appsOnA;

    @BeforeEach
    void setUp() {
        nodeA = Fixtures.engine(clock, directory).store(store).nodeId("node-a").build();
        nodeB = Fixtures.engine(clock, directory).store(store).nodeId("node-b").build();
        appsOnA = nodeA.protect(AppAdmin.class, target);
        nodeB.protect(AppAdmin.class, target);
    }

    @Test
    void parkApproveComplete_onOneNode_neverReadsTheRequestBack() {
        String id = park(ALICE, () -> appsOnA.deleteApp("app-1"));
        nodeA.approvals().approve(id, BOB, "ok");
        ApprovalRequest done = nodeA.approvals().complete(id, ALICE);

        assertThat(done.status()).isEqualTo(Status.COMPLETED);
        assertThat(target.calls()).containsExactly("deleteApp(app-1)");
        assertThat(store.finds.get()).as("reads of the request by id").isZero();
    }

    @Test
    void aStaleCopyThatWouldRefuse_isCheckedAgainstTheStore_andTheCallGoesThrough() {
        String id = park(ALICE, () -> appsOnA.deleteApp("app-1"));
        nodeB.approvals().approve(id, BOB, "ok"); // node A still holds the NEEDS_APPROVAL copy

        ApprovalRequest done = nodeA.approvals().complete(id, ALICE);

        assertThat(done.status()).isEqualTo(Status.COMPLETED);
        assertThat(target.calls()).containsExactly("deleteApp(app-1)");
    }

    @Test
    void aStaleCopyThatWouldAllow_losesTheConditionalUpdate_andTheRefusalComesFromTheStore() {
        String id = park(ALICE, () -> appsOnA.deleteApp("app-1"));
        nodeB.approvals().cancel(id, ALICE, "changed my mind"); // node A still holds the NEEDS_APPROVAL copy

        assertThatThrownBy(() -> nodeA.approvals().approve(id, BOB, "ok"))
                .isInstanceOf(IllegalRequestStateException.class)
                .hasMessageContaining("CANCELED");

        assertThat(shared.find(id).orElseThrow().status()).isEqualTo(Status.CANCELED);
        assertThat(shared.auditLog().forRequest(id))
                .extracting(e -> e.event().type())
                .containsExactly("SUBMITTED", "CANCELED");
    }

    @Test
    void aPayloadAlteredInTheStore_afterThisNodeParkedIt_isStillRefusedAtCompletion() {
        String id = park(ALICE, () -> appsOnA.deleteApp("app-1"));
        nodeA.approvals().approve(id, BOB, "ok");
        ApprovalRequest stored = shared.find(id).orElseThrow();
        shared.tampering().replacePayload(id, stored.payload().replace("app-1", "app-2"));

        assertThatThrownBy(() -> nodeA.approvals().complete(id, ALICE)).isInstanceOf(PayloadIntegrityException.class);
        assertThat(target.calls()).isEmpty();
    }

    /** Counts reads by id; everything else goes straight to the shared store. */
    private static final class CountingStore extends ForwardingRequestStore {
        private final AtomicInteger finds = new AtomicInteger();

        CountingStore(RequestStore delegate) {
            super(delegate);
        }

        @Override
        public Optional<ApprovalRequest> find(String id) {
            finds.incrementAndGet();
            return super.find(id);
        }
    }
}

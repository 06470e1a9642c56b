package dev.maa.core;

import static dev.maa.core.testing.Fixtures.ALICE;
import static dev.maa.core.testing.Fixtures.BOB;
import static dev.maa.core.testing.Parking.park;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.CapturedDiff;
import dev.maa.api.DiffCapture;
import dev.maa.api.PayloadIntegrityException;
import dev.maa.api.Status;
import dev.maa.core.store.InMemoryRequestStore;
import dev.maa.core.testing.AppAdmin;
import dev.maa.core.testing.Fixtures;
import dev.maa.core.testing.RecordingAppAdmin;
import dev.maa.core.testing.TestClock;
import dev.maa.core.testing.TestDirectory;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What an approver reviews is what was parked: the diff captured at park, and a payload that has its digest. */
class ParkedDiffTest {

    private final TestClock clock = new TestClock();
    private final TestDirectory directory = Fixtures.directory();
    private final RecordingAppAdmin target = new RecordingAppAdmin();
    private final InMemoryRequestStore store = new InMemoryRequestStore();
    /** The "object" the capture compares against, as the host sees it now. */
    private final AtomicReference<String> current = new AtomicReference<>("installed: yes\n");

    private final AtomicInteger captures = new AtomicInteger();
    private MaaEngine engine;
    private AppAdmin apps;

    @BeforeEach
    void setUp() {
        DiffCapture capture = new DiffCapture() {
            @Override
            public String resourceType() {
                return "APP";
            }

            @Override
            public Optional<CapturedDiff> capture(ApprovalRequest parked) {
                captures.incrementAndGet();
                return Optional.of(new CapturedDiff(
                        "app " + parked.resource().objectId(), current.get(), "", "", clock.instant()));
            }
        };
        engine = Fixtures.engine(clock, directory)
                .store(store)
                .diffCapture(capture)
                .build();
        apps = engine.protect(AppAdmin.class, target);
    }

    @Test
    void diff_afterCompletion_isTheOneCapturedAtPark_notRecomputed() {
        String id = park(ALICE, () -> apps.deleteApp("app-1"));
        current.set("installed: no (changed after park)\n");
        engine.approvals().approve(id, BOB, "ok");
        ApprovalRequest done = engine.approvals().complete(id, ALICE);

        assertThat(done.status()).isEqualTo(Status.COMPLETED);
        ApprovalRequest read = engine.approvals().get(id);
        assertThat(read.diff()).isNotNull();
        assertThat(read.diff().title()).isEqualTo("app app-1");
        assertThat(read.diff().before()).isEqualTo("installed: yes\n");
        assertThat(read.diff().capturedAt()).isEqualTo(read.createdAt());
        assertThat(captures).as("asked once, at park").hasValue(1);
    }

    @Test
    void diff_captureThatThrows_parksTheCallWithoutADiff() {
        MaaEngine failing = Fixtures.engine(clock, directory)
                .diffCapture(new DiffCapture() {
                    @Override
                    public String resourceType() {
                        return "APP";
                    }

                    @Override
                    public Optional<CapturedDiff> capture(ApprovalRequest parked) {
                        throw new IllegalStateException("catalog down");
                    }
                })
                .build();
        AppAdmin failingApps = failing.protect(AppAdmin.class, target);

        String id = park(ALICE, () -> failingApps.deleteApp("app-1"));

        assertThat(failing.approvals().get(id).status()).isEqualTo(Status.NEEDS_APPROVAL);
        assertThat(failing.approvals().get(id).diff()).isNull();
    }

    @Test
    void approve_ofAPayloadAlteredInTheStore_isRefused_andRecordsNoReview() {
        String id = park(ALICE, () -> apps.deleteApp("app-1"));
        ApprovalRequest r = store.find(id).orElseThrow();
        store.tampering().replacePayload(id, r.payload().replace("app-1", "app-2"));
        engine.approvals().get(id); // reviewers read the request (console, CLI, REST show) before they review it

        assertThatThrownBy(() -> engine.approvals().approve(id, BOB, "ok"))
                .isInstanceOf(PayloadIntegrityException.class)
                .hasMessageContaining("Refusing to approve request " + id)
                .hasMessageContaining("cancel");
        assertThatThrownBy(() -> engine.approvals().reject(id, BOB, "no"))
                .isInstanceOf(PayloadIntegrityException.class)
                .hasMessageContaining("Refusing to reject");
        assertThat(store.find(id).orElseThrow().reviews()).isEmpty();
        assertThat(target.calls()).isEmpty();
    }
}

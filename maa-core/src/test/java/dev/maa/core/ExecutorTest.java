package dev.maa.core;

import static dev.maa.api.Action.DELETE;
import static dev.maa.api.ResourceType.APP;
import static dev.maa.core.testing.Fixtures.ALICE;
import static dev.maa.core.testing.Fixtures.BOB;
import static dev.maa.core.testing.Parking.park;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.AuditEvent;
import dev.maa.api.PayloadIntegrityException;
import dev.maa.api.Protected;
import dev.maa.api.Review;
import dev.maa.api.Status;
import dev.maa.core.codec.ParkedCallCodec;
import dev.maa.core.store.InMemoryRequestStore;
import dev.maa.core.testing.AppAdmin;
import dev.maa.core.testing.Fixtures;
import dev.maa.core.testing.RecordingAppAdmin;
import dev.maa.core.testing.TestClock;
import dev.maa.core.testing.TestDirectory;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExecutorTest {

    private final TestClock clock = new TestClock();
    private final TestDirectory directory = Fixtures.directory();
    private final InMemoryRequestStore store = new InMemoryRequestStore();
    private final RecordingAppAdmin target = new RecordingAppAdmin();
    private MaaEngine engine;
    private AppAdmin apps;

    @BeforeEach
    void setUp() {
        engine = Fixtures.engine(clock, directory)
                .store(store)
                .claimLease(Duration.ofMinutes(5))
                .build();
        apps = engine.protect(AppAdmin.class, target);
    }

    private String approved(String appId) {
        String id = park(ALICE, () -> apps.deleteApp(appId));
        engine.approvals().approve(id, BOB, "ok");
        return id;
    }

    @Test
    void tamperedPayload_isRefusedAtCompletion_markedFailed_andTheTargetDoesNotRun() {
        String id = approved("app-1");
        ApprovalRequest r = store.find(id).orElseThrow();
        store.tampering().replacePayload(id, r.payload().replace("app-1", "app-2"));

        assertThatThrownBy(() -> engine.approvals().complete(id, ALICE))
                .isInstanceOf(PayloadIntegrityException.class)
                .hasMessageContaining(id);

        assertThat(target.calls()).isEmpty();
        assertThat(engine.approvals().get(id).status()).isEqualTo(Status.FAILED);
        assertThat(engine.approvals().auditLog().forRequest(id))
                .extracting(e -> e.event().type())
                .contains("PAYLOAD_INTEGRITY_FAILED");
    }

    @Test
    void payloadAndDigestReplacedTogether_areRefusedBecauseTheApprovalsSawAnotherDigest() {
        String id = approved("app-1");
        ApprovalRequest r = store.find(id).orElseThrow();
        String forged = r.payload().replace("app-1", "app-2");
        store.tampering()
                .replaceRequest(r.toBuilder()
                        .payload(forged)
                        .digest(ParkedCallCodec.digest(forged))
                        .build());

        assertThatThrownBy(() -> engine.approvals().complete(id, ALICE)).isInstanceOf(PayloadIntegrityException.class);
        assertThat(target.calls()).isEmpty();
        assertThat(engine.approvals().get(id).status()).isEqualTo(Status.FAILED);
    }

    @Test
    void approve_withTheDigestTheReviewerSaw_refusesWhenThePayloadChangedSince() {
        String id = park(ALICE, () -> apps.deleteApp("app-1"));
        String seen = engine.approvals().get(id).digest();

        assertThat(engine.approvals().approve(id, BOB, "ok", seen).status()).isEqualTo(Status.APPROVED);
        String other = park(ALICE, () -> apps.deleteApp("app-2"));
        assertThatThrownBy(() -> engine.approvals().approve(other, BOB, "ok", seen))
                .isInstanceOf(PayloadIntegrityException.class);
    }

    /** A protected service this JVM has no instance of until a host registers one. */
    public static class HostApps {
        static final List<String> RAN = new CopyOnWriteArrayList<>();

        @Protected(resource = APP, action = DELETE)
        public void purgeApp(String appId) {
            RAN.add(appId);
        }
    }

    @Test
    void complete_withoutAnExecutorHere_leavesItUnclaimed_forAHostsRunPending() throws Exception {
        Method purge = HostApps.class.getMethod("purgeApp", String.class);
        HostApps.RAN.clear();
        String id = park(ALICE, () -> engine.gatekeeper().check(purge, null, new Object[] {"app-5"}));
        engine.approvals().approve(id, BOB, "ok");

        ApprovalRequest waiting = engine.approvals().complete(id, ALICE);
        assertThat(waiting.status()).isEqualTo(Status.COMPLETING);
        assertThat(waiting.claimOwner()).isNull();
        assertThat(engine.executor().runPending())
                .as("this JVM still cannot run it")
                .isZero();

        MaaEngine host = Fixtures.engine(clock, directory)
                .store(store)
                .nodeId("host-node")
                .build();
        host.registerTarget(new HostApps());
        assertThat(host.executor().runPending()).isEqualTo(1);
        assertThat(host.executor().runPending()).isZero();

        assertThat(HostApps.RAN).containsExactly("app-5");
        ApprovalRequest done = engine.approvals().get(id);
        assertThat(done.status()).isEqualTo(Status.COMPLETED);
        assertThat(engine.approvals().auditLog().forRequest(id))
                .extracting(e -> e.event().actor() + ":" + e.event().type())
                .contains("system:CLAIMED");
    }

    @Test
    void recoverExpiredClaims_marksAnAbandonedClaimFailedOutcomeUnknown_andNeverReRunsIt() {
        String id = approved("app-1");
        ApprovalRequest r = store.find(id).orElseThrow();
        // a node claimed it and died while running the call
        store.update(
                r.toBuilder()
                        .status(Status.COMPLETING)
                        .claimOwner("node-dead")
                        .claimExpiresAt(clock.instant().plus(Duration.ofMinutes(5)))
                        .build(),
                Status.APPROVED,
                r.version(),
                new AuditEvent(clock.instant(), id, "system", "COMPLETING", ""));

        assertThat(engine.executor().recoverExpiredClaims())
                .as("lease still running")
                .isZero();
        assertThat(engine.executor().runPending()).as("claimed by another node").isZero();
        clock.advance(Duration.ofMinutes(6));

        assertThat(engine.executor().recoverExpiredClaims()).isEqualTo(1);

        ApprovalRequest failed = engine.approvals().get(id);
        assertThat(failed.status()).isEqualTo(Status.FAILED);
        assertThat(failed.outcome())
                .startsWith("outcome unknown — check the target system")
                .contains("node-dead");
        assertThat(target.calls()).isEmpty();
        assertThat(engine.executor().runPending()).isZero();
        assertThat(target.calls()).isEmpty();
    }

    /** Replay targets found without registration. */
    public static class Singleton {
        public static final Singleton INSTANCE = new Singleton();
        static final List<String> RAN = new CopyOnWriteArrayList<>();

        @Protected(resource = APP, action = DELETE)
        public void dropApp(String appId) {
            RAN.add("instance:" + appId);
        }

        @Protected(resource = APP, action = DELETE)
        public static void dropStatic(String appId) {
            RAN.add("static:" + appId);
        }
    }

    @Test
    void singletonsAndStaticMethods_needNoRegistration() throws Exception {
        Singleton.RAN.clear();
        Method drop = Singleton.class.getMethod("dropApp", String.class);
        Method dropStatic = Singleton.class.getMethod("dropStatic", String.class);
        String a = park(ALICE, () -> engine.gatekeeper().check(drop, Singleton.INSTANCE, new Object[] {"a"}));
        String b = park(ALICE, () -> engine.gatekeeper().check(dropStatic, null, new Object[] {"b"}));
        engine.approvals().approve(a, BOB, "ok");
        engine.approvals().approve(b, BOB, "ok");

        assertThat(engine.approvals().complete(a, ALICE).status()).isEqualTo(Status.COMPLETED);
        assertThat(engine.approvals().complete(b, ALICE).status()).isEqualTo(Status.COMPLETED);
        assertThat(Singleton.RAN).containsExactly("instance:a", "static:b");
    }

    @Test
    void reviewsRecordTheDigestTheyApproved() {
        String id = approved("app-1");
        ApprovalRequest r = engine.approvals().get(id);
        assertThat(r.reviews()).extracting(Review::digest).containsExactly(r.digest());
    }
}

package dev.maa.core;

import static dev.maa.core.testing.Fixtures.ALICE;
import static dev.maa.core.testing.Fixtures.BOB;
import static dev.maa.core.testing.Fixtures.CAROL;
import static dev.maa.core.testing.Parking.park;
import static org.assertj.core.api.Assertions.assertThat;

import dev.maa.api.Action;
import dev.maa.api.ApprovalRequest;
import dev.maa.api.CompletionMode;
import dev.maa.api.Factor;
import dev.maa.api.MaaException;
import dev.maa.api.ResourceType;
import dev.maa.api.Status;
import dev.maa.core.policy.RuleBasedPolicyEngine;
import dev.maa.core.testing.AppAdmin;
import dev.maa.core.testing.Fixtures;
import dev.maa.core.testing.RecordingAppAdmin;
import dev.maa.core.testing.TestClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Invariant 5 under contention: 64 threads race to approve (two approvers, quorum 2) and complete the same
 * request, 200 times, alternating manual and auto completion. The target must run exactly once every time and
 * both concurrent approvals must count.
 */
class ExactlyOnceTest {

    private static final int THREADS = 64;
    private static final int ROUNDS = 200;
    private static ExecutorService pool;

    @BeforeAll
    static void startPool() {
        pool = Executors.newFixedThreadPool(THREADS);
    }

    @AfterAll
    static void stopPool() {
        pool.shutdownNow();
    }

    private static RuleBasedPolicyEngine policy(CompletionMode mode) {
        return RuleBasedPolicyEngine.builder()
                .requireApproval(
                        ResourceType.DEVICE_ACTION, Set.of(Action.WIPE), Factor.of("wipe", 2, Fixtures.DEVICE_MANAGERS))
                .completion(mode)
                .build();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void approveAndCompleteRacing_from64Threads_runTheTargetExactlyOnce_200Times() throws Exception {
        TestClock clock = new TestClock();
        RecordingAppAdmin manualTarget = new RecordingAppAdmin();
        RecordingAppAdmin autoTarget = new RecordingAppAdmin();
        MaaEngine manual = Fixtures.engine(clock, Fixtures.directory())
                .policyEngine(policy(CompletionMode.MANUAL))
                .build();
        MaaEngine auto = Fixtures.engine(clock, Fixtures.directory())
                .policyEngine(policy(CompletionMode.AUTO))
                .build();
        AppAdmin manualApps = manual.protect(AppAdmin.class, manualTarget);
        AppAdmin autoApps = auto.protect(AppAdmin.class, autoTarget);

        for (int round = 0; round < ROUNDS; round++) {
            boolean isAuto = round % 2 == 1;
            MaaEngine engine = isAuto ? auto : manual;
            AppAdmin apps = isAuto ? autoApps : manualApps;
            String device = "dev-" + round;
            String id = park(ALICE, () -> apps.wipeDevice(device, "round", false));

            race(engine.approvals(), id);

            ApprovalRequest r = engine.approvals().get(id);
            if (r.status() == Status.APPROVED) {
                r = engine.approvals().complete(id, ALICE); // every completer came before the quorum
            }
            RecordingAppAdmin target = isAuto ? autoTarget : manualTarget;
            String call = "wipeDevice(" + device + ")";
            assertThat(target.calls().stream().filter(call::equals).count())
                    .as("runs of round %d", round)
                    .isEqualTo(1);
            assertThat(r.status()).isEqualTo(Status.COMPLETED);
            assertThat(r.reviews()).extracting(rv -> rv.reviewer()).containsExactlyInAnyOrder("bob", "carol");
        }
        assertThat(manualTarget.calls()).hasSize(ROUNDS / 2);
        assertThat(autoTarget.calls()).hasSize(ROUNDS / 2);
        assertThat(manual.approvals().auditLog().verify().intact()).isTrue();
    }

    private static void race(ApprovalService approvals, String id) throws Exception {
        CountDownLatch ready = new CountDownLatch(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int role = t % 4;
            futures.add(pool.submit(() -> {
                ready.countDown();
                start.await();
                try {
                    switch (role) {
                        case 0 -> approvals.approve(id, BOB, "ok");
                        case 1 -> approvals.approve(id, CAROL, "ok");
                        default -> approvals.complete(id, ALICE);
                    }
                } catch (MaaException expected) {
                    // lost the race: already reviewed, not approved yet, already completing...
                }
                return null;
            }));
        }
        ready.await();
        start.countDown();
        for (Future<?> f : futures) {
            f.get(30, TimeUnit.SECONDS);
        }
    }
}

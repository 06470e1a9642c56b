package dev.maa.store.jdbc.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.AuditVerification;
import dev.maa.api.CompletionMode;
import dev.maa.api.Status;
import dev.maa.core.MaaEngine;
import dev.maa.store.jdbc.EmbeddedPostgresSupport;
import dev.maa.store.jdbc.JdbcRequestStore;
import dev.maa.store.jdbc.JdbcStores;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Invariant 5 across crashes: an executor JVM is killed ({@code kill -9}) while the calls it claimed are running.
 * After its lease, another node's {@code recoverExpiredClaims} marks exactly those FAILED "outcome unknown"
 * (never re-run) and its {@code runPending} runs the ones the dead node never claimed. 20 trials, varying how many
 * requests, executor threads and started calls there are when the kill comes.
 */
class KilledExecutorTest {

    private static final int TRIALS = 20;
    private static final Duration LEASE = Duration.ofMillis(1500);

    @TempDir
    Path dir;

    @Test
    @Timeout(150)
    void executorKilledMidCall_neverRunsTwice_losesNothing_andEndsCompletedOrOutcomeUnknown() throws Exception {
        String url = EmbeddedPostgresSupport.newDatabase("kill");
        SideEffectTable table = new SideEffectTable(url);
        try (JdbcRequestStore store = JdbcStores.fromUrl(url)) {
            table.create();
            MaaEngine submitter =
                    ClusterNodes.engine(store, "submitter", CompletionMode.AUTO).build();
            // the survivor's clock is past the dead node's leases: no waiting for them to run out
            MaaEngine survivor = ClusterNodes.engine(store, "survivor", CompletionMode.AUTO)
                    .claimLease(LEASE)
                    .clock(Clock.offset(Clock.systemUTC(), LEASE.multipliedBy(2)))
                    .build();
            survivor.registerTarget(SideEffectTargets.recording(table, "survivor"));
            List<String> all = new ArrayList<>();
            int failed = 0;
            for (int trial = 0; trial < TRIALS; trial++) {
                int requests = 2 + trial % 3;
                int threads = 1 + trial % 2;
                int startedBeforeKill = 1 + (trial / 2) % threads;
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < requests; i++) {
                    ids.add(ClusterNodes.parkAndApprove(submitter, "t" + trial + "-app-" + i));
                }
                all.addAll(ids);
                long started = table.count(SideEffectTable.STARTED);
                try (ChildJvm child = ChildJvm.start(
                        dir.resolve("trial-" + trial + ".log"),
                        "hang",
                        url,
                        "doomed-" + trial,
                        "" + threads,
                        "" + LEASE.toMillis())) {
                    child.awaitLine("READY", Duration.ofSeconds(30));
                    child.go();
                    await().atMost(Duration.ofSeconds(20))
                            .pollInterval(Duration.ofMillis(10))
                            .until(() -> table.count(SideEffectTable.STARTED) >= started + startedBeforeKill);
                    child.kill();
                }
                failed += survivor.executor().recoverExpiredClaims();
                survivor.executor().runPending();
                assertTrial(store, table, ids, trial);
            }
            Map<String, Integer> started = table.perApp(SideEffectTable.STARTED);
            Map<String, Integer> executed = table.perApp(SideEffectTable.EXECUTED);
            for (String id : all) {
                String app = store.find(id).orElseThrow().resource().objectId();
                assertThat(started.getOrDefault(app, 0) + executed.getOrDefault(app, 0))
                        .as(app)
                        .isLessThanOrEqualTo(1);
            }
            assertThat(failed).as("requests the killed executors had claimed").isGreaterThanOrEqualTo(TRIALS);
            AuditVerification v = store.auditLog().verify();
            assertThat(v.intact()).as(v.problems().toString()).isTrue();
        }
    }

    private static void assertTrial(JdbcRequestStore store, SideEffectTable table, List<String> ids, int trial) {
        Map<String, Integer> started = table.perApp(SideEffectTable.STARTED);
        Map<String, Integer> executed = table.perApp(SideEffectTable.EXECUTED);
        for (String id : ids) {
            ApprovalRequest r = store.find(id).orElseThrow();
            String app = r.resource().objectId();
            String what = "trial " + trial + ", " + app + ": " + r.status() + " " + r.outcome();
            if (r.status() == Status.COMPLETED) {
                assertThat(executed.getOrDefault(app, 0)).as(what).isEqualTo(1);
                assertThat(started.getOrDefault(app, 0)).as(what).isZero();
            } else {
                assertThat(r.status()).as(what).isEqualTo(Status.FAILED);
                assertThat(r.outcome()).as(what).startsWith("outcome unknown").contains("doomed-" + trial);
                assertThat(executed.getOrDefault(app, 0))
                        .as(what + ": not re-run")
                        .isZero();
                assertThat(started.getOrDefault(app, 0)).as(what).isLessThanOrEqualTo(1);
            }
        }
        long hung = ids.stream()
                .map(id -> store.find(id).orElseThrow().resource().objectId())
                .filter(app -> started.getOrDefault(app, 0) == 1)
                .count();
        assertThat(hung)
                .as("trial " + trial + ": calls the killed node started")
                .isGreaterThanOrEqualTo(1);
    }
}

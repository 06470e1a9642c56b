package dev.maa.store.jdbc.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.AuditVerification;
import dev.maa.api.CompletionMode;
import dev.maa.api.RequestQuery;
import dev.maa.api.Status;
import dev.maa.core.MaaEngine;
import dev.maa.store.jdbc.EmbeddedPostgresSupport;
import dev.maa.store.jdbc.JdbcRequestStore;
import dev.maa.store.jdbc.JdbcStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Invariant 5 across processes: two host JVMs with 32 threads each race to complete the same 500 approved
 * requests on one PostgreSQL. Half are APPROVED with manual completion (both JVMs call {@code complete} on every
 * one of them), half wait COMPLETING unclaimed after auto completion on a node that cannot run them (both JVMs
 * claim them with SKIP LOCKED in {@code runPending}). Every call must have run exactly once.
 */
class TwoJvmCompletionRaceTest {

    private static final int REQUESTS = 500;
    private static final int THREADS = 32;

    @TempDir
    Path dir;

    @Test
    @Timeout(240)
    void twoJvms32ThreadsEach_runEachOf500RequestsExactlyOnce() throws Exception {
        String url = EmbeddedPostgresSupport.newDatabase("race");
        SideEffectTable table = new SideEffectTable(url);
        try (JdbcRequestStore store = JdbcStores.fromUrl(url)) {
            table.create();
            MaaEngine manual = ClusterNodes.engine(store, "parent-manual", CompletionMode.MANUAL)
                    .build();
            MaaEngine auto = ClusterNodes.engine(store, "parent-auto", CompletionMode.AUTO)
                    .build();
            List<String> manualIds = new ArrayList<>();
            List<String> all = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                boolean isManual = i % 2 == 0;
                String id = ClusterNodes.parkAndApprove(isManual ? manual : auto, "app-" + i);
                all.add(id);
                if (isManual) {
                    manualIds.add(id);
                }
            }
            assertThat(store.list(RequestQuery.all()
                            .withStatuses(java.util.Set.of(Status.COMPLETING))
                            .page(0, RequestQuery.MAX_LIMIT)))
                    .hasSize(REQUESTS / 2)
                    .allMatch(r -> r.claimOwner() == null);
            Path ids = Files.write(dir.resolve("manual-ids.txt"), manualIds);

            try (ChildJvm a = ChildJvm.start(
                            dir.resolve("a.log"), "race", url, "node-a", "" + THREADS, "60000", ids.toString());
                    ChildJvm b = ChildJvm.start(
                            dir.resolve("b.log"), "race", url, "node-b", "" + THREADS, "60000", ids.toString())) {
                a.awaitLine("READY", Duration.ofSeconds(60));
                b.awaitLine("READY", Duration.ofSeconds(60));
                a.go();
                b.go();
                assertThat(a.waitFor(Duration.ofSeconds(120))).as(a.output()).isZero();
                assertThat(b.waitFor(Duration.ofSeconds(120))).as(b.output()).isZero();
            }

            Map<String, Integer> perNode = table.perNode(SideEffectTable.EXECUTED);
            assertThat(table.count(SideEffectTable.EXECUTED))
                    .as("executions, per node " + perNode)
                    .isEqualTo(REQUESTS);
            assertThat(table.distinct(SideEffectTable.EXECUTED)).isEqualTo(REQUESTS);
            assertThat(table.perApp(SideEffectTable.EXECUTED).values()).allMatch(n -> n == 1);
            Map<String, ApprovalRequest> stored = all.stream()
                    .map(id -> store.find(id).orElseThrow())
                    .collect(Collectors.toMap(ApprovalRequest::id, Function.identity()));
            assertThat(stored.values()).extracting(ApprovalRequest::status).containsOnly(Status.COMPLETED);
            assertThat(stored.values()).extracting(ApprovalRequest::claimOwner).containsOnly("node-a", "node-b");
            AuditVerification v = store.auditLog().verify();
            assertThat(v.intact()).as(v.problems().toString()).isTrue();
            System.out.println("executions per node: " + perNode);
        }
    }
}

package dev.maa.store.jdbc.cluster;

import static dev.maa.store.jdbc.cluster.ClusterNodes.ALICE;
import static dev.maa.store.jdbc.cluster.ClusterNodes.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.AuditVerification;
import dev.maa.api.CompletionMode;
import dev.maa.api.Maa;
import dev.maa.api.RequestQuery;
import dev.maa.api.Status;
import dev.maa.api.StoreUnavailableException;
import dev.maa.core.BackgroundJobs;
import dev.maa.core.MaaEngine;
import dev.maa.store.jdbc.EmbeddedPostgresSupport;
import dev.maa.store.jdbc.JdbcRequestStore;
import dev.maa.store.jdbc.JdbcStoreSettings;
import dev.maa.store.jdbc.JdbcStores;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Invariant 7 at the engine: while PostgreSQL is stopped, protected calls that need the store (parking,
 * completing, approving, the background executor) fail closed with {@link StoreUnavailableException} and nothing
 * runs; unprotected calls are unaffected; once the database is back, everything recorded before is still there
 * and the audit chain verifies.
 */
class DatabaseDownTest {

    @TempDir
    Path dir;

    private final List<String> calls = new CopyOnWriteArrayList<>();

    @Test
    @Timeout(180)
    void postgresStopped_protectedCallsFailClosed_unprotectedRun_andNothingIsLost() throws Exception {
        int port = freePort();
        Path data = dir.resolve("pgdata");
        EmbeddedPostgres server = EmbeddedPostgresSupport.start(data, port);
        String url = server.getJdbcUrl("postgres", "postgres");
        try (JdbcRequestStore store = JdbcStores.open(JdbcStoreSettings.builder(url)
                .poolSize(3)
                .connectionTimeout(Duration.ofSeconds(1))
                .build())) {
            MaaEngine engine =
                    ClusterNodes.engine(store, "node-1", CompletionMode.MANUAL).build();
            SideEffects apps = engine.protect(SideEffects.class, recording());
            String completed = park(apps, "app-1");
            engine.approvals().approve(completed, BOB, "ok");
            engine.approvals().complete(completed, ALICE);
            String approved = park(apps, "app-2");
            engine.approvals().approve(approved, BOB, "ok");
            String pending = park(apps, "app-3");
            List<ApprovalRequest> before = all(engine);
            long auditBefore = store.auditLog().verify().entriesChecked();
            assertThat(calls).containsExactly("app-1");

            try (BackgroundJobs jobs = engine.startBackgroundJobs(Duration.ofMillis(100))) {
                server.close();

                try (var who = Maa.actingAs(ALICE);
                        var why = Maa.justify("CHG-9")) {
                    assertThatThrownBy(() -> apps.deleteApp("app-4")).isInstanceOf(StoreUnavailableException.class);
                }
                assertThatThrownBy(() -> engine.approvals().complete(approved, ALICE))
                        .isInstanceOf(StoreUnavailableException.class);
                assertThatThrownBy(() -> engine.approvals().approve(pending, BOB, "ok"))
                        .isInstanceOf(StoreUnavailableException.class);
                assertThatThrownBy(() -> engine.executor().runPending()).isInstanceOf(StoreUnavailableException.class);
                assertThat(apps.ping()).isEqualTo("pong");
                assertThat(calls)
                        .as("nothing protected ran while the store was down")
                        .containsExactly("app-1");

                server = EmbeddedPostgresSupport.start(data, port);
                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(200))
                        .ignoreExceptions()
                        .until(() -> store.find(completed).isPresent());
            }

            assertThat(all(engine)).as("the same rows as before the outage").isEqualTo(before);
            AuditVerification v = store.auditLog().verify();
            assertThat(v.intact()).as(v.problems().toString()).isTrue();
            assertThat(v.entriesChecked()).isEqualTo(auditBefore);
            assertThat(engine.approvals().complete(approved, ALICE).status()).isEqualTo(Status.COMPLETED);
            assertThat(calls).containsExactly("app-1", "app-2");
        } finally {
            server.close();
        }
    }

    private SideEffects recording() {
        return new SideEffects() {
            @Override
            public void deleteApp(String appId) {
                calls.add(appId);
            }

            @Override
            public String ping() {
                return "pong";
            }
        };
    }

    private static String park(SideEffects apps, String appId) {
        try (var who = Maa.actingAs(ALICE);
                var why = Maa.justify("CHG-9")) {
            apps.deleteApp(appId);
        } catch (dev.maa.api.ApprovalRequiredException e) {
            return e.requestId();
        }
        throw new AssertionError(appId + " ran instead of being parked");
    }

    private static List<ApprovalRequest> all(MaaEngine engine) {
        return engine.store().list(RequestQuery.all().page(0, RequestQuery.MAX_LIMIT));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

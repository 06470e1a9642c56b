package dev.maa.store.jdbc;

import static dev.maa.core.store.StoreFixtures.event;
import static dev.maa.core.store.StoreFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.AuditVerification;
import dev.maa.api.StoreUnavailableException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fail closed: while the database is down every operation throws {@link StoreUnavailableException} naming the
 * store (never its password), nothing half-written remains, and the store works again once the database is back.
 */
class StoreUnavailableTest {

    private static final String SECRET = "s3cr3t-pw";

    @TempDir
    Path dir;

    @Test
    @Timeout(180)
    void postgresStopped_failsClosed_andNothingIsLostWhenItReturns() throws Exception {
        int port = freePort();
        Path data = dir.resolve("pgdata");
        EmbeddedPostgres server = EmbeddedPostgresSupport.start(data, port);
        String url = server.getJdbcUrl("postgres", "postgres") + "&password=" + SECRET;
        try (JdbcRequestStore store = open(url)) {
            store.insert(request("r1", "app-1", 0), event("r1", "SUBMITTED"));

            server.close();
            assertUnavailable(store, "jdbc:postgresql://localhost:" + port);

            server = EmbeddedPostgresSupport.start(data, port);
            assertRecovered(store);
        } finally {
            server.close();
        }
    }

    @Test
    @Timeout(120)
    void h2ServerStopped_failsClosed_andNothingIsLostWhenItReturns() throws Exception {
        int port = freePort();
        Server server = h2Server(port);
        String url = "jdbc:h2:tcp://localhost:" + port + "/maa;LOCK_TIMEOUT=10000;PASSWORD=" + SECRET;
        try (JdbcRequestStore store = open(url)) {
            store.insert(request("r1", "app-1", 0), event("r1", "SUBMITTED"));

            server.stop();
            assertUnavailable(store, "jdbc:h2:tcp://localhost:" + port);

            server = h2Server(port);
            assertRecovered(store);
        } finally {
            server.stop();
        }
    }

    @Test
    @Timeout(60)
    void openingAStoreOnAnUnreachableDatabase_failsClosedAtOnce() throws Exception {
        int port = freePort();
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/maa";

        assertThatThrownBy(() -> JdbcStores.open(JdbcStoreSettings.builder(url)
                        .user("maa")
                        .password(SECRET)
                        .connectionTimeout(Duration.ofSeconds(1))
                        .build()))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining(url)
                .hasMessageNotContaining(SECRET)
                .hasMessageContaining("fail closed");
    }

    private JdbcRequestStore open(String url) {
        boolean h2 = url.startsWith("jdbc:h2");
        // H2 takes the password from the URL only; PostgreSQL gets it both ways
        return JdbcStores.open(JdbcStoreSettings.builder(url)
                .user(h2 ? "sa" : "postgres")
                .password(h2 ? null : SECRET)
                .poolSize(3)
                .connectionTimeout(Duration.ofSeconds(1))
                .build());
    }

    private static void assertUnavailable(JdbcRequestStore store, String urlPrefix) {
        assertThatThrownBy(() -> store.insert(request("r2", "app-2", 1), event("r2", "SUBMITTED")))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageNotContaining(urlPrefix) // the message can reach a caller; the cause names the URL
                .hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> store.find("r1")).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> store.auditLog().append(event("", "NOTE")))
                .isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> store.auditLog().verify()).isInstanceOf(StoreUnavailableException.class);
    }

    private static void assertRecovered(JdbcRequestStore store) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .until(() -> store.find("r1").isPresent());
        assertThat(store.find("r2")).as("the failed insert left nothing behind").isEmpty();
        assertThat(store.auditLog().forRequest("r1")).hasSize(1);
        ApprovalRequest r2 = store.insert(request("r2", "app-2", 1), event("r2", "SUBMITTED"));
        assertThat(store.find("r2")).contains(r2);
        AuditVerification v = store.auditLog().verify();
        assertThat(v.intact()).as(v.problems().toString()).isTrue();
        assertThat(v.entriesChecked()).isEqualTo(2);
    }

    private Server h2Server(int port) throws SQLException {
        return Server.createTcpServer("-tcpPort", Integer.toString(port), "-baseDir", dir.toString(), "-ifNotExists")
                .start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

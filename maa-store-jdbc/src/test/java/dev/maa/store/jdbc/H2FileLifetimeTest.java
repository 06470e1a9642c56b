package dev.maa.store.jdbc;

import static dev.maa.core.store.StoreFixtures.event;
import static dev.maa.core.store.StoreFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import org.h2.engine.Database;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A privately opened H2 file stays one database for as long as its store is open, even when the pool holds no
 * connection for a moment (HikariCP retires connections after their lifetime and evicts broken ones): H2 would
 * otherwise close it with its last connection and the next one would open the file as a new database, which the
 * transition log refuses for good (it cannot tell that from H2 reopening the file after a failed write).
 */
class H2FileLifetimeTest {

    @TempDir
    Path dir;

    @Test
    void aStoreWhosePoolHadNoConnection_writesOn_onTheSameDatabase() throws Exception {
        JdbcStoreSettings settings = JdbcStores.h2FileSettings(dir.resolve("maa"))
                .logCheckpointInterval(Duration.ZERO)
                .auditSealInterval(Duration.ZERO)
                .build();
        Database before;
        try (JdbcRequestStore store = JdbcStores.open(settings)) {
            store.insert(request("r1", "app-1", 0), event("r1", "SUBMITTED"));
            HikariDataSource pool = (HikariDataSource) store.dataSource();
            try (Connection c = pool.getConnection()) {
                before = database(c);
            }
            // what retiring every connection at once leaves: a pool without a connection
            pool.getHikariConfigMXBean().setMinimumIdle(0);
            pool.getHikariPoolMXBean().softEvictConnections();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> pool.getHikariPoolMXBean().getTotalConnections() == 0);

            store.insert(request("r2", "app-2", 0), event("r2", "SUBMITTED"));
            try (Connection c = pool.getConnection()) {
                assertThat(database(c)).as("still the database the log covers").isSameAs(before);
            }
            assertThat(store.find("r2")).isPresent();
        }
        assertThat(before.isClosing())
                .as("the store's close closed the database")
                .isTrue();
        try (JdbcRequestStore again = JdbcStores.open(settings)) {
            assertThat(again.find("r1")).isPresent();
            assertThat(again.find("r2")).isPresent();
        }
    }

    /** The H2 database {@code c} reaches in this JVM, compared by identity. */
    private static Database database(Connection c) throws Exception {
        return ((SessionLocal) c.unwrap(JdbcConnection.class).getSession()).getDatabase();
    }
}

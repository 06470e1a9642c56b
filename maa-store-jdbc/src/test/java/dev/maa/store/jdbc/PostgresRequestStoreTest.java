package dev.maa.store.jdbc;

import static dev.maa.core.store.StoreFixtures.event;
import static dev.maa.core.store.StoreFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.maa.store.jdbc.internal.Db;
import dev.maa.store.jdbc.internal.Dialect;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The store contract and the JDBC-only promises on PostgreSQL (embedded server, own database). */
class PostgresRequestStoreTest extends AbstractJdbcStoreTest {

    @Override
    protected JdbcRequestStore openStore() {
        String url = EmbeddedPostgresSupport.newDatabase(EmbeddedPostgresSupport.shared(), "contract");
        return JdbcStores.postgres(url, "postgres", "postgres");
    }

    @Override
    public String passwordForReopen() {
        return "postgres";
    }

    @Test
    @Timeout(60)
    void backgroundSealing_vacuumsTheStagingQueue_onceItHasSealedEnough() {
        // every sealed event counts here; the store's own background sealer may take some of them first
        JdbcAuditLog sealer = new JdbcAuditLog(new Db(ds(), "test", Dialect.POSTGRESQL, JdbcTestSql.chain()), 1);
        AtomicInteger n = new AtomicInteger();

        await().atMost(Duration.ofSeconds(30)).until(() -> {
            String id = "v" + n.incrementAndGet();
            jdbc.insert(request(id, "app-" + id, 0), event(id, "SUBMITTED"));
            sealer.sealAndTidy();
            return JdbcTestSql.count(
                            ds(),
                            "SELECT vacuum_count FROM pg_stat_user_tables " + "WHERE relname = 'maa_audit_pending'")
                    > 0;
        });
        assertThat(jdbc.auditLog().verify().intact()).isTrue();
    }
}

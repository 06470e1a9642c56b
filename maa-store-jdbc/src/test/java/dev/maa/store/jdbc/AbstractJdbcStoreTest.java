package dev.maa.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maa.api.RequestStore;
import dev.maa.core.store.RequestStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The store contract plus what only a database-backed store promises, one interface per topic: rules the database
 * enforces itself ({@link DatabaseRulesContract}), locks and audit sealing ({@link LocksAndSealingContract}),
 * exactly-once claims and job leases ({@link ClaimsContract}), retention purges with anchors
 * ({@link RetentionContract}), verify and export ({@link AuditExportContract}). One database per test class (opened
 * by the subclass), wiped before each test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractJdbcStoreTest extends RequestStoreContract
        implements DatabaseRulesContract,
                LocksAndSealingContract,
                ClaimsContract,
                RetentionContract,
                AuditExportContract {

    protected JdbcRequestStore jdbc;

    /** Opens the store for this class's database; called once. */
    protected abstract JdbcRequestStore openStore();

    @BeforeAll
    void openDatabase() {
        jdbc = openStore();
    }

    @AfterAll
    void closeDatabase() {
        if (jdbc != null) {
            jdbc.close();
        }
    }

    @Override
    protected RequestStore createStore() {
        JdbcTestSql.wipe(jdbc.dataSource());
        return jdbc;
    }

    @Override
    protected void releaseStore(RequestStore store) {
        // shared by the class; closed after all tests
    }

    @Override
    public void tamperAuditDetail(RequestStore store, long seq, String detail) {
        jdbc.auditLog().seal(); // an edit of a sealed entry; staged events are not yet tamper-evident
        assertThat(JdbcTestSql.update(ds(), "UPDATE maa_audit SET detail = ? WHERE seq = ?", detail, seq))
                .isEqualTo(1);
    }

    @Override
    public void deleteAuditEntry(RequestStore store, long seq) {
        jdbc.auditLog().seal();
        assertThat(JdbcTestSql.update(ds(), "DELETE FROM maa_audit WHERE seq = ?", seq))
                .isEqualTo(1);
    }

    @Override
    public void tamperPayload(RequestStore store, String requestId, String payload) {
        assertThat(JdbcTestSql.update(ds(), "UPDATE maa_request SET payload = ? WHERE id = ?", payload, requestId))
                .isEqualTo(1);
    }

    @Override
    public final JdbcRequestStore jdbc() {
        return jdbc;
    }
}

package dev.maa.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.AuditEntry;
import dev.maa.api.AuditEvent;
import dev.maa.api.AuditEventType;
import dev.maa.api.RequestStore;
import dev.maa.core.ApprovalIntegrityContract;
import dev.maa.core.audit.AuditChain;
import dev.maa.core.audit.AuditKey;
import dev.maa.store.jdbc.internal.RequestCodec;
import java.sql.Timestamp;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@link ApprovalIntegrityContract} on H2 and PostgreSQL, each forgery written with SQL as a database writer would,
 * plus what only a staging store has: an event inserted into {@code maa_audit_pending}.
 */
class JdbcApprovalIntegrityTest {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    /** The forgeries through SQL; subclasses say which database. */
    abstract static class OnSql extends ApprovalIntegrityContract {

        JdbcRequestStore jdbc() {
            return (JdbcRequestStore) store;
        }

        DataSource ds() {
            return jdbc().dataSource();
        }

        @Override
        protected void writeRequest(ApprovalRequest forged) {
            JdbcTestSql.update(
                    ds(),
                    "UPDATE maa_request SET status = ?, digest = ?, payload = ?, body = ? " + "WHERE id = ?",
                    forged.status().name(),
                    forged.digest(),
                    forged.payload(),
                    RequestCodec.toBody(forged),
                    forged.id());
        }

        @Override
        protected void writeAudit(UnaryOperator<List<AuditEntry>> rewrite) {
            List<AuditEntry> rewritten = rewrite.apply(store.auditLog().read(0, JdbcAuditLog.MAX_READ));
            JdbcTestSql.update(ds(), "DELETE FROM maa_audit");
            for (AuditEntry e : rewritten) {
                JdbcTestSql.update(
                        ds(),
                        "INSERT INTO maa_audit (seq, at, request_id, actor, type, detail, prev_hash, "
                                + "hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        e.seq(),
                        Timestamp.from(e.event().at()),
                        e.event().requestId(),
                        e.event().actor(),
                        e.event().type(),
                        e.event().detail(),
                        e.prevHash(),
                        e.hash());
            }
            AuditEntry last = rewritten.get(rewritten.size() - 1);
            JdbcTestSql.update(
                    ds(),
                    "UPDATE maa_audit_head SET last_seq = ?, last_hash = ? WHERE id = 1",
                    last.seq(),
                    last.hash());
        }

        private void stage(AuditEvent e, String mac) {
            JdbcTestSql.update(
                    ds(),
                    "INSERT INTO maa_audit_pending (at, request_id, actor, type, detail, mac) "
                            + "VALUES (?, ?, ?, ?, ?, ?)",
                    Timestamp.from(e.at()),
                    e.requestId(),
                    e.actor(),
                    e.type(),
                    e.detail(),
                    mac);
        }

        @Test
        void eventInsertedIntoTheStagingTable_isSealedAsRejected_andTheCallIsRefused() {
            String id = parked("app-1");
            ApprovalRequest r = find(id);
            stage(approvedEvent(r, "carol"), null);
            forgeRequest(approvedBy(r, "carol", r.digest()));

            assertRefusedAtCompletion(id, "no authentic APPROVED event");
            assertVerifyNames("staged-mac");
            assertThat(store.auditLog().forRequest(id))
                    .extracting(e -> e.event().type())
                    .contains(AuditEventType.AUDIT_EVENT_REJECTED.name())
                    .doesNotContain("APPROVED");
        }

        @Test
        void eventStagedWithAMacUnderAnotherKey_isSealedAsRejected() {
            String id = parked("app-1");
            ApprovalRequest r = find(id);
            AuditEvent forged = approvedEvent(r, "carol");
            stage(forged, AuditChain.keyed(AuditKey.random()).stagedMac(forged));
            forgeRequest(approvedBy(r, "carol", r.digest()));

            assertRefusedAtCompletion(id, "no authentic APPROVED event");
            assertVerifyNames("staged-mac");
        }
    }

    @Nested
    class OnH2 extends OnSql {
        @Override
        protected RequestStore openStore() {
            return JdbcStores.h2InMemory("integrity" + DATABASES.incrementAndGet());
        }

        @Override
        protected void closeStore(RequestStore s) {
            ((JdbcRequestStore) s).close();
        }
    }

    @Nested
    class OnPostgres extends OnSql {
        @Override
        protected RequestStore openStore() {
            return JdbcStores.postgres(EmbeddedPostgresSupport.newDatabase("integrity"), "postgres", "postgres");
        }

        @Override
        protected void closeStore(RequestStore s) {
            ((JdbcRequestStore) s).close();
        }
    }
}

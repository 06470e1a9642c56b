package dev.maa.store.jdbc;

import static dev.maa.core.testing.Fixtures.ALICE;
import static dev.maa.core.testing.Fixtures.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.RequestStore;
import dev.maa.api.Review;
import dev.maa.api.Status;
import dev.maa.api.Verdict;
import dev.maa.core.SignedApprovalContract;
import dev.maa.core.signing.ApproverKeyStore;
import dev.maa.core.signing.SignedKeyRecord;
import dev.maa.store.jdbc.internal.RequestCodec;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@link SignedApprovalContract} on H2 and PostgreSQL: key rows inserted with SQL, and an approval written into the
 * request row with SQL, are refused with nothing run.
 */
class JdbcSignedApprovalTest {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    abstract static class OnSql extends SignedApprovalContract {

        JdbcRequestStore jdbc() {
            return (JdbcRequestStore) store;
        }

        @Override
        protected ApproverKeyStore keyStore() {
            return JdbcApproverKeyStore.of(jdbc());
        }

        @Override
        protected void closeStore(RequestStore s) {
            ((JdbcRequestStore) s).close();
        }

        @Override
        protected void insertKeyRow(SignedKeyRecord record) {
            JdbcTestSql.update(
                    jdbc().dataSource(),
                    "INSERT INTO maa_approver_key_records (record, signer, signature) VALUES (?, ?, ?)",
                    record.record(),
                    record.signer(),
                    record.signature());
        }

        @Override
        protected void rewindKeyCounters() {
            JdbcTestSql.update(jdbc().dataSource(), "UPDATE maa_approver_key_uses SET counter = 0");
        }

        @Test
        void revocationRowDeletedWithSql_keepsTheKeyRevoked_inAHostThatSawIt() {
            String id = parked("app-1");
            approveSigned(id, BOB, bobKey);
            anchor.revoke(keys, "bob", bobKey);
            String other = parked("app-2");
            assertThatThrownBy(() -> approveSigned(other, BOB, bobKey)).hasMessageContaining("is revoked");

            JdbcTestSql.update(
                    jdbc().dataSource(), "DELETE FROM maa_approver_key_records WHERE record LIKE '%\"revoke\"%'");

            assertThatThrownBy(() -> approveSigned(other, BOB, bobKey)).hasMessageContaining("is revoked");
            ApprovalRequest done = engine.approvals().complete(id, ALICE);
            assertThat(target.calls()).isEmpty();
            assertThat(done.outcome()).contains("is revoked");
        }

        @Test
        void approvalRowWrittenWithSql_isRefused_andNothingRuns() {
            String id = parked("app-1");
            ApprovalRequest r = find(id);
            ApprovalRequest forged = r.toBuilder()
                    .status(Status.APPROVED)
                    .addReview(new Review(
                            "bob", directory.groupsOf("bob"), Verdict.APPROVE, "ok", r.digest(), clock.instant()))
                    .build();
            JdbcTestSql.update(
                    jdbc().dataSource(),
                    "UPDATE maa_request SET status = ?, body = ? WHERE id = ?",
                    forged.status().name(),
                    RequestCodec.toBody(forged),
                    id);
            startEngine(true);

            ApprovalRequest done = engine.approvals().complete(id, ALICE);

            assertThat(target.calls()).isEmpty();
            assertThat(done.status()).isEqualTo(Status.FAILED);
        }
    }

    @Nested
    class OnH2 extends OnSql {
        @Override
        protected RequestStore openStore() {
            return JdbcStores.h2InMemory("signed" + DATABASES.incrementAndGet());
        }
    }

    @Nested
    class OnPostgres extends OnSql {
        @Override
        protected RequestStore openStore() {
            return JdbcStores.postgres(EmbeddedPostgresSupport.newDatabase("signed"), "postgres", "postgres");
        }
    }
}

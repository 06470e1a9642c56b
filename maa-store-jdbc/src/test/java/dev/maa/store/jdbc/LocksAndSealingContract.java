package dev.maa.store.jdbc;

import static dev.maa.core.store.StoreFixtures.event;
import static dev.maa.core.store.StoreFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.AuditEntry;
import dev.maa.api.Status;
import dev.maa.api.StoreUnavailableException;
import java.sql.Connection;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Part of {@link AbstractJdbcStoreTest}: Locks held by another connection: a row lock held too long fails closed and loses nothing, a stuck chain head
 * delays no transition, and staged audit events are sealed in the background.
 */
interface LocksAndSealingContract extends JdbcContractStore {

    @Test
    @Timeout(60)
    default void aLockHeldTooLong_failsClosed_andTheStoreCarriesOnOnceItIsReleased() throws Exception {
        try (JdbcRequestStore impatient = JdbcStores.open(sameDatabase()
                        .poolSize(2)
                        .lockTimeout(Duration.ofMillis(300))
                        .build());
                Connection holder = ds().getConnection()) {
            ApprovalRequest r1 = impatient.insert(request("r1", "app-1", 0), event("r1", "SUBMITTED"));
            holder.setAutoCommit(false);
            holder.createStatement()
                    .executeQuery("SELECT id FROM maa_request WHERE id = 'r1' FOR UPDATE")
                    .close();

            ApprovalRequest approved = r1.toBuilder().status(Status.APPROVED).build();
            assertThatThrownBy(() ->
                            impatient.update(approved, Status.NEEDS_APPROVAL, r1.version(), event("r1", "APPROVED")))
                    .isInstanceOf(StoreUnavailableException.class);
            holder.rollback();

            assertThat(impatient.find("r1").orElseThrow().status())
                    .as("the update was rolled back with its audit" + " entry")
                    .isEqualTo(Status.NEEDS_APPROVAL);
            assertThat(impatient.auditLog().forRequest("r1"))
                    .extracting(e -> e.event().type())
                    .containsExactly("SUBMITTED");
            impatient.update(approved, Status.NEEDS_APPROVAL, r1.version(), event("r1", "APPROVED"));
            assertThat(impatient.auditLog().verify().intact()).isTrue();
        }
    }

    // ---- staged audit events and the sealer ----

    @Test
    @Timeout(60)
    default void aTransition_doesNotWaitForTheChainHead_andItsEventIsChainedOnceTheSealerMayRun() throws Exception {
        try (JdbcRequestStore impatient = JdbcStores.open(sameDatabase()
                        .poolSize(2)
                        .lockTimeout(Duration.ofMillis(300))
                        .auditSealInterval(Duration.ZERO)
                        .build());
                Connection sealer = ds().getConnection()) {
            sealer.setAutoCommit(false); // another node's sealer, stuck while holding the head lock
            sealer.createStatement()
                    .executeQuery("SELECT last_seq FROM maa_audit_head WHERE id = 1 FOR UPDATE")
                    .close();

            ApprovalRequest r1 = impatient.insert(request("r1", "app-1", 0), event("r1", "SUBMITTED"));
            impatient.update(
                    r1.toBuilder().status(Status.APPROVED).build(),
                    Status.NEEDS_APPROVAL,
                    r1.version(),
                    event("r1", "APPROVED"));
            assertThat(JdbcTestSql.count(ds(), "SELECT COUNT(*) FROM maa_audit_pending"))
                    .isEqualTo(2);
            assertThatThrownBy(impatient.auditLog()::seal)
                    .as("sealing waits for the head, then fails closed")
                    .isInstanceOf(StoreUnavailableException.class);
            sealer.rollback();

            assertThat(impatient.auditLog().forRequest("r1"))
                    .extracting(e -> e.event().type())
                    .containsExactly("SUBMITTED", "APPROVED");
            assertThat(impatient.auditLog().forRequest("r1"))
                    .extracting(AuditEntry::seq)
                    .containsExactly(1L, 2L);
            assertThat(JdbcTestSql.count(ds(), "SELECT COUNT(*) FROM maa_audit_pending"))
                    .isZero();
            assertThat(impatient.auditLog().verify().intact()).isTrue();
        }
    }

    @Test
    @Timeout(60)
    default void stagedEvents_areSealedInTheBackground_withoutAnyoneReadingTheLog() throws Exception {
        try (JdbcRequestStore sealing = JdbcStores.open(sameDatabase()
                .poolSize(2)
                .auditSealInterval(Duration.ofMillis(20))
                .build())) {
            sealing.insert(request("r1", "app-1", 0), event("r1", "SUBMITTED"));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> JdbcTestSql.count(ds(), "SELECT COUNT(*) FROM maa_audit") > 0);
            assertThat(JdbcTestSql.count(ds(), "SELECT COUNT(*) FROM maa_audit WHERE request_id = 'r1'"))
                    .isEqualTo(1);
            assertThat(JdbcTestSql.count(ds(), "SELECT COUNT(*) FROM maa_audit_pending"))
                    .isZero();
        }
    }

    @Test
    default void auditSealInterval_outOfRange_isAConfigurationErrorNamingTheSetting() {
        assertThatThrownBy(() ->
                        JdbcStoreSettings.builder(jdbc().settings().url()).auditSealInterval(Duration.ofMillis(1)))
                .hasMessageContaining("auditSealInterval");
    }
}

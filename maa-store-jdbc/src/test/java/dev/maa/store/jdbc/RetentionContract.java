package dev.maa.store.jdbc;

import static dev.maa.core.store.StoreFixtures.T0;
import static dev.maa.core.store.StoreFixtures.event;
import static dev.maa.core.store.StoreFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.AuditEntry;
import dev.maa.api.AuditVerification;
import dev.maa.api.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Part of {@link AbstractJdbcStoreTest}: Retention: purges drop old entries and closed requests (never open ones), anchor what they drop so the log still
 * verifies, run in the background on the lease holder only, and refuse to anchor a tampered prefix.
 */
interface RetentionContract extends JdbcContractStore {

    // ---- retention ----

    @Test
    default void purge_dropsOldEntriesAndClosedRequests_andTheLogStillVerifies() {
        Instant now = T0.plus(Duration.ofDays(3000));
        ApprovalRequest oldClosed = jdbc().insert(request("old-closed", "1", 0), event("old-closed", "SUBMITTED"));
        jdbc().update(
                        oldClosed.toBuilder().status(Status.REJECTED).build(),
                        Status.NEEDS_APPROVAL,
                        1,
                        event("old-closed", "REJECTED"));
        jdbc().insert(request("old-open", "2", 1), event("old-open", "SUBMITTED"));
        jdbc().auditLog().append(event("", "OLD_NOTE", T0.plusSeconds(5)));
        Instant recent = now.minus(Duration.ofDays(10));
        ApprovalRequest recentClosed = jdbc().insert(
                        request("recent", "3", 0).toBuilder()
                                .createdAt(recent)
                                .updatedAt(recent)
                                .expiresAt(recent.plus(Duration.ofDays(30)))
                                .build(),
                        event("recent", "SUBMITTED", recent));
        jdbc().update(
                        recentClosed.toBuilder().status(Status.CANCELED).build(),
                        Status.NEEDS_APPROVAL,
                        1,
                        event("recent", "CANCELED", recent));
        jdbc().auditLog().append(event("", "NEW_NOTE", now.minusSeconds(1)));

        PurgeResult result = jdbc().purge(now);

        assertThat(result).isEqualTo(new PurgeResult(1, 4, 4));
        assertThat(jdbc().find("old-closed")).isEmpty();
        assertThat(jdbc().find("old-open")).as("open requests are never purged").isPresent();
        assertThat(jdbc().find("recent")).isPresent();
        assertThat(JdbcTestSql.count(ds(), "SELECT COUNT(*) FROM maa_request_approver WHERE request_id = 'old-closed'"))
                .isZero();
        AuditVerification v = jdbc().auditLog().verify();
        assertThat(v.intact()).as(v.problems().toString()).isTrue();
        assertThat(v.entriesChecked()).isEqualTo(3);
        assertThat(jdbc().auditLog().read(0, 10)).extracting(AuditEntry::seq).containsExactly(5L, 6L, 7L);

        jdbc().auditLog().append(event("", "AFTER_PURGE", now));
        assertThat(jdbc().purge(now)).isEqualTo(new PurgeResult(0, 0, 4));
        assertThat(jdbc().auditLog().verify().intact()).isTrue();

        deleteAuditEntry(jdbc(), 5);
        assertThat(jdbc().auditLog().verify().problems())
                .anySatisfy(p -> assertThat(p).contains("seq 5"));
    }

    @Test
    default void purge_inBatches_anchorsEachBatch_deletesInboxRowsWithTheirRequests_andTheLogStillVerifies() {
        writeHistory(7);
        for (int i = 0; i < 5; i++) {
            jdbc().insert(
                            request("c" + i, "obj-" + i, 0).toBuilder()
                                    .status(Status.EXPIRED)
                                    .build(),
                            event("c" + i, "SUBMITTED"));
        }
        jdbc().insert(request("open", "obj-open", 0), event("open", "SUBMITTED"));
        jdbc().record("c1", "slack", new dev.maa.api.ChatMessages.Posted("C1:1.1", 1));
        jdbc().record("open", "slack", new dev.maa.api.ChatMessages.Posted("C1:1.2", 1));

        PurgeResult result = jdbc().purge(T0.plus(Duration.ofDays(3000)), 3, 2);

        assertThat(result)
                .as("13 entries: seven of history, five closed requests, the open one")
                .isEqualTo(new PurgeResult(5, 13, 13));
        assertThat(JdbcTestSql.count(ds(), "SELECT COUNT(*) FROM maa_audit_anchor"))
                .as("13 entries, 3 a batch")
                .isEqualTo(5);
        assertThat(JdbcTestSql.count(ds(), "SELECT COUNT(*) FROM maa_request"))
                .as("the open one and h1")
                .isEqualTo(2);
        assertThat(JdbcTestSql.count(ds(), "SELECT COUNT(*) FROM maa_request_approver WHERE request_id LIKE 'c%'"))
                .as("inbox rows go with their requests")
                .isZero();
        assertThat(jdbc().find("c1", "slack"))
                .as("chat cards go with their requests")
                .isNull();
        assertThat(jdbc().find("open", "slack")).isNotNull();
        assertThat(jdbc().find("open")).isPresent();
        AuditEntry next = jdbc().auditLog().append(event("", "AFTER_PURGE"));
        assertThat(next.seq()).isEqualTo(14);
        assertThat(jdbc().auditLog().verify()).isEqualTo(new AuditVerification(1, List.of()));
    }

    @Test
    default void backgroundPurge_ofTwoStoresOnOneDatabase_runsOnTheLeaseHolderOnly_andTheLogStillVerifies() {
        ApprovalRequest closed = jdbc().insert(request("old-closed", "1", 0), event("old-closed", "SUBMITTED"));
        jdbc().update(
                        closed.toBuilder().status(Status.REJECTED).build(),
                        Status.NEEDS_APPROVAL,
                        1,
                        event("old-closed", "REJECTED"));
        jdbc().insert(request("old-open", "2", 1), event("old-open", "SUBMITTED"));

        try (JdbcRequestStore first = purgingEvery(Duration.ofHours(1));
                JdbcRequestStore second = purgingEvery(Duration.ofHours(1))) {
            assertThat(first.purgeIfLeaseHolder())
                    .as("takes the lease and purges")
                    .contains(new PurgeResult(1, 3, 3));
            assertThat(second.purgeIfLeaseHolder())
                    .as("the first store holds the purge lease")
                    .isEmpty();
            assertThat(first.purgeIfLeaseHolder()).as("renews its lease").contains(new PurgeResult(0, 0, 3));
        }

        assertThat(jdbc().find("old-closed")).isEmpty();
        assertThat(jdbc().find("old-open")).as("open requests are never purged").isPresent();
        assertThat(jdbc().auditLog().verify().intact()).isTrue();
    }

    @Test
    @Timeout(60)
    default void purgeInterval_purgesInTheBackground_withoutAnyoneAsking() {
        ApprovalRequest closed = jdbc().insert(request("old-closed", "1", 0), event("old-closed", "SUBMITTED"));
        jdbc().update(
                        closed.toBuilder().status(Status.CANCELED).build(),
                        Status.NEEDS_APPROVAL,
                        1,
                        event("old-closed", "CANCELED"));

        try (JdbcRequestStore purging = purgingEvery(Duration.ofSeconds(1))) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> jdbc().find("old-closed").isEmpty());
        }
        assertThat(JdbcTestSql.count(ds(), "SELECT COUNT(*) FROM maa_audit_anchor"))
                .isEqualTo(1);
        assertThat(jdbc().auditLog().verify().intact()).isTrue();
    }

    @Test
    default void purgeInterval_isHourlyByDefault_andOutOfRangeIsAConfigurationErrorNamingTheSetting() {
        assertThat(JdbcStoreSettings.builder(jdbc().settings().url()).build().purgeInterval())
                .isEqualTo(Duration.ofHours(1));
        assertThatThrownBy(
                        () -> JdbcStoreSettings.builder(jdbc().settings().url()).purgeInterval(Duration.ofMillis(10)))
                .hasMessageContaining("purgeInterval");
        assertThatThrownBy(
                        () -> JdbcStoreSettings.builder(jdbc().settings().url()).purgeInterval(Duration.ofDays(8)))
                .hasMessageContaining("purgeInterval");
    }

    /** Another store on this database, keeping one day of history and purging every {@code interval}. */
    private JdbcRequestStore purgingEvery(Duration interval) {
        return JdbcStores.open(sameDatabase()
                .poolSize(2)
                .auditRetention(Duration.ofDays(1))
                .purgeInterval(interval)
                .build());
    }

    @Test
    default void purge_ofEverything_leavesAnEmptyButVerifiableLog() {
        writeHistory(3);
        PurgeResult result = jdbc().purge(T0.plus(Duration.ofDays(2556)));
        assertThat(result.auditEntriesDeleted()).isEqualTo(3);
        assertThat(jdbc().auditLog().verify()).isEqualTo(new AuditVerification(0, List.of()));
        AuditEntry next = jdbc().auditLog().append(event("", "NOTE"));
        assertThat(next.seq()).isEqualTo(4);
        assertThat(jdbc().auditLog().verify().intact()).isTrue();
    }

    @Test
    default void purge_refusesToAnchorATamperedPrefix() {
        writeHistory(4);
        tamperAuditDetail(jdbc(), 2, "edited");

        assertThatThrownBy(() -> jdbc().purge(T0.plus(Duration.ofDays(3000))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("seq 2");
        assertThat(jdbc().auditLog().read(0, 10)).hasSize(4);
        assertThat(JdbcTestSql.count(ds(), "SELECT COUNT(*) FROM maa_audit_anchor"))
                .isZero();
    }
}

package dev.maa.store.jdbc;

import static dev.maa.core.store.StoreFixtures.T0;
import static dev.maa.core.store.StoreFixtures.event;
import static dev.maa.core.store.StoreFixtures.ids;
import static dev.maa.core.store.StoreFixtures.race;
import static dev.maa.core.store.StoreFixtures.request;
import static dev.maa.core.store.StoreFixtures.withFactors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maa.api.ApprovalRequest;
import dev.maa.api.AuditEntry;
import dev.maa.api.AuditEvent;
import dev.maa.api.AuditVerification;
import dev.maa.api.RequestQuery;
import dev.maa.api.RequestStore;
import dev.maa.api.Status;
import dev.maa.api.StoreUnavailableException;
import dev.maa.core.audit.AuditChain;
import dev.maa.core.store.RequestStoreContract;
import dev.maa.store.jdbc.internal.RequestCodec;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The store contract plus what only a database-backed store promises: uniqueness enforced by the database
 * itself, exactly-once claims, job leases, retention purges with anchors, export. One database per test class
 * (opened by the subclass), wiped before each test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractJdbcStoreTest extends RequestStoreContract {

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

    protected DataSource ds() {
        return jdbc.dataSource();
    }

    // ---- the database enforces one open request per object ----

    @Test
    void rawSqlInsert_ofASecondOpenRequestForAnObject_isRejectedByTheDatabase() throws Exception {
        jdbc.insert(request("r1", "app-1", 0), event("r1", "SUBMITTED"));

        assertThatThrownBy(() -> rawInsert("raw-open", "APP/app-1", "APPROVED"))
                .isInstanceOfSatisfying(
                        SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23505"));

        rawInsert("raw-closed", "APP/app-1", "CANCELED");
        assertThat(JdbcTestSql.count(ds(), "SELECT COUNT(*) FROM maa_request WHERE resource_key = 'APP/app-1'"))
                .isEqualTo(2);
        assertThatThrownBy(() -> JdbcTestSql.update(
                        ds(), "UPDATE maa_request SET status = 'NEEDS_APPROVAL' WHERE id = 'raw-closed'"))
                .as("re-opening a closed request behind the store's back is refused too")
                .hasRootCauseInstanceOf(SQLException.class);
    }

    @Test
    void rawSqlWrite_ofAnUnknownStatusOrAVersionBelowOne_isRejectedByTheDatabase() throws Exception {
        assertThatThrownBy(() -> rawInsert("raw-bogus", "APP/app-2", "BOGUS"))
                .isInstanceOfSatisfying(
                        SQLException.class,
                        e -> assertThat(e.getMessage()).containsIgnoringCase("ck_maa_request_status"));
        rawInsert("raw-ok", "APP/app-2", "CANCELED");

        assertThatThrownBy(() -> JdbcTestSql.update(ds(), "UPDATE maa_request SET version = 0 WHERE id = 'raw-ok'"))
                .satisfies(e -> assertThat(messages(e)).containsIgnoringCase("ck_maa_request_version"));
        assertThatThrownBy(() -> JdbcTestSql.update(ds(), "UPDATE maa_request SET status = 'DONE' WHERE id = 'raw-ok'"))
                .satisfies(e -> assertThat(messages(e)).containsIgnoringCase("ck_maa_request_status"));
        assertThat(JdbcTestSql.count(
                        ds(),
                        "SELECT COUNT(*) FROM maa_request WHERE id = 'raw-ok' AND status = 'CANCELED' "
                                + "AND version = 1"))
                .isEqualTo(1);
    }

    private static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }

    private void rawInsert(String id, String key, String status) throws SQLException {
        try (Connection c = ds().getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO maa_request (id, "
                        + "resource_key, resource_type, object_id, requester_id, status, created_at, expires_at, updated_at, version, "
                        + "emergency, post_review_open, digest, payload, body) VALUES (?, ?, 'APP', 'x', 'mallory', ?, ?, ?, ?, 1, "
                        + "FALSE, FALSE, 'd', 'p', '{}')")) {
            Timestamp now = Timestamp.from(T0);
            ps.setString(1, id);
            ps.setString(2, key);
            ps.setString(3, status);
            ps.setTimestamp(4, now);
            ps.setTimestamp(5, now);
            ps.setTimestamp(6, now);
            ps.executeUpdate();
        }
    }

    @Test
    void storedBody_isJson_withoutThePayload() throws Exception {
        jdbc.insert(request("r1", "app-1", 0), event("r1", "SUBMITTED"));
        String body;
        try (Connection c = ds().getConnection();
                var rs = c.createStatement().executeQuery("SELECT body FROM maa_request WHERE id = 'r1'")) {
            rs.next();
            body = rs.getString(1);
        }
        JsonNode json = RequestCodec.mapper().readTree(body);
        assertThat(json.get("id").asText()).isEqualTo("r1");
        assertThat(json.get("payload").asText()).isEmpty();
        assertThat(json.get("factors").get(0).get("approverGroups").get(0).asText())
                .isEqualTo("app-approvers");
    }

    @Test
    @Timeout(60)
    void aLockHeldTooLong_failsClosed_andTheStoreCarriesOnOnceItIsReleased() throws Exception {
        try (JdbcRequestStore impatient = JdbcStores.open(
                        JdbcStoreSettings.builder(jdbc.settings().url())
                                .user(jdbc.settings().user())
                                .password(passwordForReopen())
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
    void aTransition_doesNotWaitForTheChainHead_andItsEventIsChainedOnceTheSealerMayRun() throws Exception {
        try (JdbcRequestStore impatient = JdbcStores.open(
                        JdbcStoreSettings.builder(jdbc.settings().url())
                                .user(jdbc.settings().user())
                                .password(passwordForReopen())
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
    void stagedEvents_areSealedInTheBackground_withoutAnyoneReadingTheLog() throws Exception {
        try (JdbcRequestStore sealing =
                JdbcStores.open(JdbcStoreSettings.builder(jdbc.settings().url())
                        .user(jdbc.settings().user())
                        .password(passwordForReopen())
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
    void auditSealInterval_outOfRange_isAConfigurationErrorNamingTheSetting() {
        assertThatThrownBy(
                        () -> JdbcStoreSettings.builder(jdbc.settings().url()).auditSealInterval(Duration.ofMillis(1)))
                .hasMessageContaining("auditSealInterval");
    }

    // ---- executor claims ----

    @Test
    @Timeout(180)
    void claimReady_from8ThreadsOnTwoNodes_claimsEachOf200RequestsExactlyOnce() throws Exception {
        int rows = 200;
        for (int i = 0; i < rows; i++) {
            jdbc.insert(completing("c" + i, i), event("c" + i, "COMPLETING"));
        }
        Set<String> claimed = ConcurrentHashMap.newKeySet();
        try (JdbcRequestStore secondNode = reopen()) {
            List<Object> results = race(8, t -> {
                JdbcRequestStore node = t % 2 == 0 ? jdbc : secondNode;
                List<String> mine = new ArrayList<>();
                for (int round = 0; round < 100; round++) {
                    List<ApprovalRequest> batch = node.claimReady("node-" + t, Duration.ofMinutes(5), 7, T0);
                    if (batch.isEmpty()) {
                        break;
                    }
                    for (ApprovalRequest r : batch) {
                        assertThat(r.claimOwner()).isEqualTo("node-" + t);
                        assertThat(r.version()).isEqualTo(2);
                        assertThat(claimed.add(r.id()))
                                .as("%s claimed twice", r.id())
                                .isTrue();
                        mine.add(r.id());
                    }
                }
                return mine;
            });

            assertThat(results).allSatisfy(o -> assertThat(o).isInstanceOf(List.class));
        }
        assertThat(claimed).hasSize(rows);
        assertThat(JdbcTestSql.count(ds(), "SELECT COUNT(*) FROM maa_request WHERE claim_owner IS NULL"))
                .isZero();
        jdbc.auditLog().seal();
        assertThat(JdbcTestSql.count(ds(), "SELECT COUNT(*) FROM maa_audit WHERE type = 'CLAIMED'"))
                .isEqualTo(rows);
        assertThat(jdbc.claimReady("late", Duration.ofMinutes(5), 10, T0)).isEmpty();
        AuditVerification v = jdbc.auditLog().verify();
        assertThat(v.intact()).as(v.problems().toString()).isTrue();
    }

    @Test
    void claimReady_takesOnlyUnclaimedCompletingRequests_oldestFirst() {
        jdbc.insert(request("pending", "p", 0), event("pending", "SUBMITTED"));
        jdbc.insert(completing("c2", 2), event("c2", "COMPLETING"));
        jdbc.insert(completing("c1", 1), event("c1", "COMPLETING"));

        List<ApprovalRequest> first = jdbc.claimReady("node-a", Duration.ofSeconds(30), 1, T0);
        assertThat(first).extracting(ApprovalRequest::id).containsExactly("c1");
        assertThat(jdbc.find("c1")).contains(first.get(0));
        assertThat(first.get(0).claimExpiresAt()).isEqualTo(T0.plusSeconds(30));

        assertThat(jdbc.claimReady("node-b", Duration.ofSeconds(30), 10, T0))
                .extracting(ApprovalRequest::id)
                .containsExactly("c2");
        assertThat(jdbc.claimReady("node-c", Duration.ofSeconds(30), 10, T0.plusSeconds(3600)))
                .as("an expired claim is never re-run")
                .isEmpty();
        assertThat(jdbc.auditLog().forRequest("c1"))
                .extracting(e -> e.event().type())
                .containsExactly("COMPLETING", "CLAIMED");
    }

    @Test
    void expiredClaims_areTheCompletingRequestsWhoseLeaseRanOut() {
        jdbc.insert(completing("c1", 1), event("c1", "COMPLETING"));
        jdbc.insert(completing("c2", 2), event("c2", "COMPLETING"));
        ApprovalRequest c1 =
                jdbc.claimReady("node-a", Duration.ofSeconds(10), 1, T0).get(0);
        jdbc.claimReady("node-b", Duration.ofSeconds(60), 1, T0);

        assertThat(jdbc.expiredClaims(T0.plusSeconds(5), 10)).isEmpty();
        assertThat(jdbc.expiredClaims(T0.plusSeconds(30), 10))
                .extracting(ApprovalRequest::id)
                .containsExactly("c1");
        assertThat(jdbc.expiredClaims(T0.plusSeconds(61), 10))
                .extracting(ApprovalRequest::id)
                .containsExactly("c1", "c2");

        ApprovalRequest failed = jdbc.update(
                c1.toBuilder().status(Status.FAILED).outcome("outcome unknown").build(),
                Status.COMPLETING,
                c1.version(),
                event("c1", "FAILED"));
        assertThat(failed.version()).isEqualTo(3);
        assertThat(jdbc.expiredClaims(T0.plusSeconds(61), 10))
                .extracting(ApprovalRequest::id)
                .containsExactly("c2");
    }

    private static ApprovalRequest completing(String id, int minute) {
        return request(id, "obj-" + id, minute).toBuilder()
                .status(Status.COMPLETING)
                .build();
    }

    // ---- job leases ----

    @Test
    void jobLock_isHeldByOneOwnerUntilItsLeaseEnds() {
        Duration lease = Duration.ofSeconds(30);
        assertThat(jdbc.tryAcquireJobLock("expiry", "node-a", lease, T0)).isTrue();
        assertThat(jdbc.tryAcquireJobLock("expiry", "node-b", lease, T0.plusSeconds(10)))
                .isFalse();
        assertThat(jdbc.tryAcquireJobLock("expiry", "node-a", lease, T0.plusSeconds(20)))
                .as("renewal")
                .isTrue();
        assertThat(jdbc.tryAcquireJobLock("expiry", "node-b", lease, T0.plusSeconds(40)))
                .as("still renewed")
                .isFalse();
        assertThat(jdbc.tryAcquireJobLock("expiry", "node-b", lease, T0.plusSeconds(50)))
                .as("lapsed")
                .isTrue();
        assertThat(jdbc.tryAcquireJobLock("purge", "node-a", lease, T0))
                .as("another job")
                .isTrue();
        assertThat(jdbc.releaseJobLock("expiry", "node-a")).isFalse();
        assertThat(jdbc.releaseJobLock("expiry", "node-b")).isTrue();
        assertThat(jdbc.tryAcquireJobLock("expiry", "node-a", lease, T0.plusSeconds(51)))
                .isTrue();
    }

    @Test
    @Timeout(60)
    void jobLock_raceOf8Nodes_hasOneWinner() throws Exception {
        List<Object> results = race(8, t -> jdbc.tryAcquireJobLock("sweep", "node-" + t, Duration.ofMinutes(1), T0));
        assertThat(results).filteredOn(Boolean.TRUE::equals).hasSize(1);
        assertThat(results).filteredOn(Boolean.FALSE::equals).hasSize(7);
    }

    // ---- retention ----

    @Test
    void purge_dropsOldEntriesAndClosedRequests_andTheLogStillVerifies() {
        Instant now = T0.plus(Duration.ofDays(3000));
        ApprovalRequest oldClosed = jdbc.insert(request("old-closed", "1", 0), event("old-closed", "SUBMITTED"));
        jdbc.update(
                oldClosed.toBuilder().status(Status.REJECTED).build(),
                Status.NEEDS_APPROVAL,
                1,
                event("old-closed", "REJECTED"));
        jdbc.insert(request("old-open", "2", 1), event("old-open", "SUBMITTED"));
        jdbc.auditLog().append(event("", "OLD_NOTE", T0.plusSeconds(5)));
        Instant recent = now.minus(Duration.ofDays(10));
        ApprovalRequest recentClosed = jdbc.insert(
                request("recent", "3", 0).toBuilder()
                        .createdAt(recent)
                        .updatedAt(recent)
                        .expiresAt(recent.plus(Duration.ofDays(30)))
                        .build(),
                event("recent", "SUBMITTED", recent));
        jdbc.update(
                recentClosed.toBuilder().status(Status.CANCELED).build(),
                Status.NEEDS_APPROVAL,
                1,
                event("recent", "CANCELED", recent));
        jdbc.auditLog().append(event("", "NEW_NOTE", now.minusSeconds(1)));

        PurgeResult result = jdbc.purge(now);

        assertThat(result).isEqualTo(new PurgeResult(1, 4, 4));
        assertThat(jdbc.find("old-closed")).isEmpty();
        assertThat(jdbc.find("old-open")).as("open requests are never purged").isPresent();
        assertThat(jdbc.find("recent")).isPresent();
        assertThat(JdbcTestSql.count(ds(), "SELECT COUNT(*) FROM maa_request_approver WHERE request_id = 'old-closed'"))
                .isZero();
        AuditVerification v = jdbc.auditLog().verify();
        assertThat(v.intact()).as(v.problems().toString()).isTrue();
        assertThat(v.entriesChecked()).isEqualTo(3);
        assertThat(jdbc.auditLog().read(0, 10)).extracting(AuditEntry::seq).containsExactly(5L, 6L, 7L);

        jdbc.auditLog().append(event("", "AFTER_PURGE", now));
        assertThat(jdbc.purge(now)).isEqualTo(new PurgeResult(0, 0, 4));
        assertThat(jdbc.auditLog().verify().intact()).isTrue();

        deleteAuditEntry(jdbc, 5);
        assertThat(jdbc.auditLog().verify().problems())
                .anySatisfy(p -> assertThat(p).contains("seq 5"));
    }

    @Test
    void purge_inBatches_anchorsEachBatch_deletesInboxRowsWithTheirRequests_andTheLogStillVerifies() {
        writeHistory(7);
        for (int i = 0; i < 5; i++) {
            jdbc.insert(
                    request("c" + i, "obj-" + i, 0).toBuilder()
                            .status(Status.EXPIRED)
                            .build(),
                    event("c" + i, "SUBMITTED"));
        }
        jdbc.insert(request("open", "obj-open", 0), event("open", "SUBMITTED"));
        jdbc.record("c1", "slack", new dev.maa.api.ChatMessages.Posted("C1:1.1", 1));
        jdbc.record("open", "slack", new dev.maa.api.ChatMessages.Posted("C1:1.2", 1));

        PurgeResult result = jdbc.purge(T0.plus(Duration.ofDays(3000)), 3, 2);

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
        assertThat(jdbc.find("c1", "slack"))
                .as("chat cards go with their requests")
                .isNull();
        assertThat(jdbc.find("open", "slack")).isNotNull();
        assertThat(jdbc.find("open")).isPresent();
        AuditEntry next = jdbc.auditLog().append(event("", "AFTER_PURGE"));
        assertThat(next.seq()).isEqualTo(14);
        assertThat(jdbc.auditLog().verify()).isEqualTo(new AuditVerification(1, List.of()));
    }

    @Test
    void backgroundPurge_ofTwoStoresOnOneDatabase_runsOnTheLeaseHolderOnly_andTheLogStillVerifies() {
        ApprovalRequest closed = jdbc.insert(request("old-closed", "1", 0), event("old-closed", "SUBMITTED"));
        jdbc.update(
                closed.toBuilder().status(Status.REJECTED).build(),
                Status.NEEDS_APPROVAL,
                1,
                event("old-closed", "REJECTED"));
        jdbc.insert(request("old-open", "2", 1), event("old-open", "SUBMITTED"));

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

        assertThat(jdbc.find("old-closed")).isEmpty();
        assertThat(jdbc.find("old-open")).as("open requests are never purged").isPresent();
        assertThat(jdbc.auditLog().verify().intact()).isTrue();
    }

    @Test
    @Timeout(60)
    void purgeInterval_purgesInTheBackground_withoutAnyoneAsking() {
        ApprovalRequest closed = jdbc.insert(request("old-closed", "1", 0), event("old-closed", "SUBMITTED"));
        jdbc.update(
                closed.toBuilder().status(Status.CANCELED).build(),
                Status.NEEDS_APPROVAL,
                1,
                event("old-closed", "CANCELED"));

        try (JdbcRequestStore purging = purgingEvery(Duration.ofSeconds(1))) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> jdbc.find("old-closed").isEmpty());
        }
        assertThat(JdbcTestSql.count(ds(), "SELECT COUNT(*) FROM maa_audit_anchor"))
                .isEqualTo(1);
        assertThat(jdbc.auditLog().verify().intact()).isTrue();
    }

    @Test
    void purgeInterval_isHourlyByDefault_andOutOfRangeIsAConfigurationErrorNamingTheSetting() {
        assertThat(JdbcStoreSettings.builder(jdbc.settings().url()).build().purgeInterval())
                .isEqualTo(Duration.ofHours(1));
        assertThatThrownBy(
                        () -> JdbcStoreSettings.builder(jdbc.settings().url()).purgeInterval(Duration.ofMillis(10)))
                .hasMessageContaining("purgeInterval");
        assertThatThrownBy(
                        () -> JdbcStoreSettings.builder(jdbc.settings().url()).purgeInterval(Duration.ofDays(8)))
                .hasMessageContaining("purgeInterval");
    }

    /** Another store on this database, keeping one day of history and purging every {@code interval}. */
    private JdbcRequestStore purgingEvery(Duration interval) {
        return JdbcStores.open(JdbcStoreSettings.builder(jdbc.settings().url())
                .user(jdbc.settings().user())
                .password(passwordForReopen())
                .poolSize(2)
                .auditRetention(Duration.ofDays(1))
                .purgeInterval(interval)
                .build());
    }

    @Test
    void purge_ofEverything_leavesAnEmptyButVerifiableLog() {
        writeHistory(3);
        PurgeResult result = jdbc.purge(T0.plus(Duration.ofDays(2556)));
        assertThat(result.auditEntriesDeleted()).isEqualTo(3);
        assertThat(jdbc.auditLog().verify()).isEqualTo(new AuditVerification(0, List.of()));
        AuditEntry next = jdbc.auditLog().append(event("", "NOTE"));
        assertThat(next.seq()).isEqualTo(4);
        assertThat(jdbc.auditLog().verify().intact()).isTrue();
    }

    @Test
    void purge_refusesToAnchorATamperedPrefix() {
        writeHistory(4);
        tamperAuditDetail(jdbc, 2, "edited");

        assertThatThrownBy(() -> jdbc.purge(T0.plus(Duration.ofDays(3000))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("seq 2");
        assertThat(jdbc.auditLog().read(0, 10)).hasSize(4);
        assertThat(JdbcTestSql.count(ds(), "SELECT COUNT(*) FROM maa_audit_anchor"))
                .isZero();
    }

    // ---- verify and export ----

    @Test
    void verify_detectsARowInsertedBehindTheStoresBack() {
        writeHistory(3);
        AuditEntry forged = jdbc.auditChain()
                .link(4, event("", "FORGED"), jdbc.auditLog().read(2, 1).get(0).hash());
        JdbcTestSql.update(
                ds(),
                "INSERT INTO maa_audit (seq, at, request_id, actor, type, detail, prev_hash, hash) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                forged.seq(),
                Timestamp.from(forged.event().at()),
                "",
                forged.event().actor(),
                forged.event().type(),
                forged.event().detail(),
                forged.prevHash(),
                forged.hash());

        assertThat(jdbc.auditLog().verify().problems())
                .anySatisfy(p -> assertThat(p).contains("inserted"));
    }

    @Test
    void export_writesOneJsonLinePerEntry_fromWhichTheChainCanBeRecomputed() throws Exception {
        writeHistory(4);
        jdbc.auditLog().append(new AuditEvent(T0, "", "eve", "CALL_DENIED", "line\nbreak \"quoted\" ü"));
        StringWriter out = new StringWriter();

        long written = jdbc.auditLog().export(out);

        String[] lines = out.toString().split("\n");
        assertThat(written).isEqualTo(5);
        assertThat(lines).hasSize(5);
        String prev = AuditChain.GENESIS;
        for (int i = 0; i < lines.length; i++) {
            JsonNode line = RequestCodec.mapper().readTree(lines[i]);
            AuditEvent e = new AuditEvent(
                    Instant.parse(line.get("at").asText()),
                    line.get("requestId").asText(),
                    line.get("actor").asText(),
                    line.get("type").asText(),
                    line.get("detail").asText());
            assertThat(line.get("seq").asLong()).isEqualTo(i + 1);
            assertThat(line.get("prevHash").asText()).isEqualTo(prev);
            assertThat(line.get("hash").asText()).isEqualTo(jdbc.auditChain().hash(i + 1, e, prev));
            prev = line.get("hash").asText();
        }
        assertThat(lines[4]).contains("line\\nbreak");
    }

    // ---- queries ----

    @Test
    void list_receivedWithManyGroupsAndStatuses_matchesTheFilter() {
        Set<String> groups = new HashSet<>();
        for (int g = 0; g < 30; g++) {
            groups.add("group-" + g);
        }
        insertAll(withFactors(request("a", "1", 0), dev.maa.api.Factor.of("p", 1, "group-7")), request("b", "2", 1));
        RequestQuery wide = RequestQuery.all().received(groups).withStatuses(Set.of(Status.values()));
        assertThat(ids(jdbc.list(wide))).containsExactly("a");
    }

    @Test
    void reopeningTheStore_onAMigratedDatabase_keepsTheData() {
        jdbc.insert(request("r1", "app-1", 0), event("r1", "SUBMITTED"));
        try (JdbcRequestStore again = reopen()) {
            assertThat(again.find("r1")).isPresent();
            assertThat(again.auditLog().verify().intact()).isTrue();
        }
    }

    /** A second store on this class's database: another node, as far as the database can tell. */
    protected JdbcRequestStore reopen() {
        return JdbcStores.open(JdbcStoreSettings.builder(jdbc.settings().url())
                .user(jdbc.settings().user())
                .password(passwordForReopen())
                .poolSize(4)
                .build());
    }

    /** The password this class's database accepts. */
    protected abstract String passwordForReopen();
}

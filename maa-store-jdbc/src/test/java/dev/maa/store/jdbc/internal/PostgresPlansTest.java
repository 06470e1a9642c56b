package dev.maa.store.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maa.api.Action;
import dev.maa.api.ApprovalRequest;
import dev.maa.api.AuditEvent;
import dev.maa.api.Operation;
import dev.maa.api.Platform;
import dev.maa.api.Principal;
import dev.maa.api.RequestQuery;
import dev.maa.api.ResourceRef;
import dev.maa.api.ResourceType;
import dev.maa.api.Status;
import dev.maa.core.audit.AuditChain;
import dev.maa.store.jdbc.EmbeddedPostgresSupport;
import dev.maa.store.jdbc.JdbcRequestStore;
import dev.maa.store.jdbc.JdbcStores;
import dev.maa.store.jdbc.JdbcTestSql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The plans PostgreSQL caches for the store's writes by id, on a new and empty schema, which is when the driver
 * first prepares them and when every index looks as cheap as the primary key. A write planned onto an index of
 * {@code status} then keeps walking every request in that status for the life of the connection.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresPlansTest {

    private static final AuditChain CHAIN = JdbcTestSql.chain();

    private JdbcRequestStore store;

    @BeforeAll
    void openEmptyStore() {
        String url = EmbeddedPostgresSupport.newDatabase(EmbeddedPostgresSupport.shared(), "plans");
        store = JdbcStores.postgres(url, "postgres", "postgres");
    }

    @AfterAll
    void close() {
        store.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"update", "update with status", "claim"})
    void aWriteById_isPlannedOnThePrimaryKey_evenOnAnEmptyTable(String statement) throws SQLException {
        String sql = switch (statement) {
            case "update" -> RequestWrites.PG_UPDATE;
            case "update with status" -> RequestWrites.PG_UPDATE_STATUS;
            case "claim" -> Claims.CLAIM;
            default -> throw new IllegalArgumentException(statement);
        };

        List<String> plan = genericPlan(sql);

        assertThat(plan)
                .as(String.join("\n", plan))
                .anySatisfy(line -> assertThat(line).contains("Index Scan using pk_maa_request on maa_request"))
                .noneSatisfy(line -> assertThat(line).containsPattern("ix_maa_request_\\w+ on maa_request"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "claim candidates",
                "expired claims",
                "expiry sweep",
                "post-reviews",
                "retention purge",
                "all requests",
                "two statuses",
                "received, every status",
                "received, pending",
                "received by nine groups"
            })
    void aQueryForFewRows_readsOnlyTheRowsItCanReturn_inTheCachedPlan(String query) throws SQLException {
        String sql = switch (query) {
            case "claim candidates" -> Claims.CANDIDATES;
            case "expired claims" -> Claims.EXPIRED;
            case "expiry sweep" ->
                RequestListQuery.build(RequestQuery.all().expiringBefore(Instant.EPOCH))
                        .sql();
            case "post-reviews" ->
                RequestListQuery.build(RequestQuery.all().onlyPostReviewOpen()).sql();
            case "retention purge" -> Retention.purgeCandidates(Retention.REQUEST_BATCH);
            case "all requests" -> RequestListQuery.build(RequestQuery.all()).sql();
            case "two statuses" ->
                RequestListQuery.build(RequestQuery.all().withStatuses(Set.of(Status.COMPLETED, Status.FAILED)))
                        .sql();
            case "received, every status" ->
                RequestListQuery.build(RequestQuery.all().received(Set.of("a", "b")))
                        .sql();
            case "received, pending" ->
                RequestListQuery.build(RequestQuery.all()
                                .received(Set.of("a", "b"))
                                .withStatuses(Set.of(Status.NEEDS_APPROVAL)))
                        .sql();
            case "received by nine groups" ->
                RequestListQuery.build(RequestQuery.all().received(Set.of("a", "b", "c", "d", "e", "f", "g", "h", "i")))
                        .sql();
            default -> throw new IllegalArgumentException(query);
        };
        String expected = switch (query) {
            case "claim candidates", "expired claims", "all requests", "two statuses", "received by nine groups" ->
                "ix_maa_request_status";
            case "received, every status", "received, pending" -> "ix_maa_approver_inbox";
            case "expiry sweep" -> "ix_maa_request_expiry";
            case "post-reviews" -> "ix_maa_request_post_review";
            default -> "Cond: "; // the purge: an index range that ends at the cutoff, whichever index it is
        };

        // on an empty table a sequential scan is cheapest; the question here is whether the index can serve
        List<String> plan = genericPlan(sql, "SET enable_seqscan = off");

        assertThat(plan)
                .as(String.join("\n", plan))
                .anySatisfy(line -> assertThat(line)
                        .contains(expected)
                        .contains(query.equals("retention purge") ? "created_at < $1" : ""))
                .noneSatisfy(line -> assertThat(line).contains("Seq Scan"));
    }

    @Test
    void requestTables_keepOnlyTheIndexesAQueryReads() throws SQLException {
        List<String> indexes = new ArrayList<>();
        try (Connection c = store.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT indexname FROM pg_indexes WHERE tablename IN "
                        + "('maa_request', 'maa_request_approver') ORDER BY indexname")) {
            while (rs.next()) {
                indexes.add(rs.getString(1));
            }
        }
        assertThat(indexes)
                .as("every status change writes an entry into each of them (migration 1.5)")
                .containsExactly(
                        "ix_maa_approver_inbox",
                        "ix_maa_request_expiry",
                        "ix_maa_request_post_review",
                        "ix_maa_request_requester",
                        "ix_maa_request_status",
                        "pk_maa_request",
                        "pk_maa_request_approver",
                        "ux_maa_request_open");
    }

    @Test
    void storeConnections_alwaysRunGenericPlans_andBoundLockWaits() throws SQLException {
        try (Connection c = store.dataSource().getConnection()) {
            assertThat(show(c, "plan_cache_mode"))
                    .as("PostgreSQL's own choice turns to planning every write " + "again once the tables are analyzed")
                    .isEqualTo("force_generic_plan");
            assertThat(show(c, "lock_timeout")).isEqualTo("10s");
        }
    }

    @Test
    void requestRows_haveNoTableCheckConstraints_whichPostgresWouldReparseOnEveryWrite() throws SQLException {
        try (Connection c = store.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT conname FROM pg_constraint WHERE contype = 'c' "
                        + "AND conrelid = 'maa_request'::regclass")) {
            List<String> checks = new ArrayList<>();
            while (rs.next()) {
                checks.add(rs.getString(1));
            }
            assertThat(checks)
                    .as("status and version are checked by domains (migration 1.4)")
                    .isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "maa_request.id",
                "maa_request.resource_key",
                "maa_request.requester_id",
                "maa_request.status",
                "maa_request_approver.request_id",
                "maa_request_approver.approver_group",
                "maa_request_approver.status",
                "maa_audit.request_id"
            })
    void indexedIdentifiers_compareByteByByte(String column) throws SQLException {
        String[] tableAndColumn = column.split("\\.");
        try (Connection c = store.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT collation_name FROM information_schema.columns WHERE table_name = '"
                                + tableAndColumn[0] + "' AND column_name = '" + tableAndColumn[1] + "'")) {
            assertThat(rs.next()).as(column + " exists").isTrue();
            assertThat(rs.getString(1)).as(column + "'s collation").isEqualTo("C");
        }
    }

    @ParameterizedTest(name = "unflushed: {0}")
    @ValueSource(booleans = {false, true})
    void onlyAnOutcome_isCommittedWithoutWaitingForTheFlush(boolean unflushed) throws SQLException {
        ApprovalRequest r = ApprovalRequest.builder()
                .id("r-" + unflushed)
                .resource(new ResourceRef(
                        ResourceType.APP, "", "app-" + unflushed, Platform.UNSPECIFIED, java.util.Set.of()))
                .action(Action.DELETE)
                .operation(new Operation("C", "m", List.of()))
                .requester(Principal.of("alice"))
                .payload("{}")
                .digest("d")
                .status(Status.COMPLETING)
                .createdAt(Instant.EPOCH)
                .updatedAt(Instant.EPOCH)
                .expiresAt(Instant.EPOCH.plusSeconds(60))
                .build();
        new RequestWrites(new Db(store.dataSource(), "test", Dialect.POSTGRESQL, CHAIN))
                .insert(r, new AuditEvent(Instant.EPOCH, r.id(), "alice", "SUBMITTED", "{}"));
        ApprovalRequest done = r.toBuilder().status(Status.COMPLETED).version(2).build();

        try (Connection c = store.dataSource().getConnection()) {
            execute(c, "SET synchronous_commit = on"); // the test server's default is off
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(
                    unflushed ? RequestWrites.PG_UPDATE_STATUS_UNFLUSHED : RequestWrites.PG_UPDATE_STATUS)) {
                int i = RequestRows.bindUpdate(ps, 1, done, RequestCodec.toBody(done), Status.COMPLETING, 1);
                ps.setString(i++, done.status().name());
                ps.setString(i++, done.id());
                AuditRows.bindStaged(ps, i, CHAIN, new AuditEvent(Instant.EPOCH, r.id(), "system", "COMPLETED", "{}"));
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).as("the update matched").isTrue();
                }
            }
            assertThat(synchronousCommit(c)).isEqualTo(unflushed ? "off" : "on");
            c.rollback();
            c.setAutoCommit(true);
            assertThat(synchronousCommit(c)).as("only for that transaction").isEqualTo("on");
            execute(c, "RESET synchronous_commit");
        }
    }

    private static String synchronousCommit(Connection c) throws SQLException {
        return show(c, "synchronous_commit");
    }

    private static String show(Connection c, String setting) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** The plan PostgreSQL would cache for {@code sql} once it stops planning per execution. */
    private List<String> genericPlan(String sql) throws SQLException {
        return genericPlan(sql, "RESET enable_seqscan");
    }

    private List<String> genericPlan(String sql, String setting) throws SQLException {
        StringBuilder numbered = new StringBuilder();
        int n = 0;
        for (char ch : sql.toCharArray()) {
            if (ch == '?') {
                numbered.append('$').append(++n);
            } else {
                numbered.append(ch);
            }
        }
        List<String> plan = new ArrayList<>();
        try (Connection c = store.dataSource().getConnection();
                Statement s = c.createStatement()) {
            s.execute("SET plan_cache_mode = force_generic_plan");
            s.execute(setting);
            s.execute("PREPARE probe AS " + numbered);
            try (ResultSet rs =
                    s.executeQuery("EXPLAIN EXECUTE probe" + (n == 0 ? "" : "(" + "NULL, ".repeat(n - 1) + "NULL)"))) {
                while (rs.next()) {
                    plan.add(rs.getString(1));
                }
            } finally {
                s.execute("DEALLOCATE probe");
                s.execute("RESET plan_cache_mode");
                s.execute("RESET enable_seqscan");
            }
        }
        return plan;
    }
}

package dev.maa.store.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.maa.api.Action;
import dev.maa.api.ApprovalRequest;
import dev.maa.api.AuditEvent;
import dev.maa.api.AuditEventType;
import dev.maa.api.AuditVerification;
import dev.maa.api.Factor;
import dev.maa.api.Operation;
import dev.maa.api.Platform;
import dev.maa.api.Principal;
import dev.maa.api.RequestQuery;
import dev.maa.api.ResourceRef;
import dev.maa.api.ResourceType;
import dev.maa.api.Status;
import dev.maa.core.audit.AuditChain;
import dev.maa.core.audit.AuditKey;
import dev.maa.store.jdbc.EmbeddedPostgresSupport;
import dev.maa.store.jdbc.JdbcRequestStore;
import dev.maa.store.jdbc.JdbcStores;
import dev.maa.store.jdbc.JdbcTestSql;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A store written by an earlier release keeps its requests through the later migrations, and the guarantees the
 * migrations re-express (one open request per object, checked statuses and versions, lists on the remaining
 * indexes, inbox rows purged with their requests once the foreign key is gone) still hold. PostgreSQL from schema
 * 1.3 (before domains, partial indexes and migrations 1.5-1.6); H2, the embedded default, from schema 1.2.
 */
class SchemaUpgradeTest {

    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
    /** The old release had no key; what the test writes after the upgrade is refused before it reaches the audit. */
    private static final AuditChain CHAIN = AuditChain.keyed(AuditKey.random());

    @Test
    void aPostgresStoreOfSchema13_isUpgraded_withItsRequestsAndGuarantees() throws SQLException {
        String url = EmbeddedPostgresSupport.newDatabase("upgrade");
        PGSimpleDataSource old = new PGSimpleDataSource();
        old.setURL(url);
        Migrations.migrateTo(old, Dialect.POSTGRESQL, "1.3");
        RequestWrites writes = writeRequests(new Db(old, "release 1.3", Dialect.POSTGRESQL, CHAIN));

        try (JdbcRequestStore store = JdbcStores.postgres(url, "postgres", "postgres")) {
            assertUpgraded(store, writes);
        }
    }

    @Test
    void anH2StoreOfSchema12_isUpgraded_withItsRequestsAndGuarantees(@TempDir Path dir)
            throws SQLException, IOException {
        Path file = dir.resolve("maa");
        JdbcDataSource old = new JdbcDataSource();
        old.setURL(JdbcStores.h2FileUrl(file));
        old.setUser("sa");
        Migrations.migrateTo(old, Dialect.H2, "1.2");
        RequestWrites writes = writeRequests(new Db(old, "release 1.2", Dialect.H2, CHAIN));
        // stores of that release were created by the umask; the store refuses them until their owner runs chmod 600
        Files.setPosixFilePermissions(dir.resolve("maa.mv.db"), PosixFilePermissions.fromString("rw-------"));

        try (JdbcRequestStore store = JdbcStores.h2File(file)) {
            old.setPassword(Files.readString(dir.resolve("maa.password")).strip()); // the upgrade gave it one
            assertUpgraded(store, writes);
        }
    }

    /** Writes as the old release did: events staged without a MAC (migration 1.7.1 added it). */
    private static RequestWrites writeRequests(Db db) {
        db.inTransaction("write as release 1.x", c -> {
            for (ApprovalRequest r : List.of(
                    request("open-1", "app-1", Status.NEEDS_APPROVAL, false),
                    request("done-1", "app-1", Status.COMPLETED, false),
                    request("review-1", "app-2", Status.COMPLETED, true))) {
                RequestRows.insert(c, r, RequestCodec.toBody(r));
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO maa_audit_pending (at, request_id, actor, "
                        + "type, detail) VALUES (?, ?, ?, ?, ?)")) {
                    Times.set(ps, 1, T0);
                    ps.setString(2, r.id());
                    ps.setString(3, "alice");
                    ps.setString(4, "SUBMITTED");
                    ps.setString(5, "{}");
                    ps.executeUpdate();
                }
            }
            return null;
        });
        return new RequestWrites(db);
    }

    private static void assertUpgraded(JdbcRequestStore store, RequestWrites writes) {
        assertThat(JdbcTestSql.count(
                        store.dataSource(),
                        "SELECT COUNT(*) FROM information_schema.table_constraints "
                                + "WHERE UPPER(constraint_name) = 'FK_MAA_REQUEST_APPROVER_REQUEST'"))
                .as("migrated to 1.6")
                .isZero();
        assertThat(store.find("open-1"))
                .get()
                .extracting(ApprovalRequest::status)
                .isEqualTo(Status.NEEDS_APPROVAL);
        assertThat(store.find("done-1"))
                .get()
                .extracting(ApprovalRequest::status)
                .isEqualTo(Status.COMPLETED);
        assertThat(ids(store.list(RequestQuery.all()))).containsExactlyInAnyOrder("open-1", "done-1", "review-1");
        assertThat(ids(store.list(RequestQuery.all().expiringBefore(T0.plusSeconds(7200)))))
                .containsExactly("open-1");
        assertThat(ids(store.list(RequestQuery.all().onlyPostReviewOpen()))).containsExactly("review-1");
        assertThat(ids(store.list(RequestQuery.all()
                        .received(Set.of("app-approvers"))
                        .withStatuses(Set.of(Status.NEEDS_APPROVAL)))))
                .containsExactly("open-1");
        assertThat(ids(store.list(RequestQuery.all().received(Set.of("app-approvers")))))
                .containsExactlyInAnyOrder("open-1", "done-1", "review-1");

        AuditVerification v = store.auditLog().verify();
        assertThat(v.intact())
                .as("the old history is kept, keyed by an anchor: " + v.problems())
                .isTrue();
        assertThat(store.auditLog().read(0, 10))
                .extracting(e -> e.event().type())
                .containsExactly("SUBMITTED", "SUBMITTED", "SUBMITTED", AuditEventType.AUDIT_KEYED.name());

        assertThat(trace(() -> writes.insert(request("open-2", "app-1", Status.APPROVED, false), submitted("open-2"))))
                .as("still one open request per object")
                .containsIgnoringCase("ux_maa_request_open");
        assertThat(trace(() -> JdbcTestSql.update(
                        store.dataSource(), "UPDATE maa_request SET status = 'DONE' WHERE id = 'done-1'")))
                .as("statuses are still checked")
                .containsIgnoringCase("ck_maa_request_status");
        assertThat(trace(() -> JdbcTestSql.update(
                        store.dataSource(), "UPDATE maa_request SET version = 0 WHERE id = 'done-1'")))
                .as("versions too")
                .containsIgnoringCase("ck_maa_request_version");

        store.purge(T0.plus(Duration.ofDays(3000)));
        assertThat(store.find("done-1")).isEmpty();
        assertThat(JdbcTestSql.count(store.dataSource(), "SELECT COUNT(*) FROM maa_request_approver"))
                .as("the purged requests' inbox rows went with them")
                .isEqualTo(1);
    }

    /** The stack trace of what {@code call} throws (H2 and PostgreSQL spell constraint names in different cases). */
    private static String trace(ThrowableAssert.ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).as("refused").isNotNull();
        StringWriter out = new StringWriter();
        thrown.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    private static List<String> ids(List<ApprovalRequest> requests) {
        return requests.stream().map(ApprovalRequest::id).toList();
    }

    private static ApprovalRequest request(String id, String app, Status status, boolean emergency) {
        return ApprovalRequest.builder()
                .id(id)
                .resource(new ResourceRef(ResourceType.APP, "", app, Platform.UNSPECIFIED, Set.of()))
                .action(Action.DELETE)
                .operation(new Operation("C", "deleteApp", List.of("java.lang.String")))
                .requester(Principal.of("alice"))
                .factors(List.of(Factor.of("apps", 1, "app-approvers")))
                .payload("{}")
                .digest("d")
                .status(status)
                .emergency(emergency)
                .createdAt(T0)
                .updatedAt(T0)
                .expiresAt(T0.plusSeconds(3600))
                .build();
    }

    private static AuditEvent submitted(String id) {
        return new AuditEvent(T0, id, "alice", "SUBMITTED", "{}");
    }
}

package dev.maa.store.jdbc.internal;

import dev.maa.api.Action;
import dev.maa.api.ApprovalRequest;
import dev.maa.api.AuditEvent;
import dev.maa.api.Factor;
import dev.maa.api.Operation;
import dev.maa.api.Platform;
import dev.maa.api.Principal;
import dev.maa.api.RequestQuery;
import dev.maa.api.ResourceRef;
import dev.maa.api.ResourceType;
import dev.maa.api.Status;
import dev.maa.store.jdbc.EmbeddedPostgresSupport;
import dev.maa.store.jdbc.JdbcRequestStore;
import dev.maa.store.jdbc.JdbcStores;
import dev.maa.store.jdbc.JdbcTestSql;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A PostgreSQL store written by an earlier release keeps its requests through the later migrations, and the
 * guarantees the migrations re-express (one open request per object, checked statuses and versions) still hold.
 */
class PostgresUpgradeTest {

    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    @Test
    void aStoreOfSchema13_isUpgraded_withItsRequestsAndGuarantees() throws SQLException {
        String url = EmbeddedPostgresSupport.newDatabase("upgrade");
        PGSimpleDataSource old = new PGSimpleDataSource();
        old.setURL(url);
        Migrations.migrateTo(old, Dialect.POSTGRESQL, "1.3");
        RequestWrites writes = new RequestWrites(new Db(old, "release 1.3", Dialect.POSTGRESQL));
        writes.insert(request("open-1", "app-1", Status.NEEDS_APPROVAL, false), submitted("open-1"));
        writes.insert(request("done-1", "app-1", Status.COMPLETED, false), submitted("done-1"));
        writes.insert(request("review-1", "app-2", Status.COMPLETED, true), submitted("review-1"));

        try (JdbcRequestStore store = JdbcStores.postgres(url, "postgres", "postgres")) {
            assertThat(JdbcTestSql.count(store.dataSource(), "SELECT COUNT(*) FROM maa_schema_history "
                    + "WHERE version = '1.4' AND success")).as("migration 1.4 ran").isEqualTo(1);
            assertThat(store.find("open-1")).get().extracting(ApprovalRequest::status).isEqualTo(Status.NEEDS_APPROVAL);
            assertThat(store.find("done-1")).get().extracting(ApprovalRequest::status).isEqualTo(Status.COMPLETED);
            assertThat(ids(store.list(RequestQuery.all().expiringBefore(T0.plusSeconds(7200))))).containsExactly("open-1");
            assertThat(ids(store.list(RequestQuery.all().onlyPostReviewOpen()))).containsExactly("review-1");
            assertThat(ids(store.list(RequestQuery.all().received(Set.of("app-approvers"))
                    .withStatuses(Set.of(Status.NEEDS_APPROVAL))))).containsExactly("open-1");

            assertThatThrownBy(() -> writes.insert(request("open-2", "app-1", Status.APPROVED, false), submitted("open-2")))
                    .as("still one open request per object").hasStackTraceContaining("ux_maa_request_open");
            assertThatThrownBy(() -> JdbcTestSql.update(store.dataSource(),
                    "UPDATE maa_request SET status = 'DONE' WHERE id = 'done-1'"))
                    .hasStackTraceContaining("ck_maa_request_status");
            assertThatThrownBy(() -> JdbcTestSql.update(store.dataSource(),
                    "UPDATE maa_request SET version = 0 WHERE id = 'done-1'"))
                    .hasStackTraceContaining("ck_maa_request_version");
        }
    }

    private static List<String> ids(List<ApprovalRequest> requests) {
        return requests.stream().map(ApprovalRequest::id).toList();
    }

    private static ApprovalRequest request(String id, String app, Status status, boolean emergency) {
        return ApprovalRequest.builder().id(id)
                .resource(new ResourceRef(ResourceType.APP, "", app, Platform.UNSPECIFIED, Set.of()))
                .action(Action.DELETE).operation(new Operation("C", "deleteApp", List.of("java.lang.String")))
                .requester(Principal.of("alice")).factors(List.of(Factor.of("apps", 1, "app-approvers")))
                .payload("{}").digest("d").status(status).emergency(emergency)
                .createdAt(T0).updatedAt(T0).expiresAt(T0.plusSeconds(3600)).build();
    }

    private static AuditEvent submitted(String id) {
        return new AuditEvent(T0, id, "alice", "SUBMITTED", "{}");
    }
}

package dev.maa.store.jdbc;

import static dev.maa.core.store.StoreFixtures.T0;
import static dev.maa.core.store.StoreFixtures.event;
import static dev.maa.core.store.StoreFixtures.ids;
import static dev.maa.core.store.StoreFixtures.request;
import static dev.maa.core.store.StoreFixtures.withFactors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maa.api.RequestQuery;
import dev.maa.api.Status;
import dev.maa.store.jdbc.internal.RequestCodec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Part of {@link AbstractJdbcStoreTest}: What the database itself holds to, whoever writes to it: one open request per object, only known statuses and
 * versions from 1, request bodies without their payloads, wide filters, and data kept across a reopen.
 */
interface DatabaseRulesContract extends JdbcContractStore {

    // ---- the database enforces one open request per object ----

    @Test
    default void rawSqlInsert_ofASecondOpenRequestForAnObject_isRejectedByTheDatabase() throws Exception {
        jdbc().insert(request("r1", "app-1", 0), event("r1", "SUBMITTED"));

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
    default void rawSqlWrite_ofAnUnknownStatusOrAVersionBelowOne_isRejectedByTheDatabase() throws Exception {
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
    default void storedBody_isJson_withoutThePayload() throws Exception {
        jdbc().insert(request("r1", "app-1", 0), event("r1", "SUBMITTED"));
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

    // ---- queries ----

    @Test
    default void list_receivedWithManyGroupsAndStatuses_matchesTheFilter() {
        Set<String> groups = new HashSet<>();
        for (int g = 0; g < 30; g++) {
            groups.add("group-" + g);
        }
        insertAll(withFactors(request("a", "1", 0), dev.maa.api.Factor.of("p", 1, "group-7")), request("b", "2", 1));
        RequestQuery wide = RequestQuery.all().received(groups).withStatuses(Set.of(Status.values()));
        assertThat(ids(jdbc().list(wide))).containsExactly("a");
    }

    @Test
    default void reopeningTheStore_onAMigratedDatabase_keepsTheData() {
        jdbc().insert(request("r1", "app-1", 0), event("r1", "SUBMITTED"));
        try (JdbcRequestStore again = reopen()) {
            assertThat(again.find("r1")).isPresent();
            assertThat(again.auditLog().verify().intact()).isTrue();
        }
    }
}

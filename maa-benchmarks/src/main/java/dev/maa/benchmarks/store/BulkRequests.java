package dev.maa.benchmarks.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

/**
 * Fills the store's tables with plain JDBC batch inserts: {@code count} requests spread over {@link #GROUPS}
 * approver groups, one second apart, 98% COMPLETED, 1% NEEDS_APPROVAL, 1% REJECTED. Every row reuses the
 * body, payload and digest of one request parked through the engine, so each row reads back as a request.
 */
final class BulkRequests {

    static final int GROUPS = 20;
    private static final int BATCH = 1_000;
    private static final Instant BASE = Instant.parse("2025-01-01T00:00:00Z");

    private BulkRequests() {}

    static String group(int i) {
        return String.format("g%02d", i % GROUPS);
    }

    static void load(Connection c, int count) throws SQLException {
        String payload;
        String body;
        String digest;
        try (Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT payload, body, digest FROM maa_request FETCH FIRST 1 ROWS ONLY")) {
            if (!rs.next()) {
                throw new IllegalStateException("park one request first: it is the template of the bulk rows");
            }
            payload = rs.getString(1);
            body = rs.getString(2);
            digest = rs.getString(3);
        }
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        long started = System.nanoTime();
        try (PreparedStatement request = c.prepareStatement("INSERT INTO maa_request (id, resource_key, resource_type,"
                        + " object_id, requester_id, status, created_at, expires_at, updated_at, version, emergency,"
                        + " post_review_open, claim_owner, claim_expires_at, digest, payload, body)"
                        + " VALUES (?, ?, 'APP', ?, ?, ?, ?, ?, ?, 3, FALSE, FALSE, NULL, NULL, ?, ?, ?)");
                PreparedStatement approver = c.prepareStatement("INSERT INTO maa_request_approver (request_id,"
                        + " approver_group, status, created_at) VALUES (?, ?, ?, ?)")) {
            for (int i = 0; i < count; i++) {
                String id = String.format("bulk-%07d", i);
                int k = (i / GROUPS) % 100; // independent of the group
                String status = k == 0 ? "NEEDS_APPROVAL" : k == 1 ? "REJECTED" : "COMPLETED";
                Timestamp created = Timestamp.from(BASE.plusSeconds(i));
                request.setString(1, id);
                request.setString(2, "APP/" + id);
                request.setString(3, id);
                request.setString(4, "user-" + (i % 500));
                request.setString(5, status);
                request.setTimestamp(6, created);
                request.setTimestamp(7, Timestamp.from(BASE.plusSeconds(i).plus(Duration.ofDays(3650))));
                request.setTimestamp(8, created);
                request.setString(9, digest);
                request.setString(10, payload);
                request.setString(11, body);
                request.addBatch();
                approver.setString(1, id);
                approver.setString(2, group(i));
                approver.setString(3, status);
                approver.setTimestamp(4, created);
                approver.addBatch();
                if ((i + 1) % BATCH == 0 || i == count - 1) {
                    request.executeBatch();
                    approver.executeBatch();
                    c.commit();
                }
            }
        } finally {
            c.setAutoCommit(autoCommit);
        }
        System.out.printf("[maa-bench] loaded %,d requests in %.1f s%n", count, (System.nanoTime() - started) / 1e9);
    }
}

package dev.maa.store.jdbc.internal;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.Factor;
import dev.maa.api.Status;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** SQL for the {@code maa_request} and {@code maa_request_approver} tables, and the row mapping. */
public final class RequestRows {

    /** The columns every request query selects, in the order {@link #map} reads them. */
    public static final String COLUMNS = "r.id, r.status, r.created_at, r.expires_at, r.updated_at, r.version, "
            + "r.emergency, r.claim_owner, r.claim_expires_at, r.digest, r.payload, r.body";

    /** Statuses in which a request holds its object's slot, as a SQL list. */
    public static final String OPEN_STATUSES = "('NEEDS_APPROVAL', 'APPROVED', 'COMPLETING')";

    static final String INSERT = "INSERT INTO maa_request (id, resource_key, resource_type, object_id, "
            + "requester_id, status, created_at, expires_at, updated_at, version, emergency, post_review_open, "
            + "claim_owner, claim_expires_at, digest, payload, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /**
     * The conditional update. Its row is found by primary key only: {@code status || ''} is deliberately not
     * indexable. On a new, empty table PostgreSQL prices an index on {@code status} the same as the primary key,
     * and a generic plan cached then (the driver keeps it per connection) went on walking every request in that
     * status as the table grew (190 buffers per update instead of 4). {@code PostgresPlansTest} guards this.
     *
     * <p>The payload and digest are not written: they are fixed at insert (see {@link dev.maa.api.RequestStore#update}).
     */
    static final String UPDATE = "UPDATE maa_request SET resource_key = ?, resource_type = ?, object_id = ?, "
            + "requester_id = ?, status = ?, created_at = ?, expires_at = ?, updated_at = ?, version = ?, emergency = ?, "
            + "post_review_open = ?, claim_owner = ?, claim_expires_at = ?, body = ? "
            + "WHERE id = ? AND version = ? AND status || '' = ?";

    private static final String INSERT_APPROVER =
            "INSERT INTO maa_request_approver (request_id, approver_group, status, "
                    + "created_at) VALUES (?, ?, ?, ?)";

    /** An inbox row for a group the request did not have (escalation adds groups); a no-op for one it has. */
    private static final String ADD_APPROVER = "INSERT INTO maa_request_approver (request_id, approver_group, status, "
            + "created_at) SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM maa_request_approver "
            + "WHERE request_id = ? AND approver_group = ?)";

    private static final String UPDATE_APPROVER_STATUS =
            "UPDATE maa_request_approver SET status = ? WHERE request_id = ?";

    private RequestRows() {}

    /** The value as the store keeps it: timestamps in milliseconds (what both databases store exactly). */
    public static ApprovalRequest normalize(ApprovalRequest r, long version) {
        return r.toBuilder()
                .createdAt(Times.normalize(r.createdAt()))
                .expiresAt(Times.normalize(r.expiresAt()))
                .updatedAt(Times.normalize(r.updatedAt()))
                .claimExpiresAt(Times.normalize(r.claimExpiresAt()))
                .version(version)
                .build();
    }

    /** Inserts {@code r}, whose {@link RequestCodec#toBody} is {@code body}, and its inbox rows. */
    public static void insert(Connection c, ApprovalRequest r, String body) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            bindInsert(ps, 1, r, body);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT_APPROVER)) {
            for (String group : approverGroups(r)) {
                ps.setString(1, r.id());
                ps.setString(2, group);
                ps.setString(3, r.status().name());
                Times.set(ps, 4, r.createdAt());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        DueRows.insert(c, r);
    }

    /**
     * The conditional update to {@code r}, whose {@link RequestCodec#toBody} is {@code body}; returns the number of rows
     * changed (0: status or version differ, or no such row).
     */
    public static int update(Connection c, ApprovalRequest r, String body, Status expectedStatus, long expectedVersion)
            throws SQLException {
        int changed;
        try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
            bindUpdate(ps, 1, r, body, expectedStatus, expectedVersion);
            changed = ps.executeUpdate();
        }
        if (changed == 1 && escalatedNow(r)) {
            try (PreparedStatement ps = c.prepareStatement(ADD_APPROVER)) {
                for (String group : approverGroups(r)) {
                    ps.setString(1, r.id());
                    ps.setString(2, group);
                    ps.setString(3, r.status().name());
                    Times.set(ps, 4, r.createdAt());
                    ps.setString(5, r.id());
                    ps.setString(6, group);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        if (changed == 1 && r.status() != expectedStatus) {
            try (PreparedStatement ps = c.prepareStatement(UPDATE_APPROVER_STATUS)) {
                ps.setString(1, r.status().name());
                ps.setString(2, r.id());
                ps.executeUpdate();
            }
        }
        if (changed == 1 && DueRows.changes(r, expectedStatus)) {
            DueRows.replace(c, r);
        }
        return changed;
    }

    /**
     * Whether this update is the escalation of {@code r} (its approver groups grew, so the inbox needs rows for the
     * new ones): decided from the value alone, so replaying a logged update does the same.
     */
    public static boolean escalatedNow(ApprovalRequest r) {
        return r.reminders() != null
                && DueRows.firedNow(r.updatedAt(), r.reminders().lastEscalatedAt());
    }

    /** Binds the values of {@link #INSERT} from {@code i} on; returns the next index. */
    static int bindInsert(PreparedStatement ps, int i, ApprovalRequest r, String body) throws SQLException {
        i = bindIdentity(ps, i, r);
        ps.setString(i++, r.status().name());
        i = bindMutable(ps, i, r);
        ps.setString(i++, r.digest());
        ps.setString(i++, r.payload());
        ps.setString(i++, body);
        return i;
    }

    /** Binds the values and the condition of {@link #UPDATE} from {@code i} on; returns the next index. */
    static int bindUpdate(
            PreparedStatement ps, int i, ApprovalRequest r, String body, Status expectedStatus, long expectedVersion)
            throws SQLException {
        i = bindKeys(ps, i, r);
        ps.setString(i++, r.status().name());
        i = bindMutable(ps, i, r);
        ps.setString(i++, body);
        ps.setString(i++, r.id());
        ps.setLong(i++, expectedVersion);
        ps.setString(i++, expectedStatus.name());
        return i;
    }

    private static int bindIdentity(PreparedStatement ps, int i, ApprovalRequest r) throws SQLException {
        ps.setString(i, r.id());
        return bindKeys(ps, i + 1, r);
    }

    private static int bindKeys(PreparedStatement ps, int i, ApprovalRequest r) throws SQLException {
        ps.setString(i++, r.resource().key());
        ps.setString(i++, r.resource().typeName());
        ps.setString(i++, r.resource().objectId());
        ps.setString(i++, r.requester().id());
        return i;
    }

    private static int bindMutable(PreparedStatement ps, int i, ApprovalRequest r) throws SQLException {
        Times.set(ps, i++, r.createdAt());
        Times.set(ps, i++, r.expiresAt());
        Times.set(ps, i++, r.updatedAt());
        ps.setLong(i++, r.version());
        ps.setBoolean(i++, r.emergency());
        ps.setBoolean(i++, r.awaitsPostReview());
        ps.setString(i++, r.claimOwner());
        Times.set(ps, i++, r.claimExpiresAt());
        return i;
    }

    static Set<String> approverGroups(ApprovalRequest r) {
        Set<String> groups = new LinkedHashSet<>();
        for (Factor f : r.factors()) {
            groups.addAll(f.approverGroups());
        }
        return groups;
    }

    public static Optional<ApprovalRequest> findById(Connection c, String id, boolean forUpdate) throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM maa_request r WHERE r.id = ?" + (forUpdate ? " FOR UPDATE" : "");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, id);
            List<ApprovalRequest> found = list(ps);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        }
    }

    /** Executes {@code ps} (which selects {@link #COLUMNS}) and maps every row. */
    public static List<ApprovalRequest> list(PreparedStatement ps) throws SQLException {
        List<ApprovalRequest> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(map(rs));
            }
        }
        return out;
    }

    /**
     * One row as a request: the body for everything, overridden by the columns the store maintains itself.
     * The payload and digest are returned exactly as stored, never recomputed, so an altered payload is
     * caught by the digest check before execution.
     */
    public static ApprovalRequest map(ResultSet rs) throws SQLException {
        String id = rs.getString("id");
        ApprovalRequest body = RequestCodec.fromBody(id, rs.getString("body"));
        Instant claimExpiresAt = Times.get(rs, "claim_expires_at");
        return body.toBuilder()
                .id(id)
                .status(Status.valueOf(rs.getString("status")))
                .createdAt(Times.get(rs, "created_at"))
                .expiresAt(Times.get(rs, "expires_at"))
                .updatedAt(Times.get(rs, "updated_at"))
                .version(rs.getLong("version"))
                .emergency(rs.getBoolean("emergency"))
                .claimOwner(rs.getString("claim_owner"))
                .claimExpiresAt(claimExpiresAt)
                .digest(rs.getString("digest"))
                .payload(rs.getString("payload"))
                .build();
    }
}

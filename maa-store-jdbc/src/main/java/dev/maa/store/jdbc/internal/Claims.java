package dev.maa.store.jdbc.internal;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.AuditEvent;
import dev.maa.api.AuditEventType;
import dev.maa.core.audit.AuditChain;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Executor claims and job leases: the SQL that lets many nodes share work without running anything twice.
 *
 * <p>Claiming selects unclaimed COMPLETING rows with {@code FOR UPDATE SKIP LOCKED} (claimers on other nodes
 * skip each other's rows instead of queueing) and then claims each with a conditional update, which is what
 * makes a claim exactly-once even where the database would not skip locked rows.
 */
public final class Claims {

    /** Both claim queries read the few COMPLETING rows, one range of {@code ix_maa_request_status}. */
    static final String CANDIDATES = "SELECT " + RequestRows.COLUMNS + " FROM maa_request r "
            + "WHERE r.status = 'COMPLETING' AND r.claim_expires_at IS NULL AND r.claim_owner IS NULL "
            + "ORDER BY r.created_at, r.id FETCH FIRST ? ROWS ONLY FOR UPDATE SKIP LOCKED";

    static final String EXPIRED = "SELECT " + RequestRows.COLUMNS + " FROM maa_request r "
            + "WHERE r.status = 'COMPLETING' AND r.claim_expires_at < ? ORDER BY r.claim_expires_at, r.id "
            + "FETCH FIRST ? ROWS ONLY";

    /** Found by primary key only, like {@link RequestRows#UPDATE}. */
    static final String CLAIM = "UPDATE maa_request SET claim_owner = ?, claim_expires_at = ?, updated_at = ?, "
            + "version = version + 1 WHERE id = ? AND version = ? AND status || '' = 'COMPLETING' AND claim_owner IS NULL";

    private Claims() {}

    /** Claims, and as the record of what it wrote the claimed rows' after-images and CLAIMED events. */
    public static Db.Logged<List<ApprovalRequest>> claimReady(
            Connection c, AuditChain chain, String owner, Instant until, int limit, Instant now) throws SQLException {
        List<ApprovalRequest> candidates;
        try (PreparedStatement ps = c.prepareStatement(CANDIDATES)) {
            ps.setInt(1, limit);
            candidates = RequestRows.list(ps);
        }
        List<ApprovalRequest> claimed = new ArrayList<>(candidates.size());
        List<AuditEvent> events = new ArrayList<>(candidates.size());
        try (PreparedStatement ps = c.prepareStatement(CLAIM)) {
            for (ApprovalRequest r : candidates) {
                ps.setString(1, owner);
                Times.set(ps, 2, until);
                Times.set(ps, 3, now);
                ps.setString(4, r.id());
                ps.setLong(5, r.version());
                if (ps.executeUpdate() == 1) {
                    claimed.add(r.toBuilder()
                            .claimOwner(owner)
                            .claimExpiresAt(Times.normalize(until))
                            .updatedAt(Times.normalize(now))
                            .version(r.version() + 1)
                            .build());
                    events.add(new AuditEvent(
                            now,
                            r.id(),
                            owner,
                            AuditEventType.CLAIMED,
                            "claimed for execution by " + owner + " until " + Times.normalize(until)));
                }
            }
        }
        if (events.isEmpty()) {
            return new Db.Logged<>(claimed, null);
        }
        return new Db.Logged<>(claimed, TransitionRecord.updated(claimed, AuditRows.stage(c, chain, events)));
    }

    public static List<ApprovalRequest> expiredClaims(Connection c, Instant now, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(EXPIRED)) {
            Times.set(ps, 1, now);
            ps.setInt(2, limit);
            return RequestRows.list(ps);
        }
    }

    /** Extends or takes over a job lease held by {@code owner} or expired; false if someone else holds it. */
    public static boolean renewJobLock(Connection c, String job, String owner, Instant until, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE maa_job_lock SET owner = ?, lease_until = ? "
                + "WHERE job = ? AND (owner = ? OR lease_until <= ?)")) {
            ps.setString(1, owner);
            Times.set(ps, 2, until);
            ps.setString(3, job);
            ps.setString(4, owner);
            Times.set(ps, 5, now);
            return ps.executeUpdate() == 1;
        }
    }

    /** Whether a lease row exists for {@code job}. */
    public static boolean jobExists(Connection c, String job) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM maa_job_lock WHERE job = ?")) {
            ps.setString(1, job);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Creates the lease row; fails with a unique violation if another node created it first. */
    public static void insertJobLock(Connection c, String job, String owner, Instant until) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("INSERT INTO maa_job_lock (job, owner, lease_until) VALUES (?, ?, ?)")) {
            ps.setString(1, job);
            ps.setString(2, owner);
            Times.set(ps, 3, until);
            ps.executeUpdate();
        }
    }

    public static boolean releaseJobLock(Connection c, String job, String owner) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM maa_job_lock WHERE job = ? AND owner = ?")) {
            ps.setString(1, job);
            ps.setString(2, owner);
            return ps.executeUpdate() == 1;
        }
    }
}

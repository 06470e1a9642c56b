package dev.maa.store.jdbc.internal;

import dev.maa.core.audit.AuditChain;
import dev.maa.core.audit.ChainVerifier;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Retention purges. Audit entries go as a prefix of the chain: the last purged entry's seq and hash become an
 * anchor, and {@link AuditVerifier} starts from the newest anchor, so the remaining log still verifies. The
 * prefix is checked before it is dropped: a purge never launders an edited entry into an anchor.
 */
public final class Retention {

    /** The most audit entries one {@link #purgeAudit} transaction deletes, holding the chain's head lock. */
    public static final int AUDIT_BATCH = 10_000;

    /** The most requests one {@link #purgeRequests} transaction deletes. */
    public static final int REQUEST_BATCH = 1_000;

    private static final String FINAL_STATUSES = "('COMPLETED', 'FAILED', 'REJECTED', 'CANCELED', 'EXPIRED')";

    /** Closed before the cutoff (both parameters): what {@link #purgeRequests} selects, and checks again. */
    private static final String PURGEABLE = "created_at < ? AND updated_at < ? AND status IN " + FINAL_STATUSES;

    private Retention() {}

    /**
     * Removes up to {@code limit} audit entries older than {@code cutoff} (the oldest, a prefix) and anchors the
     * chain at the last of them, in the caller's transaction; returns how many.
     */
    public static long purgeAudit(Connection c, AuditChain chain, Instant cutoff, Instant now, int limit)
            throws SQLException {
        AuditRows.Link head = AuditRows.head(c, true); // stops appends while the prefix moves
        AuditRows.Link anchor = AuditRows.anchor(c);
        long lastToPurge = firstToKeep(c, anchor.seq(), Math.min(head.seq(), anchor.seq() + limit), cutoff) - 1;
        if (lastToPurge <= anchor.seq()) {
            return 0;
        }
        ChainVerifier segment = AuditVerifier.verifySegment(c, chain, anchor, lastToPurge);
        if (!segment.damage().isEmpty()
                || segment.last() == null
                || segment.last().seq() != lastToPurge) {
            throw new IllegalStateException("Refusing to purge audit entries up to seq " + lastToPurge + ": the chain "
                    + "does not verify there (" + String.join("; ", segment.damage())
                    + "). Verify the audit log, investigate, and export the log before purging.");
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO maa_audit_anchor (seq, hash, anchored_at, entries_purged) VALUES (?, ?, ?, ?)")) {
            ps.setLong(1, lastToPurge);
            ps.setString(2, segment.last().hash());
            Times.set(ps, 3, AuditChain.normalize(now));
            ps.setLong(4, segment.checked());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM maa_audit WHERE seq <= ?")) {
            ps.setLong(1, lastToPurge);
            return ps.executeUpdate();
        }
    }

    /**
     * The first seq in {@code (afterSeq, upToSeq]} at or after {@code cutoff}, else {@code upToSeq + 1}: entries are
     * kept from there on, even if older ones follow.
     */
    private static long firstToKeep(Connection c, long afterSeq, long upToSeq, Instant cutoff) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT seq FROM maa_audit WHERE seq > ? AND seq <= ? "
                + "AND at >= ? ORDER BY seq FETCH FIRST 1 ROWS ONLY")) {
            ps.setLong(1, afterSeq);
            ps.setLong(2, upToSeq);
            Times.set(ps, 3, cutoff);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : upToSeq + 1;
            }
        }
    }

    /**
     * Requests that reached a final status before the cutoff, a batch at a time. A request changes no earlier than it
     * was created, so {@code created_at < cutoff} selects nothing more; it lets the hourly purge read only the old
     * end of each final status's range of {@code ix_maa_request_status} instead of the whole table.
     */
    static String purgeCandidates(int limit) {
        return "SELECT id FROM maa_request WHERE " + PURGEABLE + " FETCH FIRST " + limit + " ROWS ONLY";
    }

    /**
     * Deletes up to {@code limit} requests that reached a final status before {@code cutoff}, with their
     * inbox rows, in the caller's transaction; returns how many requests. The condition is checked again by the
     * delete, so a request changed in between (a post-review) stays, and so do its inbox rows.
     */
    public static long purgeRequests(Connection c, Instant cutoff, int limit) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(purgeCandidates(limit))) {
            Times.set(ps, 1, cutoff);
            Times.set(ps, 2, cutoff);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        if (ids.isEmpty()) {
            return 0;
        }
        Array batch = c.createArrayOf("VARCHAR", ids.toArray());
        long deleted;
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM maa_request WHERE id = ANY(?) AND " + PURGEABLE)) {
            ps.setArray(1, batch);
            Times.set(ps, 2, cutoff);
            Times.set(ps, 3, cutoff);
            deleted = ps.executeUpdate();
        }
        // inbox rows and chat cards have no foreign key (migration 1.6): they go with their request, in the same
        // transaction
        for (String table : List.of("maa_request_approver", "maa_chat_message")) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " a WHERE a.request_id = ANY(?) "
                    + "AND NOT EXISTS (SELECT 1 FROM maa_request r WHERE r.id = a.request_id)")) {
                ps.setArray(1, batch);
                ps.executeUpdate();
            }
        }
        batch.free();
        return deleted;
    }
}

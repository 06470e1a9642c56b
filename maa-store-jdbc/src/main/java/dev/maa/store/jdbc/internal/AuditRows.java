package dev.maa.store.jdbc.internal;

import dev.maa.api.AuditEntry;
import dev.maa.api.AuditEvent;
import dev.maa.core.audit.AuditChain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * SQL for the audit tables. Appends lock the single head row first ({@code SELECT ... FOR UPDATE}), so every
 * appender, in this JVM or another node, extends the same linear chain; the lock is held until the
 * surrounding transaction (the request transition) commits.
 */
public final class AuditRows {

    /** The chain position an append follows, or the newest anchor: a seq and its hash. */
    public record Link(long seq, String hash) {
        public static final Link GENESIS = new Link(0, AuditChain.GENESIS);
    }

    private static final String COLUMNS = "seq, at, request_id, actor, type, detail, prev_hash, hash";

    private AuditRows() {
    }

    /** Appends {@code events} in order, in the caller's transaction; returns the stored entries. */
    public static List<AuditEntry> append(Connection c, List<AuditEvent> events) throws SQLException {
        Link head = head(c, true);
        List<AuditEntry> entries = new ArrayList<>(events.size());
        long seq = head.seq();
        String prev = head.hash();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO maa_audit (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (AuditEvent event : events) {
                AuditEntry entry = AuditChain.link(++seq, event, prev);
                ps.setLong(1, entry.seq());
                Times.set(ps, 2, entry.event().at());
                ps.setString(3, entry.event().requestId());
                ps.setString(4, entry.event().actor());
                ps.setString(5, entry.event().type());
                ps.setString(6, entry.event().detail());
                ps.setString(7, entry.prevHash());
                ps.setString(8, entry.hash());
                ps.addBatch();
                entries.add(entry);
                prev = entry.hash();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE maa_audit_head SET last_seq = ?, last_hash = ? WHERE id = 1")) {
            ps.setLong(1, seq);
            ps.setString(2, prev);
            ps.executeUpdate();
        }
        return entries;
    }

    /** The chain head; {@code lock} takes the append lock until the transaction ends. */
    public static Link head(Connection c, boolean lock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT last_seq, last_hash FROM maa_audit_head WHERE id = 1"
                + (lock ? " FOR UPDATE" : ""));
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new IllegalStateException("The audit head row (maa_audit_head, id 1) is missing: the schema was "
                        + "altered outside MAA. Restore it from a backup; `maa audit verify` will tell what is left.");
            }
            return new Link(rs.getLong(1), rs.getString(2));
        }
    }

    /** The newest purge anchor, or {@link Link#GENESIS} if nothing was ever purged. */
    public static Link anchor(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT seq, hash FROM maa_audit_anchor ORDER BY seq DESC FETCH FIRST 1 ROWS ONLY");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? new Link(rs.getLong(1), rs.getString(2)) : Link.GENESIS;
        }
    }

    /** Entries with {@code afterSeq < seq <= upToSeq}, in order, at most {@code limit}. */
    public static List<AuditEntry> read(Connection c, long afterSeq, long upToSeq, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM maa_audit WHERE seq > ? AND seq <= ? "
                + "ORDER BY seq FETCH FIRST ? ROWS ONLY")) {
            ps.setLong(1, afterSeq);
            ps.setLong(2, upToSeq);
            ps.setInt(3, limit);
            return list(ps);
        }
    }

    public static List<AuditEntry> forRequest(Connection c, String requestId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM maa_audit WHERE request_id = ? ORDER BY seq")) {
            ps.setString(1, requestId);
            return list(ps);
        }
    }

    /** How many entries lie beyond {@code seq}. */
    public static long countAfter(Connection c, long seq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM maa_audit WHERE seq > ?")) {
            ps.setLong(1, seq);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static List<AuditEntry> list(PreparedStatement ps) throws SQLException {
        List<AuditEntry> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                AuditEvent event = new AuditEvent(Times.get(rs, "at"), rs.getString("request_id"), rs.getString("actor"),
                        rs.getString("type"), rs.getString("detail"));
                out.add(new AuditEntry(rs.getLong("seq"), event, rs.getString("prev_hash"), rs.getString("hash")));
            }
        }
        return out;
    }
}

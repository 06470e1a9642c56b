package dev.maa.store.jdbc.internal;

import dev.maa.api.AuditEntry;
import dev.maa.api.AuditEvent;
import dev.maa.core.audit.AuditChain;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * SQL for the audit tables, in two steps.
 *
 * <p><b>Stage</b>: a transition inserts its events into {@code maa_audit_pending} in its own transaction, so the
 * change and its audit record commit or roll back together, and no transition waits for another.
 *
 * <p><b>Seal</b>: one sealer at a time locks the single head row ({@code SELECT ... FOR UPDATE}), moves the staged
 * events that have committed into {@code maa_audit} in staging order, linking each to the previous hash, deletes
 * them from staging and advances the head, in one short transaction. Every sealer, in this JVM or another node,
 * extends the same linear chain. An event staged by a transaction that commits later is simply sealed in a later
 * batch: the chain order is the sealing order, and a request's own events keep their order because its transitions
 * are serialised by the conditional update on its row.
 *
 * <p>Before this split, every transition held the head lock until its commit had been flushed, which serialised all
 * writers of a cluster behind one disk flush at a time.
 */
public final class AuditRows {

    /** The chain position an append follows, or the newest anchor: a seq and its hash. */
    public record Link(long seq, String hash) {
        public static final Link GENESIS = new Link(0, AuditChain.GENESIS);
    }

    private static final String COLUMNS = "seq, at, request_id, actor, type, detail, prev_hash, hash";

    private AuditRows() {
    }

    /** The most events one {@link #seal} moves. */
    public static final int SEAL_BATCH = 500;

    private static final String STAGE = "INSERT INTO maa_audit_pending (at, request_id, actor, type, detail) "
            + "VALUES (?, ?, ?, ?, ?)";

    /** Stages {@code events} in order, in the caller's transaction; a later {@link #seal} chains them. */
    public static void stage(Connection c, List<AuditEvent> events) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(STAGE)) {
            for (AuditEvent event : events) {
                bindStaged(ps, 1, event);
                if (events.size() == 1) {
                    ps.executeUpdate();
                } else {
                    ps.addBatch();
                }
            }
            if (events.size() > 1) {
                ps.executeBatch();
            }
        }
    }

    /** Binds a staged event's {@code at, request_id, actor, type, detail} from {@code i} on; returns the next index. */
    static int bindStaged(PreparedStatement ps, int i, AuditEvent event) throws SQLException {
        Times.set(ps, i++, event.at());
        ps.setString(i++, event.requestId());
        ps.setString(i++, event.actor());
        ps.setString(i++, event.type());
        ps.setString(i++, event.detail());
        return i;
    }

    /** Whether any committed event waits to be sealed (no lock taken). */
    public static boolean hasStaged(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM maa_audit_pending ORDER BY id FETCH FIRST 1 ROWS ONLY");
             ResultSet rs = ps.executeQuery()) {
            return rs.next();
        }
    }

    /**
     * Takes the head lock and chains up to {@code limit} staged events that have committed, oldest first, removing
     * them from staging; returns how many. Run it in its own transaction, which holds the head lock until it ends.
     */
    public static int seal(Connection c, int limit) throws SQLException {
        Link head = head(c, true);
        List<Long> ids = new ArrayList<>();
        List<AuditEvent> events = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, at, request_id, actor, type, detail "
                + "FROM maa_audit_pending ORDER BY id FETCH FIRST " + limit + " ROWS ONLY")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                    events.add(new AuditEvent(Times.get(rs, "at"), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6)));
                }
            }
        }
        if (ids.isEmpty()) {
            return 0;
        }
        appendAfter(c, head, events);
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM maa_audit_pending WHERE id = ANY(?)")) {
            Array sealed = c.createArrayOf("BIGINT", ids.toArray());
            ps.setArray(1, sealed);
            ps.executeUpdate();
            sealed.free();
        }
        return ids.size();
    }

    /**
     * Chains {@code events} at once, in the caller's transaction, after sealing what is staged; returns the stored
     * entries. For events that have no transition to ride with; holds the head lock until the transaction ends.
     */
    public static List<AuditEntry> append(Connection c, List<AuditEvent> events) throws SQLException {
        while (seal(c, SEAL_BATCH) == SEAL_BATCH) {
            // drain staging first, so that the chain keeps commit order
        }
        return appendAfter(c, head(c, true), events);
    }

    private static List<AuditEntry> appendAfter(Connection c, Link head, List<AuditEvent> events) throws SQLException {
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

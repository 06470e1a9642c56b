package dev.maa.store.jdbc.internal;

import dev.maa.api.AuditEntry;
import dev.maa.api.AuditEvent;
import dev.maa.api.AuditEventType;
import dev.maa.core.audit.AuditChain;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
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

    private static final System.Logger LOG = System.getLogger(AuditRows.class.getName());

    private static final String COLUMNS = "seq, at, request_id, actor, type, detail, prev_hash, hash";

    private AuditRows() {}

    /** The most events one {@link #seal} moves. */
    public static final int SEAL_BATCH = 500;

    /** The staged columns, in the order {@link #bindStaged} binds them. */
    public static final String STAGED_COLUMNS = "at, request_id, actor, type, detail, mac";

    private static final String STAGE =
            "INSERT INTO maa_audit_pending (" + STAGED_COLUMNS + ") " + "VALUES (?, ?, ?, ?, ?, ?)";

    /**
     * A staged event as {@code maa_audit_pending} holds it: the event and the MAC computed when it was written (null
     * for an event staged before the audit key existed).
     */
    public record Staged(AuditEvent event, String mac) {}

    /**
     * Stages {@code events} in order, in the caller's transaction, each with its MAC under {@code chain}'s key; a later
     * {@link #seal} chains them. Returns them as staged, MACs included, for the H2 file's transition log.
     */
    public static List<Staged> stage(Connection c, AuditChain chain, List<AuditEvent> events) throws SQLException {
        List<Staged> staged = new ArrayList<>(events.size());
        for (AuditEvent event : events) {
            staged.add(new Staged(event, chain.stagedMac(event)));
        }
        insertStaged(c, staged);
        return staged;
    }

    /**
     * Inserts staged events verbatim, MACs as given: how a replayed transition log restores them. A MAC is never
     * computed here, so whoever could write the log cannot mint an authentic event: the sealer chains one that does
     * not authenticate as {@value AuditChain#REJECTED_EVENT}.
     */
    public static void insertStaged(Connection c, List<Staged> staged) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(STAGE)) {
            for (Staged s : staged) {
                bindStaged(ps, 1, s.event(), s.mac());
                if (staged.size() == 1) {
                    ps.executeUpdate();
                } else {
                    ps.addBatch();
                }
            }
            if (staged.size() > 1) {
                ps.executeBatch();
            }
        }
    }

    /**
     * Binds a staged event's {@value #STAGED_COLUMNS} from {@code i} on; returns the next index. The MAC authenticates
     * the event as written by a node holding the audit key: the sealer chains nothing else as genuine.
     */
    static int bindStaged(PreparedStatement ps, int i, AuditChain chain, AuditEvent event) throws SQLException {
        return bindStaged(ps, i, event, chain.stagedMac(event));
    }

    private static int bindStaged(PreparedStatement ps, int i, AuditEvent event, String mac) throws SQLException {
        Times.set(ps, i++, event.at());
        ps.setString(i++, event.requestId());
        ps.setString(i++, event.actor());
        ps.setString(i++, event.type());
        ps.setString(i++, event.detail());
        ps.setString(i++, mac);
        return i;
    }

    /** Whether any committed event waits to be sealed (no lock taken). */
    public static boolean hasStaged(Connection c) throws SQLException {
        try (PreparedStatement ps =
                        c.prepareStatement("SELECT 1 FROM maa_audit_pending ORDER BY id FETCH FIRST 1 ROWS ONLY");
                ResultSet rs = ps.executeQuery()) {
            return rs.next();
        }
    }

    /**
     * Takes the head lock and chains up to {@code limit} staged events that have committed, oldest first, removing
     * them from staging; returns how many. Run it in its own transaction, which holds the head lock until it ends.
     */
    public static int seal(Connection c, AuditChain chain, int limit) throws SQLException {
        return seal(c, limit, (seq, event, mac, prev) -> {
            AuditEntry entry = chain.seal(seq, event, mac, prev);
            if (entry.event().is(AuditEventType.AUDIT_EVENT_REJECTED)
                    && !event.is(AuditEventType.AUDIT_EVENT_REJECTED)) {
                LOG.log(
                        System.Logger.Level.ERROR,
                        "A staged audit event (" + event.type() + " of request '"
                                + event.requestId() + "' by " + event.actor()
                                + ") failed authentication: it was not written "
                                + "with the audit key. Sealed as " + AuditEventType.AUDIT_EVENT_REJECTED + " at seq "
                                + seq
                                + "; verify the audit log and find who wrote maa_audit_pending");
            }
            return entry;
        });
    }

    /** How a staged event (with its MAC) becomes an entry. */
    interface Sealer {
        AuditEntry entry(long seq, AuditEvent event, String mac, String prevHash);
    }

    private static int seal(Connection c, int limit, Sealer sealer) throws SQLException {
        Link head = head(c, true);
        List<Long> ids = new ArrayList<>();
        List<AuditEvent> events = new ArrayList<>();
        List<String> macs = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, at, request_id, actor, type, detail, mac "
                + "FROM maa_audit_pending ORDER BY id FETCH FIRST " + limit + " ROWS ONLY")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                    events.add(new AuditEvent(
                            Times.get(rs, "at"), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)));
                    macs.add(rs.getString(7));
                }
            }
        }
        if (ids.isEmpty()) {
            return 0;
        }
        List<AuditEntry> entries = new ArrayList<>(ids.size());
        long seq = head.seq();
        String prev = head.hash();
        for (int i = 0; i < events.size(); i++) {
            AuditEntry entry = sealer.entry(++seq, events.get(i), macs.get(i), prev);
            entries.add(entry);
            prev = entry.hash();
        }
        insert(c, entries);
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
    public static List<AuditEntry> append(Connection c, AuditChain chain, List<AuditEvent> events) throws SQLException {
        while (seal(c, chain, SEAL_BATCH) == SEAL_BATCH) {
            // drain staging first, so that the chain keeps commit order
        }
        Link head = head(c, true);
        List<AuditEntry> entries = new ArrayList<>(events.size());
        String prev = head.hash();
        for (AuditEvent event : events) {
            AuditEntry entry = chain.link(head.seq() + entries.size() + 1, event, prev);
            entries.add(entry);
            prev = entry.hash();
        }
        insert(c, entries);
        return entries;
    }

    /**
     * Keys a chain written before the audit key existed, once: if the newest entry is a legacy (plain SHA-256) one, or
     * nothing was sealed yet and events without a MAC wait in staging, seals what is staged the legacy way (events
     * staged before the upgrade carry no MAC) and appends a keyed {@code AUDIT_KEYED} entry, whose MAC
     * covers all history before it. Returns whether it did. Run in its own transaction, when a store opens; the head
     * lock makes one node of a cluster do it.
     */
    public static boolean keyLegacyChain(Connection c, AuditChain chain, Instant now) throws SQLException {
        Link head = head(c, true);
        if (head.seq() == 0 ? !hasUnauthenticatedStaged(c) : !isLegacy(chain, read(c, head.seq() - 1, head.seq(), 1))) {
            return false; // keyed already, or not a legacy chain (tampering: verify reports it; nothing is laundered)
        }
        Sealer legacy = (seq, event, mac, prev) ->
                new AuditEntry(seq, normalized(event), prev, AuditChain.legacyHash(seq, event, prev));
        while (seal(c, SEAL_BATCH, legacy) == SEAL_BATCH) {
            // events staged by the previous version, before this upgrade
        }
        append(c, chain, List.of(chain.keyedAnchor(now, head(c, false).seq())));
        return true;
    }

    private static boolean isLegacy(AuditChain chain, List<AuditEntry> newest) {
        return !newest.isEmpty()
                && !chain.authentic(newest.get(0))
                && AuditChain.legacyHash(
                                newest.get(0).seq(),
                                newest.get(0).event(),
                                newest.get(0).prevHash())
                        .equals(newest.get(0).hash());
    }

    private static boolean hasUnauthenticatedStaged(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                        "SELECT 1 FROM maa_audit_pending WHERE mac IS NULL " + "FETCH FIRST 1 ROWS ONLY");
                ResultSet rs = ps.executeQuery()) {
            return rs.next();
        }
    }

    private static AuditEvent normalized(AuditEvent e) {
        return new AuditEvent(AuditChain.normalize(e.at()), e.requestId(), e.actor(), e.type(), e.detail());
    }

    private static void insert(Connection c, List<AuditEntry> entries) throws SQLException {
        if (entries.isEmpty()) {
            return;
        }
        long seq = 0;
        String prev = null;
        try (PreparedStatement ps =
                c.prepareStatement("INSERT INTO maa_audit (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (AuditEntry entry : entries) {
                seq = entry.seq();
                ps.setLong(1, entry.seq());
                Times.set(ps, 2, entry.event().at());
                ps.setString(3, entry.event().requestId());
                ps.setString(4, entry.event().actor());
                ps.setString(5, entry.event().type());
                ps.setString(6, entry.event().detail());
                ps.setString(7, entry.prevHash());
                ps.setString(8, entry.hash());
                ps.addBatch();
                prev = entry.hash();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps =
                c.prepareStatement("UPDATE maa_audit_head SET last_seq = ?, last_hash = ? WHERE id = 1")) {
            ps.setLong(1, seq);
            ps.setString(2, prev);
            ps.executeUpdate();
        }
    }

    /** The chain head; {@code lock} takes the append lock until the transaction ends. */
    public static Link head(Connection c, boolean lock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                        "SELECT last_seq, last_hash FROM maa_audit_head WHERE id = 1" + (lock ? " FOR UPDATE" : ""));
                ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new IllegalStateException("The audit head row (maa_audit_head, id 1) is missing: the schema was "
                        + "altered outside MAA. Restore it from a backup; verifying the audit log tells what is left.");
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
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM maa_audit WHERE seq > ? AND seq <= ? " + "ORDER BY seq FETCH FIRST ? ROWS ONLY")) {
            ps.setLong(1, afterSeq);
            ps.setLong(2, upToSeq);
            ps.setInt(3, limit);
            return list(ps);
        }
    }

    public static List<AuditEntry> forRequest(Connection c, String requestId) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT " + COLUMNS + " FROM maa_audit WHERE request_id = ? ORDER BY seq")) {
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
                AuditEvent event = new AuditEvent(
                        Times.get(rs, "at"),
                        rs.getString("request_id"),
                        rs.getString("actor"),
                        rs.getString("type"),
                        rs.getString("detail"));
                out.add(new AuditEntry(rs.getLong("seq"), event, rs.getString("prev_hash"), rs.getString("hash")));
            }
        }
        return out;
    }
}

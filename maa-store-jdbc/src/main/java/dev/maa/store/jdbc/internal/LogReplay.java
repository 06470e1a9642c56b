package dev.maa.store.jdbc.internal;

import dev.maa.api.ApprovalRequest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Applies the {@link TransitionLog} segments a crash left behind to the H2 file, when a store opens: after the
 * migrations, before it serves anything.
 *
 * <p>Idempotent by request version, so replaying twice, or records H2 already has, changes nothing: a request that
 * is absent is inserted (with its inbox rows, staged events and outbox rows); one whose stored version is below the
 * record's gets the after-image (and inbox status, staged events and outbox rows); otherwise the record is skipped.
 * H2 commits a row, its staged events and its outbox rows together, so the version also tells whether they are
 * there (and an outbox row delivered and deleted since is never brought back). Records apply in log order,
 * which is commit order for any two transactions that touched the same request.
 *
 * <p>Staged events are inserted with the MACs they were written with, never computed again: whoever can write the
 * log cannot mint an authentic event, and the sealer chains a forged one as {@code AUDIT_EVENT_REJECTED}.
 */
final class LogReplay {

    private static final System.Logger LOG = System.getLogger(LogReplay.class.getName());

    private LogReplay() {}

    /**
     * Reads every segment first (a corrupt one refuses the open before anything is written), then applies them in
     * one transaction that returns once H2 has them on the disk.
     */
    static void replay(List<Path> segments, Db db) {
        if (segments.isEmpty()) {
            return;
        }
        List<TransitionRecord> records = new ArrayList<>();
        for (Path segment : segments) {
            records.addAll(LogSegments.read(segment));
        }
        int applied = db.inTransaction("replay the transition log", c -> {
            int n = 0;
            for (TransitionRecord record : records) {
                try {
                    n += apply(c, record) ? 1 : 0;
                } catch (SQLException e) {
                    // which record the database refused, and what the file held: what the operator's log needs
                    throw new SQLException(
                            "replaying " + describe(record) + " against " + openRequests(c, record) + ": "
                                    + e.getMessage(),
                            e.getSQLState(),
                            e);
                }
            }
            return n;
        });
        LOG.log(
                System.Logger.Level.INFO,
                "Replayed the transition log of " + db + ": " + applied + " of "
                        + records.size() + " record(s) were missing from the H2 file (the process had stopped without "
                        + "closing the store)");
    }

    /** Applies {@code record} where H2 lacks it; returns whether it did. */
    static boolean apply(Connection c, TransitionRecord record) throws SQLException {
        boolean applied = false;
        for (TransitionRecord.Row row : record.rows()) {
            ApprovalRequest after = row.request();
            Optional<ApprovalRequest> stored = RequestRows.findById(c, after.id(), true);
            if (stored.isEmpty()) {
                if (row.inserted()) {
                    deleteOrphanedInboxRows(c, after.id());
                    RequestRows.insert(c, after, row.body());
                    applied = true;
                } else {
                    // its insert was checkpointed, so H2 had it: it was purged since; nothing to restore
                    LOG.log(
                            System.Logger.Level.WARNING,
                            "The transition log updates request " + after.id()
                                    + ", which the store no longer has (purged); skipped");
                }
            } else if (stored.get().version() < after.version()) {
                RequestRows.update(
                        c,
                        after,
                        row.body(),
                        stored.get().status(),
                        stored.get().version());
                applied = true;
            }
        }
        if (applied) {
            AuditRows.insertStaged(c, record.staged());
            OutboxRows.insert(c, record.outbox());
        }
        return applied;
    }

    /** The record's rows: id, version, status, insert or update, open key. */
    private static String describe(TransitionRecord record) {
        StringBuilder b = new StringBuilder("record [");
        for (TransitionRecord.Row row : record.rows()) {
            ApprovalRequest r = row.request();
            b.append(row.inserted() ? "insert " : "update ")
                    .append(r.id())
                    .append(" v")
                    .append(r.version())
                    .append(' ')
                    .append(r.status())
                    .append(" of ")
                    .append(r.resource().key())
                    .append("; ");
        }
        return b.append(']').toString();
    }

    /** The open requests the file holds for the record's objects (the usual cause of a refused replay). */
    private static String openRequests(Connection c, TransitionRecord record) {
        StringBuilder b = new StringBuilder("the file's open requests [");
        for (TransitionRecord.Row row : record.rows()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, version, status FROM maa_request WHERE resource_key = ? AND open_key IS NOT NULL")) {
                ps.setString(1, row.request().resource().key());
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        b.append(rs.getString(1))
                                .append(" v")
                                .append(rs.getLong(2))
                                .append(' ')
                                .append(rs.getString(3))
                                .append("; ");
                    }
                }
            } catch (SQLException e) {
                b.append("(unreadable: ").append(e.getMessage()).append(") ");
            }
        }
        return b.append(']').toString();
    }

    /**
     * Inbox rows of a request H2 lacks are what a database H2 closed after a failed write left half-written (seen on
     * a full disk, issue 14): they belong to no request, and the record's own rows replace them.
     */
    private static void deleteOrphanedInboxRows(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM maa_request_approver WHERE request_id = ?")) {
            ps.setString(1, id);
            int orphans = ps.executeUpdate();
            if (orphans > 0) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "Replaced " + orphans + " inbox row(s) of request " + id
                                + ", which the H2 file had without the request");
            }
        }
    }
}

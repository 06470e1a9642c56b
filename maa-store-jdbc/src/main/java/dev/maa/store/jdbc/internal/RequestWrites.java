package dev.maa.store.jdbc.internal;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.AuditEvent;
import dev.maa.api.Notification;
import dev.maa.api.Status;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * A request written together with its staged audit event, all or nothing, in as few round trips as the
 * database needs.
 *
 * <p><b>PostgreSQL</b>: the request row, its inbox rows and the staged event are one statement (data-modifying
 * {@code WITH} clauses) run in auto-commit mode, so the driver sends the write and the server commits it in one
 * round trip; the same change as a transaction of three statements takes four round trips, and on a small machine
 * the server's work per statement and per round trip weighs as much as the disk flush (docs/cluster.md). The inbox and
 * audit rows are derived from the rows the request write returned, so a conditional update that matched nothing
 * writes nothing at all.
 *
 * <p><b>H2</b> runs inside the JVM, where a round trip costs nothing: the plain statements run in one transaction,
 * which the H2 file records in its {@link TransitionLog} (the request's after-image, the staged event and the outbox
 * rows).
 *
 * <p>The write's notifications ({@link OutboxRows}, the transactional outbox) join it the same way: a clause of the
 * one statement on PostgreSQL, rows of the one transaction and its log record on the H2 file.
 *
 * <p>Either way a unique violation (one open request per object, a duplicate id) surfaces as a
 * {@link dev.maa.api.StoreFailureException} (see {@link SqlErrors#isUniqueViolation(dev.maa.api.StoreFailureException, String)})
 * and nothing is written.
 */
public final class RequestWrites {

    /** The staged event, inserted once for each row the request write returned. */
    private static final String STAGE_FROM = "INSERT INTO maa_audit_pending (" + AuditRows.STAGED_COLUMNS + ") "
            + "SELECT ?, ?, ?, ?, ?, ? FROM written";

    private static final String PG_INSERT = pgInsert(false);

    private static final String PG_INSERT_OUTBOX = pgInsert(true);

    private static String pgInsert(boolean outbox) {
        return "WITH written AS (" + RequestRows.INSERT + " RETURNING id), "
                + "inbox AS (INSERT INTO maa_request_approver (request_id, approver_group, status, created_at) "
                + "SELECT written.id, g.name, ?, ? FROM written CROSS JOIN unnest(?::varchar[]) AS g(name)) "
                + (outbox ? ", " + OutboxRows.PG_CTE + " " : "")
                + STAGE_FROM;
    }

    /**
     * The conditional update, its staged event, its outbox rows if it has any and, as its result, the stored payload
     * and digest (no row: nothing matched). The inbox rows copy the status and change only when it does, hence the
     * forms with and without; a status change committed without waiting for the WAL flush
     * ({@code set_config(..., true)} is {@code SET LOCAL}, for this statement's own transaction, read when it
     * commits) is only for outcomes (see {@link dev.maa.api.RequestStore#recordOutcome}). Indexed by {@link #form}.
     */
    private static final String[] PG_UPDATES = new String[8];

    static {
        for (int f = 0; f < PG_UPDATES.length; f++) {
            PG_UPDATES[f] = pgUpdate((f & 1) != 0, (f & 2) != 0, (f & 4) != 0);
        }
    }

    static final String PG_UPDATE = PG_UPDATES[form(false, false, false)];

    static final String PG_UPDATE_STATUS = PG_UPDATES[form(true, false, false)];

    static final String PG_UPDATE_STATUS_UNFLUSHED = PG_UPDATES[form(true, true, false)];

    private static int form(boolean inbox, boolean unflushed, boolean outbox) {
        return (inbox ? 1 : 0) | (unflushed ? 2 : 0) | (outbox ? 4 : 0);
    }

    private static String pgUpdate(boolean inbox, boolean unflushed, boolean outbox) {
        return "WITH written AS (" + RequestRows.UPDATE + " RETURNING payload, digest, id), "
                + (inbox
                        ? "inbox AS (UPDATE maa_request_approver SET status = ? WHERE request_id = ? "
                                + "AND EXISTS (SELECT 1 FROM written)), "
                        : "")
                + (unflushed ? "relaxed AS (SELECT set_config('synchronous_commit', 'off', true) AS setting), " : "")
                + (outbox ? OutboxRows.PG_CTE + ", " : "")
                + "staged AS (" + STAGE_FROM + ") SELECT written.payload, written.digest FROM written"
                + (unflushed ? " CROSS JOIN relaxed" : "");
    }

    private static final String STORED_PAYLOAD = "SELECT payload, digest FROM maa_request WHERE id = ?";

    private final Db db;

    public RequestWrites(Db db) {
        this.db = db;
    }

    /** Inserts {@code r} (version 1), its inbox rows and {@code event}. */
    public void insert(ApprovalRequest r, AuditEvent event) {
        insert(r, event, List.of());
    }

    /** Inserts {@code r} (version 1), its inbox rows, {@code event} and the outbox rows of {@code notifications}. */
    public void insert(ApprovalRequest r, AuditEvent event, List<Notification> notifications) {
        String what = "insert request " + r.id();
        String body = RequestCodec.toBody(r);
        List<OutboxRows.Row> outbox = OutboxRows.rows(notifications, body, r.updatedAt());
        // a due row (a policy with reminders) is a statement of its own: the transaction form, not the one statement
        if (db.dialect() != Dialect.POSTGRESQL || DueRows.hasRow(r)) {
            db.inLoggedTransaction(what, true, c -> {
                RequestRows.insert(c, r, body);
                OutboxRows.insert(c, outbox);
                return new Db.Logged<>(
                        null,
                        TransitionRecord.inserted(r, body, AuditRows.stage(c, db.auditChain(), List.of(event)))
                                .withOutbox(outbox));
            });
            return;
        }
        db.inOneStatement(what, c -> {
            try (PreparedStatement ps = c.prepareStatement(outbox.isEmpty() ? PG_INSERT : PG_INSERT_OUTBOX)) {
                int i = RequestRows.bindInsert(ps, 1, r, body);
                ps.setString(i++, r.status().name());
                Times.set(ps, i++, r.createdAt());
                Array groups =
                        c.createArrayOf("varchar", RequestRows.approverGroups(r).toArray());
                ps.setArray(i++, groups);
                if (!outbox.isEmpty()) {
                    i = OutboxRows.bindPg(c, ps, i, outbox);
                }
                AuditRows.bindStaged(ps, i, db.auditChain(), event);
                ps.executeUpdate();
                groups.free();
            }
            return null;
        });
    }

    /**
     * Replaces the request if it still has {@code expectedStatus} and {@code expectedVersion}, with its inbox rows
     * and {@code event}, and returns it with the payload and digest it has in the store; empty (and nothing
     * written) if it does not, or does not exist. Unless {@code durable}, it returns before the change is on the
     * disk: PostgreSQL does not wait for the WAL flush of a status change, the H2 file for its log's force.
     */
    public Optional<ApprovalRequest> update(
            ApprovalRequest r,
            Status expectedStatus,
            long expectedVersion,
            AuditEvent event,
            boolean durable,
            List<Notification> notifications) {
        String what = "update request " + r.id();
        String body = RequestCodec.toBody(r);
        List<OutboxRows.Row> outbox = OutboxRows.rows(notifications, body, r.updatedAt());
        // an escalation adds inbox rows, and a due row moves (a reminder fired, a status change of a request with
        // reminders): a transaction of several statements, not the one-statement form
        if (db.dialect() != Dialect.POSTGRESQL || DueRows.changes(r, expectedStatus)) {
            return db.inLoggedTransaction(what, durable, c -> {
                if (RequestRows.update(c, r, body, expectedStatus, expectedVersion) == 0) {
                    return new Db.Logged<>(Optional.empty(), null);
                }
                OutboxRows.insert(c, outbox);
                List<AuditRows.Staged> staged = AuditRows.stage(c, db.auditChain(), List.of(event));
                try (PreparedStatement ps = c.prepareStatement(STORED_PAYLOAD)) {
                    ps.setString(1, r.id());
                    return new Db.Logged<>(
                            withStoredPayload(r, ps),
                            new TransitionRecord(List.of(new TransitionRecord.Row(false, r, body)), staged)
                                    .withOutbox(outbox));
                }
            });
        }
        boolean statusChanges = r.status() != expectedStatus;
        return db.inOneStatement(what, c -> {
            String sql = PG_UPDATES[form(statusChanges, statusChanges && !durable, !outbox.isEmpty())];
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = RequestRows.bindUpdate(ps, 1, r, body, expectedStatus, expectedVersion);
                if (statusChanges) {
                    ps.setString(i++, r.status().name());
                    ps.setString(i++, r.id());
                }
                if (!outbox.isEmpty()) {
                    i = OutboxRows.bindPg(c, ps, i, outbox);
                }
                AuditRows.bindStaged(ps, i, db.auditChain(), event);
                return withStoredPayload(r, ps);
            }
        });
    }

    /** {@code r} with the payload and digest {@code ps} selects, if it selects a row. */
    private static Optional<ApprovalRequest> withStoredPayload(ApprovalRequest r, PreparedStatement ps)
            throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(r.toBuilder()
                    .payload(rs.getString(1))
                    .digest(rs.getString(2))
                    .build());
        }
    }
}

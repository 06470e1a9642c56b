package dev.maa.store.jdbc.internal;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.Status;
import dev.maa.core.DueReminders;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * SQL for {@code maa_request_due}: the next reminder or escalation of each request that waits for approval and has
 * one to fire ({@link DueReminders#next}: the earliest of its policies' schedules), so the reminder job reads only
 * what is due.
 *
 * <p>The row is derived from the request value alone, like the inbox rows, so a transition writes it in its own
 * transaction and a replay of the H2 file's transition log writes the same. Only requests with a reminder schedule
 * have one, and only the transitions that may move it write it ({@link #changes}): parking, a reminder or escalation
 * fired, a status change (leaving NEEDS_APPROVAL deletes it, a withdrawal back to it writes it again), and, for a
 * request whose schedules are per policy, every update while it waits (a review may meet a policy's factors or open
 * the next stage, which starts or stops that stage's schedules). Every request without reminders costs nothing.
 */
public final class DueRows {

    /** The one kind so far: the earlier of the next reminder and the escalation. */
    static final String REMIND = "remind";

    private static final String DELETE = "DELETE FROM maa_request_due WHERE request_id = ? AND kind = ?";
    private static final String INSERT = "INSERT INTO maa_request_due (request_id, kind, due_at) VALUES (?, ?, ?)";

    /** Requests waiting for approval whose row is due, earliest first; the row is kept exactly, so no status test. */
    private static final String DUE = "SELECT " + RequestRows.COLUMNS + " FROM maa_request_due d "
            + "JOIN maa_request r ON r.id = d.request_id WHERE d.kind = ? AND d.due_at <= ? "
            + "ORDER BY d.due_at, d.request_id LIMIT ?";

    private DueRows() {}

    /** When {@code r} is next due, {@code null} if it has no row: it does not wait for approval or has nothing to fire. */
    static Instant dueAt(ApprovalRequest r) {
        return DueReminders.next(r);
    }

    /** Whether inserting {@code r} writes a row. */
    public static boolean hasRow(ApprovalRequest r) {
        return dueAt(r) != null;
    }

    /**
     * Whether the update to {@code r} from {@code expectedStatus} moves its row: decided from the value alone, so
     * replaying a logged update does the same.
     */
    public static boolean changes(ApprovalRequest r, Status expectedStatus) {
        return r.reminders() != null
                && (r.status() != expectedStatus
                        || (r.reminders().perPolicy() && r.status() == Status.NEEDS_APPROVAL)
                        || firedNow(r.updatedAt(), r.reminders().lastRemindedAt())
                        || firedNow(r.updatedAt(), r.reminders().lastEscalatedAt()));
    }

    /** Whether a reminder or escalation at {@code at} is this update's (the store keeps milliseconds). */
    static boolean firedNow(Instant updatedAt, Instant at) {
        return at != null && updatedAt.equals(Times.normalize(at));
    }

    /** Writes the row of a new request {@code r}, if it has one. */
    static void insert(Connection c, ApprovalRequest r) throws SQLException {
        Instant at = dueAt(r);
        if (at == null) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setString(1, r.id());
            ps.setString(2, REMIND);
            Times.set(ps, 3, at);
            ps.executeUpdate();
        }
    }

    /** Replaces the row of updated request {@code r} with what it is now (none, or its next due time). */
    static void replace(Connection c, ApprovalRequest r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(DELETE)) {
            ps.setString(1, r.id());
            ps.setString(2, REMIND);
            ps.executeUpdate();
        }
        insert(c, r);
    }

    /** Up to {@code limit} requests whose next reminder or escalation is due at {@code now}. */
    public static List<ApprovalRequest> due(Connection c, Instant now, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(DUE)) {
            ps.setString(1, REMIND);
            Times.set(ps, 2, now);
            ps.setInt(3, limit);
            return RequestRows.list(ps);
        }
    }
}

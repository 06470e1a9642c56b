package dev.maa.store.jdbc.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.maa.api.Notification;
import dev.maa.api.NotificationOutbox.OutboxEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * SQL for the {@code maa_outbox} table (migration V1_14_1), written with request writes by {@link RequestWrites} and
 * read by the delivery worker through {@link dev.maa.store.jdbc.JdbcRequestStore}.
 *
 * <p>Recipients and delivered channels are JSON arrays ({@link RequestCodec#mapper()}), the request is its
 * {@link RequestCodec#toBody} as the write stored it (its payload is never needed to notify).
 */
public final class OutboxRows {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    static final String COLUMNS = "event_id, request_id, kind, recipients, message, request_body, created_at, "
            + "next_attempt_at, attempts, delivered_channels, state";

    private static final String INSERT =
            "INSERT INTO maa_outbox (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, " + "'[]', 'PENDING')";

    /**
     * The outbox clause of a PostgreSQL request write: one row per element of the four arrays, for each row the
     * request write returned (none if it matched nothing). Parameters: body, created_at, then the arrays.
     */
    static final String PG_CTE = "outbox AS (INSERT INTO maa_outbox (" + COLUMNS + ") "
            + "SELECT n.e, written.id, n.k, n.r, n.m, ?, ?, ?, 0, '[]', 'PENDING' FROM written "
            + "CROSS JOIN unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[]) AS n(e, k, r, m))";

    private static final String DUE = "SELECT event_id, request_id, kind, recipients, message, request_body, attempts, "
            + "delivered_channels FROM maa_outbox WHERE state = 'PENDING' AND next_attempt_at <= ? "
            + "ORDER BY next_attempt_at, seq";

    /**
     * One outbox row as a request write stores it (and the H2 file's {@link TransitionLog} keeps it).
     *
     * @param recipients a JSON array
     * @param body       the request's {@link RequestCodec#toBody}
     */
    public record Row(
            String eventId,
            String requestId,
            String kind,
            String recipients,
            String message,
            String body,
            Instant at) {}

    private OutboxRows() {}

    /** The rows of {@code notifications}, about the request whose stored body is {@code body}, written at {@code at}. */
    public static List<Row> rows(List<Notification> notifications, String body, Instant at) {
        List<Row> rows = new ArrayList<>(notifications.size());
        for (Notification n : notifications) {
            rows.add(new Row(
                    n.eventId(),
                    n.request().id(),
                    n.kind().name(),
                    json(new TreeSet<>(n.recipients())),
                    n.text() == null ? "" : n.text(),
                    body,
                    Times.normalize(at)));
        }
        return rows;
    }

    /** Inserts {@code rows} (in a transaction with their request write). */
    public static void insert(Connection c, List<Row> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (Row r : rows) {
                ps.setString(1, r.eventId());
                ps.setString(2, r.requestId());
                ps.setString(3, r.kind());
                ps.setString(4, r.recipients());
                ps.setString(5, r.message());
                ps.setString(6, r.body());
                Times.set(ps, 7, r.at());
                Times.set(ps, 8, r.at());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Binds {@link #PG_CTE}'s parameters for {@code rows} from {@code i} on; returns the next index. */
    static int bindPg(Connection c, PreparedStatement ps, int i, List<Row> rows) throws SQLException {
        ps.setString(i++, rows.get(0).body());
        Times.set(ps, i++, rows.get(0).at());
        Times.set(ps, i++, rows.get(0).at());
        ps.setArray(
                i++, c.createArrayOf("varchar", rows.stream().map(Row::eventId).toArray()));
        ps.setArray(i++, c.createArrayOf("varchar", rows.stream().map(Row::kind).toArray()));
        ps.setArray(
                i++,
                c.createArrayOf("varchar", rows.stream().map(Row::recipients).toArray()));
        ps.setArray(
                i++, c.createArrayOf("varchar", rows.stream().map(Row::message).toArray()));
        return i;
    }

    /** Up to {@code limit} pending entries due at {@code now}, in written order. */
    public static List<OutboxEntry> due(Connection c, Instant now, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(DUE)) {
            Times.set(ps, 1, now);
            ps.setMaxRows(limit);
            List<OutboxEntry> due = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString("request_id");
                    Notification n = new Notification(
                            Notification.Kind.valueOf(rs.getString("kind")),
                            RequestCodec.fromBody(id, rs.getString("request_body")),
                            Set.copyOf(strings(rs.getString("recipients"))),
                            rs.getString("message"),
                            rs.getString("event_id"));
                    due.add(new OutboxEntry(
                            n, rs.getInt("attempts"), Set.copyOf(strings(rs.getString("delivered_channels")))));
                }
            }
            return due;
        }
    }

    public static void delete(Connection c, String eventId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM maa_outbox WHERE event_id = ?")) {
            ps.setString(1, eventId);
            ps.executeUpdate();
        }
    }

    /** Records an attempt: the next one at {@code next}, or none ({@code failed}). */
    public static void attempted(
            Connection c, String eventId, int attempts, Instant next, Set<String> delivered, boolean failed)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE maa_outbox SET attempts = ?, "
                        + "next_attempt_at = COALESCE(?, next_attempt_at), delivered_channels = ?, state = ? WHERE event_id = ?")) {
            ps.setInt(1, attempts);
            Times.set(ps, 2, next);
            ps.setString(3, json(new TreeSet<>(delivered)));
            ps.setString(4, failed ? "FAILED" : "PENDING");
            ps.setString(5, eventId);
            ps.executeUpdate();
        }
    }

    public static long pending(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM maa_outbox WHERE state = 'PENDING'");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String json(Set<String> values) {
        try {
            return RequestCodec.mapper().writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e); // a set of strings always writes
        }
    }

    private static List<String> strings(String json) {
        try {
            return RequestCodec.mapper().readValue(json, STRINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "An outbox row holds an unreadable list (altered outside MAA?): " + e.getOriginalMessage(), e);
        }
    }
}

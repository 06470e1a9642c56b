package dev.maa.store.jdbc.internal;

import dev.maa.api.ChatMessages;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * SQL for {@code maa_chat_message}: the card each chat channel posted for a request ({@link ChatMessages}). Plain
 * statements both databases run alike: a conditional update that only moves a card forward, else an insert (a
 * concurrent insert of the same key loses to the first, which the caller ignores).
 */
public final class ChatMessageRows {

    private static final String FIND =
            "SELECT message_id, version FROM maa_chat_message WHERE request_id = ? AND channel = ?";
    private static final String UPDATE = "UPDATE maa_chat_message SET message_id = ?, version = ? "
            + "WHERE request_id = ? AND channel = ? AND version < ?";
    private static final String INSERT =
            "INSERT INTO maa_chat_message (request_id, channel, message_id, version) VALUES (?, ?, ?, ?)";

    private ChatMessageRows() {}

    public static ChatMessages.Posted find(Connection c, String requestId, String channel) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(FIND)) {
            ps.setString(1, requestId);
            ps.setString(2, channel);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new ChatMessages.Posted(rs.getString(1), rs.getLong(2)) : null;
            }
        }
    }

    /** Records {@code posted} unless a row of this or a newer version exists. */
    public static void record(Connection c, String requestId, String channel, ChatMessages.Posted posted)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
            ps.setString(1, posted.messageId());
            ps.setLong(2, posted.version());
            ps.setString(3, requestId);
            ps.setString(4, channel);
            ps.setLong(5, posted.version());
            if (ps.executeUpdate() == 1 || find(c, requestId, channel) != null) {
                return; // moved forward, or a newer card is recorded
            }
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setString(1, requestId);
            ps.setString(2, channel);
            ps.setString(3, posted.messageId());
            ps.setLong(4, posted.version());
            ps.executeUpdate();
        }
    }
}

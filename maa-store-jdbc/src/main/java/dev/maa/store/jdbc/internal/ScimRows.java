package dev.maa.store.jdbc.internal;

import dev.maa.store.jdbc.ScimGroup;
import dev.maa.store.jdbc.ScimUser;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The SQL of the SCIM tables ({@code maa_scim_user}, {@code maa_scim_group}, {@code maa_scim_member}), on the
 * caller's connection and transaction. Keys are canonical names; the caller computes them.
 */
public final class ScimRows {

    private static final String USER_COLUMNS =
            "id, user_name, user_key, external_id, active, version, created_at, modified_at, attributes";
    private static final String GROUP_COLUMNS =
            "id, display_name, display_key, external_id, version, created_at, modified_at";

    /** One of the two resource tables. */
    public enum Table {
        USER("maa_scim_user", "user_key", USER_COLUMNS),
        GROUP("maa_scim_group", "display_key", GROUP_COLUMNS);

        final String name;
        final String key;
        final String columns;

        Table(String name, String key, String columns) {
            this.name = name;
            this.key = key;
            this.columns = columns;
        }
    }

    private ScimRows() {}

    public static void insertUser(Connection c, ScimUser u, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO maa_scim_user (" + USER_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, u.id());
            bindUser(ps, 2, u, key);
            ps.executeUpdate();
        }
    }

    /** Writes {@code u} over the row of version {@code u.version() - 1}; returns whether it was there. */
    public static boolean updateUser(Connection c, ScimUser u, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE maa_scim_user SET user_name = ?, user_key = ?,"
                + " external_id = ?, active = ?, version = ?, created_at = ?, modified_at = ?, attributes = ?"
                + " WHERE id = ? AND version = ?")) {
            int i = bindUser(ps, 1, u, key);
            ps.setString(i++, u.id());
            ps.setLong(i, u.version() - 1);
            return ps.executeUpdate() == 1;
        }
    }

    private static int bindUser(PreparedStatement ps, int i, ScimUser u, String key) throws SQLException {
        ps.setString(i++, u.userName());
        ps.setString(i++, key);
        ps.setString(i++, u.externalId());
        ps.setBoolean(i++, u.active());
        ps.setLong(i++, u.version());
        Times.set(ps, i++, u.created());
        Times.set(ps, i++, u.lastModified());
        ps.setString(i++, u.attributes());
        return i;
    }

    public static void insertGroup(Connection c, ScimGroup g, String key) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("INSERT INTO maa_scim_group (" + GROUP_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, g.id());
            bindGroup(ps, 2, g, key);
            ps.executeUpdate();
        }
    }

    /** Writes {@code g}'s own columns (not its members) over the row of version {@code g.version() - 1}. */
    public static boolean updateGroup(Connection c, ScimGroup g, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE maa_scim_group SET display_name = ?, display_key = ?,"
                + " external_id = ?, version = ?, created_at = ?, modified_at = ? WHERE id = ? AND version = ?")) {
            int i = bindGroup(ps, 1, g, key);
            ps.setString(i++, g.id());
            ps.setLong(i, g.version() - 1);
            return ps.executeUpdate() == 1;
        }
    }

    private static int bindGroup(PreparedStatement ps, int i, ScimGroup g, String key) throws SQLException {
        ps.setString(i++, g.displayName());
        ps.setString(i++, key);
        ps.setString(i++, g.externalId());
        ps.setLong(i++, g.version());
        Times.set(ps, i++, g.created());
        Times.set(ps, i++, g.lastModified());
        return i;
    }

    /** The user {@code id}; {@code lock} holds its row until the transaction ends. */
    public static Optional<ScimUser> user(Connection c, String id, boolean lock) throws SQLException {
        List<ScimUser> found = users(c, "WHERE id = ?" + (lock ? " FOR UPDATE" : ""), id, 0, 1);
        return found.stream().findFirst();
    }

    /** The group {@code id} with its members; {@code lock} holds its row until the transaction ends. */
    public static Optional<ScimGroup> group(Connection c, String id, boolean lock) throws SQLException {
        List<ScimGroup> found = groups(c, "WHERE id = ?" + (lock ? " FOR UPDATE" : ""), id, 0, 1);
        return found.stream().findFirst();
    }

    /** A page of users, in creation order, whose key is {@code key} (every user when null). */
    public static List<ScimUser> userPage(Connection c, String key, long offset, int limit) throws SQLException {
        return users(c, (key == null ? "" : "WHERE user_key = ? ") + "ORDER BY created_at, id", key, offset, limit);
    }

    /** A page of groups, in creation order, whose key is {@code key} (every group when null). */
    public static List<ScimGroup> groupPage(Connection c, String key, long offset, int limit) throws SQLException {
        return groups(c, (key == null ? "" : "WHERE display_key = ? ") + "ORDER BY created_at, id", key, offset, limit);
    }

    private static List<ScimUser> users(Connection c, String where, String arg, long offset, int limit)
            throws SQLException {
        List<ScimUser> out = new ArrayList<>();
        try (PreparedStatement ps = page(c, Table.USER, where, arg, offset, limit);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new ScimUser(
                        rs.getString("id"),
                        rs.getString("user_name"),
                        rs.getString("external_id"),
                        rs.getBoolean("active"),
                        rs.getString("attributes"),
                        rs.getLong("version"),
                        Times.get(rs, "created_at"),
                        Times.get(rs, "modified_at")));
            }
        }
        return out;
    }

    private static List<ScimGroup> groups(Connection c, String where, String arg, long offset, int limit)
            throws SQLException {
        List<ScimGroup> rows = new ArrayList<>();
        try (PreparedStatement ps = page(c, Table.GROUP, where, arg, offset, limit);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new ScimGroup(
                        rs.getString("id"),
                        rs.getString("display_name"),
                        rs.getString("external_id"),
                        Set.of(),
                        rs.getLong("version"),
                        Times.get(rs, "created_at"),
                        Times.get(rs, "modified_at")));
            }
        }
        List<ScimGroup> out = new ArrayList<>(rows.size());
        for (ScimGroup g : rows) {
            out.add(g.with(g.displayName(), g.externalId(), members(c, g.id())));
        }
        return out;
    }

    private static PreparedStatement page(Connection c, Table t, String where, String arg, long offset, int limit)
            throws SQLException {
        boolean locks = where.endsWith("FOR UPDATE");
        String sql = "SELECT " + t.columns + " FROM " + t.name + " " + where
                + (locks ? "" : " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY");
        PreparedStatement ps = c.prepareStatement(sql);
        int i = 1;
        if (arg != null) {
            ps.setString(i++, arg);
        }
        if (!locks) {
            ps.setLong(i++, offset);
            ps.setInt(i, limit);
        }
        return ps;
    }

    /** How many rows of {@code t} have the key {@code key} (every row when null). */
    public static long count(Connection c, Table t, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM " + t.name + (key == null ? "" : " WHERE " + t.key + " = ?"))) {
            if (key != null) {
                ps.setString(1, key);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The id of the row of {@code t} whose key is {@code key}, if any. */
    public static Optional<String> idByKey(Connection c, Table t, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM " + t.name + " WHERE " + t.key + " = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    public static boolean delete(Connection c, Table t, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + t.name + " WHERE id = ?")) {
            ps.setString(1, id);
            return ps.executeUpdate() == 1;
        }
    }

    /** The ids of the member users of group {@code groupId}. */
    public static Set<String> members(Connection c, String groupId) throws SQLException {
        Set<String> out = new TreeSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT user_id FROM maa_scim_member WHERE group_id = ?")) {
            ps.setString(1, groupId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** The names of the groups user {@code userId} is a member of. */
    public static Set<String> groupNamesOf(Connection c, String userId) throws SQLException {
        Set<String> out = new TreeSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT g.display_name FROM maa_scim_member m"
                + " JOIN maa_scim_group g ON g.id = m.group_id WHERE m.user_id = ?")) {
            ps.setString(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** The canonical user names of {@code userIds}, by id; ids of no user are absent. */
    public static Map<String, String> userKeys(Connection c, Collection<String> userIds) throws SQLException {
        Map<String, String> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT user_key FROM maa_scim_user WHERE id = ?")) {
            for (String id : userIds) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        out.put(id, rs.getString(1));
                    }
                }
            }
        }
        return out;
    }

    /** Adds ({@code add}) or removes the membership of each of {@code userIds} in group {@code groupId}. */
    public static void setMembers(Connection c, String groupId, Collection<String> userIds, boolean add)
            throws SQLException {
        if (userIds.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                add
                        ? "INSERT INTO maa_scim_member (group_id, user_id) VALUES (?, ?)"
                        : "DELETE FROM maa_scim_member WHERE group_id = ? AND user_id = ?")) {
            for (String userId : userIds) {
                ps.setString(1, groupId);
                ps.setString(2, userId);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}

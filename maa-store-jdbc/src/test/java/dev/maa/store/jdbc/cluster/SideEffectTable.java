package dev.maa.store.jdbc.cluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * What "really ran" in the cluster tests: one row per execution in a table of the same database, written by the
 * target on its own auto-committed connection, so a row exists exactly when the call ran (or started, for the
 * {@code started} kind), whichever JVM ran it and whatever happens to that JVM afterwards. No unique key: a
 * duplicate execution must show up as a duplicate row.
 */
final class SideEffectTable {

    static final String EXECUTED = "executed";
    static final String STARTED = "started";

    private final String url;

    SideEffectTable(String url) {
        this.url = url;
    }

    void create() {
        update(
                "CREATE TABLE IF NOT EXISTS cluster_side_effect (app_id VARCHAR(200) NOT NULL, kind VARCHAR(16) NOT NULL,"
                        + " node VARCHAR(200) NOT NULL, at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)");
    }

    void record(String appId, String kind, String node) {
        try (Connection c = DriverManager.getConnection(url);
                PreparedStatement ps =
                        c.prepareStatement("INSERT INTO cluster_side_effect (app_id, kind, node) VALUES (?, ?, ?)")) {
            ps.setString(1, appId);
            ps.setString(2, kind);
            ps.setString(3, node);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot record " + kind + " of " + appId, e);
        }
    }

    long count(String kind) {
        return longQuery("SELECT COUNT(*) FROM cluster_side_effect WHERE kind = '" + kind + "'");
    }

    long distinct(String kind) {
        return longQuery("SELECT COUNT(DISTINCT app_id) FROM cluster_side_effect WHERE kind = '" + kind + "'");
    }

    /** app id → how many rows of {@code kind}. */
    Map<String, Integer> perApp(String kind) {
        Map<String, Integer> counts = new HashMap<>();
        query(
                "SELECT app_id, COUNT(*) FROM cluster_side_effect WHERE kind = '" + kind + "' GROUP BY app_id",
                rs -> counts.put(rs.getString(1), rs.getInt(2)));
        return counts;
    }

    /** node → how many rows of {@code kind}. */
    Map<String, Integer> perNode(String kind) {
        Map<String, Integer> counts = new HashMap<>();
        query(
                "SELECT node, COUNT(*) FROM cluster_side_effect WHERE kind = '" + kind + "' GROUP BY node",
                rs -> counts.put(rs.getString(1), rs.getInt(2)));
        return counts;
    }

    private long longQuery(String sql) {
        long[] result = new long[1];
        query(sql, rs -> result[0] = rs.getLong(1));
        return result[0];
    }

    private interface RowHandler {
        void row(ResultSet rs) throws SQLException;
    }

    private void query(String sql, RowHandler handler) {
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                handler.row(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Query failed: " + sql, e);
        }
    }

    private void update(String sql) {
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Statement failed: " + sql, e);
        }
    }
}

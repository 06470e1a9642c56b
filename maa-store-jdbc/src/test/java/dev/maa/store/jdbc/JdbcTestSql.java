package dev.maa.store.jdbc;

import dev.maa.core.audit.AuditChain;
import dev.maa.core.audit.AuditKey;
import dev.maa.core.config.MaaHome;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** Raw SQL against a store's database, behind the store's back: wiping, tampering, inspecting. */
public final class JdbcTestSql {

    private JdbcTestSql() {}

    /** The chain of the stores tests open without a key of their own: the key in the (test) MAA home. */
    public static AuditChain chain() {
        return AuditChain.keyed(AuditKey.resolve(MaaHome.resolve()));
    }

    /** Empties every table; under the audit head lock, so a background sealer never straddles the wipe. */
    static void wipe(DataSource ds) {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.executeQuery("SELECT last_seq FROM maa_audit_head WHERE id = 1 FOR UPDATE")
                    .close();
            for (String sql : new String[] {
                "DELETE FROM maa_request_approver",
                "DELETE FROM maa_request",
                "DELETE FROM maa_audit",
                "DELETE FROM maa_audit_pending",
                "DELETE FROM maa_audit_anchor",
                "DELETE FROM maa_job_lock",
                "DELETE FROM maa_outbox",
                "UPDATE maa_audit_head SET last_seq = 0, last_hash = '" + AuditChain.GENESIS + "'"
            }) {
                s.execute(sql);
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static void execute(DataSource ds, String... statements) {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static int update(DataSource ds, String sql, Object... params) {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static long count(DataSource ds, String sql, Object... params) {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}

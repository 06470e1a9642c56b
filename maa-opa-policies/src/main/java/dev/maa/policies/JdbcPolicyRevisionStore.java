package dev.maa.policies;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.maa.api.StoreFailureException;
import dev.maa.api.StoreUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Policy revisions in a database (H2 or PostgreSQL), in table {@code maa_policy_revisions}. The schema is
 * migrated by Flyway from {@code classpath:db/migration/policies} with its own history table
 * ({@code maa_policy_schema_history}), so it coexists with the request store's migrations in one database.
 * The primary key on the revision number makes concurrent activations conflict instead of both winning.
 */
public final class JdbcPolicyRevisionStore implements PolicyRevisionStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "number, revision, set_digest, files_json, activated_at, requester, approvers_json,"
            + " request_id, justification, test_override";

    private final DataSource dataSource;

    private JdbcPolicyRevisionStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Migrates the schema if needed and returns the store. */
    public static JdbcPolicyRevisionStore create(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/policies")
                .table("maa_policy_schema_history").baselineOnMigrate(true).baselineVersion("0").load().migrate();
        return new JdbcPolicyRevisionStore(dataSource);
    }

    @Override
    public PolicyRevision append(PolicyRevision r) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement max = c.prepareStatement("SELECT COALESCE(MAX(number), 0) FROM maa_policy_revisions");
                 ResultSet rs = max.executeQuery()) {
                rs.next();
                if (rs.getLong(1) + 1 != r.number()) {
                    c.rollback();
                    throw new PolicyRevisionConflictException(r.number());
                }
            }
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO maa_policy_revisions (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ins.setLong(1, r.number());
                ins.setString(2, r.revision());
                ins.setString(3, r.policySet().digest());
                ins.setString(4, JSON.writeValueAsString(r.policySet().files()));
                ins.setTimestamp(5, Timestamp.from(r.activatedAt()));
                ins.setString(6, r.requester());
                ins.setString(7, JSON.writeValueAsString(r.approvers()));
                ins.setString(8, r.requestId());
                ins.setString(9, r.justification());
                ins.setString(10, r.testOverride());
                ins.executeUpdate();
            } catch (SQLException e) {
                c.rollback();
                // a concurrent append took the number between our check and insert (primary key)
                if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                    throw new PolicyRevisionConflictException(r.number());
                }
                throw e;
            }
            c.commit();
            return r;
        } catch (SQLException | JsonProcessingException e) {
            throw translate("storing policy revision " + r.number(), e);
        }
    }

    @Override
    public Optional<PolicyRevision> active() {
        List<PolicyRevision> rows = query("SELECT " + COLUMNS + " FROM maa_policy_revisions ORDER BY number DESC", -1, 1);
        return rows.stream().findFirst();
    }

    @Override
    public Optional<PolicyRevision> get(long number) {
        return query("SELECT " + COLUMNS + " FROM maa_policy_revisions WHERE number = ?", number, 1).stream().findFirst();
    }

    @Override
    public List<PolicyRevision> list() {
        return query("SELECT " + COLUMNS + " FROM maa_policy_revisions ORDER BY number DESC", -1, Integer.MAX_VALUE);
    }

    private List<PolicyRevision> query(String sql, long param, int max) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (param >= 0) {
                ps.setLong(1, param);
            }
            ps.setMaxRows(max == Integer.MAX_VALUE ? 0 : max);
            List<PolicyRevision> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, String> files = JSON.readValue(rs.getString("files_json"), new TypeReference<TreeMap<String, String>>() { });
                    PolicySet set = new PolicySet(new TreeMap<>(files), rs.getString("set_digest"));
                    out.add(new PolicyRevision(rs.getLong("number"), set, rs.getString("revision"),
                            rs.getTimestamp("activated_at").toInstant(), rs.getString("requester"),
                            JSON.readValue(rs.getString("approvers_json"), new TypeReference<List<String>>() { }),
                            rs.getString("request_id"), rs.getString("justification"), rs.getString("test_override")));
                }
            }
            return out;
        } catch (SQLException | JsonProcessingException e) {
            throw translate("reading policy revisions", e);
        }
    }

    /**
     * An outage (connection classes of SQLState 08, 53, 57) is unavailable; a schema or stored-JSON mismatch is a
     * store failure the operator must fix, not worth a retry. (Once this store lives in maa-store-jdbc it should use
     * that module's {@code Db.translate}.)
     */
    private static RuntimeException translate(String what, Exception e) {
        String state = e instanceof SQLException s && s.getSQLState() != null ? s.getSQLState() : "";
        if (e instanceof SQLTransientConnectionException || e instanceof SQLNonTransientConnectionException
                || e instanceof SQLRecoverableException || state.startsWith("08") || state.startsWith("53")
                || state.startsWith("57")) {
            return new StoreUnavailableException("The policy revision store is unavailable (" + what + " failed,"
                    + " SQLState " + state + ").", e);
        }
        return new StoreFailureException("The policy revision store refused " + what + " ("
                + (state.isEmpty() ? e.getClass().getSimpleName() : "SQLState " + state) + ").", e);
    }
}

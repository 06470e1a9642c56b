package dev.maa.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.maa.api.StoreFailureException;
import dev.maa.policies.PolicyRevision;
import dev.maa.policies.PolicyRevisionConflictException;
import dev.maa.policies.PolicyRevisionStore;
import dev.maa.policies.PolicySet;
import dev.maa.store.jdbc.internal.Db;
import dev.maa.store.jdbc.internal.SqlErrors;
import dev.maa.store.jdbc.internal.Times;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Policy revisions in the request store's database (table {@code maa_policy_revisions}, migrated with the store's
 * schema): what {@code maa policy push} activated after approval. The primary key on the revision number makes
 * concurrent activations conflict instead of both winning.
 *
 * <p>Why here and not in maa-opa-policies: a revision is acknowledged only once it is on the disk, which on the
 * H2 file takes the store's group flush, and an unreachable database must fail closed the same way as every other
 * store write. So revisions go through the store's {@link Db}: its transactions, retries, flush and error
 * translation ({@link dev.maa.api.StoreUnavailableException} for an outage), and its migrations.
 */
public final class JdbcPolicyRevisionStore implements PolicyRevisionStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<String, String>> FILES = new TypeReference<>() {};
    private static final TypeReference<List<String>> NAMES = new TypeReference<>() {};
    private static final String COLUMNS = "number, revision, set_digest, files_json, activated_at, requester,"
            + " approvers_json, request_id, justification, test_override";

    private final Db db;

    private JdbcPolicyRevisionStore(Db db) {
        this.db = db;
    }

    /** The policy revisions kept in {@code store}'s database (its schema is migrated when the store opens). */
    public static JdbcPolicyRevisionStore of(JdbcRequestStore store) {
        return new JdbcPolicyRevisionStore(
                Objects.requireNonNull(store, "store").db());
    }

    /**
     * Stores {@code r} as the next revision and returns once it is durable.
     *
     * @throws PolicyRevisionConflictException if {@code r} is not the number after the newest stored one
     */
    @Override
    public PolicyRevision append(PolicyRevision r) {
        String files = json(r.policySet().files());
        String approvers = json(r.approvers());
        return db.inTransaction("store policy revision " + r.number(), c -> {
            try (PreparedStatement max =
                            c.prepareStatement("SELECT COALESCE(MAX(number), 0) FROM maa_policy_revisions");
                    ResultSet rs = max.executeQuery()) {
                rs.next();
                if (rs.getLong(1) + 1 != r.number()) {
                    throw new PolicyRevisionConflictException(r.number());
                }
            }
            try (PreparedStatement ins = c.prepareStatement(
                    "INSERT INTO maa_policy_revisions (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ins.setLong(1, r.number());
                ins.setString(2, r.revision());
                ins.setString(3, r.policySet().digest());
                ins.setString(4, files);
                Times.set(ins, 5, r.activatedAt());
                ins.setString(6, r.requester());
                ins.setString(7, approvers);
                ins.setString(8, r.requestId());
                ins.setString(9, r.justification());
                ins.setString(10, r.testOverride());
                ins.executeUpdate();
            } catch (SQLException e) {
                if (SqlErrors.isUniqueViolation(e, null)) {
                    // a concurrent append took the number between our check and our insert
                    throw new PolicyRevisionConflictException(r.number());
                }
                throw e;
            }
            return r;
        });
    }

    @Override
    public Optional<PolicyRevision> active() {
        return query("read the active policy revision", "ORDER BY number DESC", null, 1).stream()
                .findFirst();
    }

    @Override
    public Optional<PolicyRevision> get(long number) {
        return query("read policy revision " + number, "WHERE number = ?", number, 1).stream()
                .findFirst();
    }

    @Override
    public List<PolicyRevision> list() {
        return query("list policy revisions", "ORDER BY number DESC", null, 0);
    }

    private List<PolicyRevision> query(String what, String where, Long number, int max) {
        return db.read(what, c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT " + COLUMNS + " FROM maa_policy_revisions " + where)) {
                if (number != null) {
                    ps.setLong(1, number);
                }
                ps.setMaxRows(max);
                List<PolicyRevision> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(row(rs));
                    }
                }
                return out;
            }
        });
    }

    private static PolicyRevision row(ResultSet rs) throws SQLException {
        long number = rs.getLong("number");
        PolicySet set = new PolicySet(read(number, rs.getString("files_json"), FILES), rs.getString("set_digest"));
        return new PolicyRevision(
                number,
                set,
                rs.getString("revision"),
                Times.get(rs, "activated_at"),
                rs.getString("requester"),
                read(number, rs.getString("approvers_json"), NAMES),
                rs.getString("request_id"),
                rs.getString("justification"),
                rs.getString("test_override"));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static <T> T read(long number, String text, TypeReference<T> type) {
        try {
            return JSON.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new StoreFailureException(
                    "Stored policy revision " + number + " is unreadable; the row was altered"
                            + " outside MAA or written by a newer version: " + e.getOriginalMessage(),
                    e);
        }
    }
}

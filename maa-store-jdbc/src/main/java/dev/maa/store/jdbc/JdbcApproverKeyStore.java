package dev.maa.store.jdbc;

import dev.maa.core.signing.ApproverKeyStore;
import dev.maa.core.signing.SignedKeyRecord;
import dev.maa.store.jdbc.internal.Db;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Approver key records and passkey counters in the request store's database (tables {@code maa_approver_key_records}
 * and {@code maa_approver_key_uses}, migrated with the store's schema).
 *
 * <p>Why in the store although nothing here is trusted: every node and the server must see the same enrollments and
 * revocations at once, and the store's database is what they share. Trust comes from the anchor signatures the host
 * checks ({@link dev.maa.core.signing.TrustedKeys}); writes go through the store's {@link Db} (durable when
 * acknowledged, {@link dev.maa.api.StoreUnavailableException} for an outage).
 */
public final class JdbcApproverKeyStore implements ApproverKeyStore {

    private final Db db;

    private JdbcApproverKeyStore(Db db) {
        this.db = db;
    }

    /** The key records kept in {@code store}'s database. */
    public static JdbcApproverKeyStore of(JdbcRequestStore store) {
        return new JdbcApproverKeyStore(Objects.requireNonNull(store, "store").db());
    }

    @Override
    public List<SignedKeyRecord> records() {
        return db.read("read approver key records", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                            "SELECT record, signer, signature FROM maa_approver_key_records" + " ORDER BY seq");
                    ResultSet rs = ps.executeQuery()) {
                List<SignedKeyRecord> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new SignedKeyRecord(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
                return out;
            }
        });
    }

    @Override
    public void add(SignedKeyRecord record) {
        db.inTransaction("store an approver key record", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO maa_approver_key_records (record, signer, signature) VALUES (?, ?, ?)")) {
                ps.setString(1, record.record());
                ps.setString(2, record.signer());
                ps.setString(3, record.signature());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public void recordUse(String keyId, String requestId, long counter) {
        db.inTransaction("record a passkey use", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO maa_approver_key_uses (key_id, request_id, counter) VALUES (?, ?, ?)")) {
                ps.setString(1, keyId);
                ps.setString(2, requestId);
                ps.setLong(3, counter);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public OptionalLong highestCounterBefore(String keyId, String requestId) {
        return db.read("read passkey counters", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT MAX(u.counter), COUNT(u.counter)"
                    + " FROM maa_approver_key_uses u WHERE u.key_id = ? AND u.seq < COALESCE((SELECT MIN(f.seq)"
                    + " FROM maa_approver_key_uses f WHERE f.key_id = ? AND f.request_id = ?), "
                    + Long.MAX_VALUE + ")")) {
                ps.setString(1, keyId);
                ps.setString(2, keyId);
                ps.setString(3, requestId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(2) == 0 ? OptionalLong.empty() : OptionalLong.of(rs.getLong(1));
                }
            }
        });
    }
}

package dev.maa.store.jdbc.internal;

import dev.maa.core.audit.AuditChain;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Instants in {@code TIMESTAMP(3) WITH TIME ZONE} columns: always UTC, always milliseconds. */
public final class Times {

    private Times() {}

    /** What the store persists for {@code at}: {@link AuditChain#normalize}, i.e. milliseconds. */
    public static Instant normalize(Instant at) {
        return at == null ? null : AuditChain.normalize(at);
    }

    public static void set(PreparedStatement ps, int index, Instant at) throws SQLException {
        if (at == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(index, OffsetDateTime.ofInstant(normalize(at), ZoneOffset.UTC));
        }
    }

    public static Instant get(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}

package dev.maa.store.jdbc.internal;

import java.sql.SQLException;

/**
 * A SQL failure that is neither transient nor an outage: a constraint violation, a value too long, a schema
 * that does not match. Carries the {@link SQLException} so callers can translate the ones they expect.
 */
public final class SqlFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SqlFailure(String message, SQLException cause) {
        super(message + ": " + cause.getMessage() + " (SQLState " + cause.getSQLState() + ")", cause);
    }

    public SQLException sqlException() {
        return (SQLException) getCause();
    }
}

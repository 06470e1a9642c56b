package dev.maa.store.jdbc.internal;

import dev.maa.api.StoreUnavailableException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs units of work on pooled connections: one transaction per unit, retried when the database reports a
 * transient conflict (nothing was committed then), and SQL failures translated so callers never see a raw
 * {@link SQLException}. An unreachable database becomes {@link StoreUnavailableException} naming the URL
 * (never the password): callers fail closed.
 */
public final class Db {

    /** A unit of work on one connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private static final int MAX_ATTEMPTS = 8;

    private final DataSource dataSource;
    private final String description;
    private final Dialect dialect;

    public Db(DataSource dataSource, String description, Dialect dialect) {
        this.dataSource = dataSource;
        this.description = description;
        this.dialect = dialect;
    }

    public Dialect dialect() {
        return dialect;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Runs {@code work} in a read-write transaction, committing on success and rolling back on any failure. */
    public <T> T inTransaction(String what, Work<T> work) {
        return run(what, false, Connection.TRANSACTION_READ_COMMITTED, work);
    }

    /** Runs {@code work} in a read-only transaction that sees one consistent snapshot where the database offers it. */
    public <T> T inSnapshot(String what, Work<T> work) {
        return run(what, true, Connection.TRANSACTION_REPEATABLE_READ, work);
    }

    /** Runs a single read (one statement) in auto-commit mode. */
    public <T> T read(String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw translate(what, e);
        }
    }

    private <T> T run(String what, boolean readOnly, int isolation, Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                return runIn(c, readOnly, isolation, work);
            } catch (SQLException e) {
                if (attempt < MAX_ATTEMPTS && SqlErrors.isTransient(e)) {
                    Thread.onSpinWait();
                    continue;
                }
                throw translate(what, e);
            }
        }
    }

    private static <T> T runIn(Connection c, boolean readOnly, int isolation, Work<T> work) throws SQLException {
        int previousIsolation = c.getTransactionIsolation();
        c.setAutoCommit(false);
        if (previousIsolation != isolation) {
            c.setTransactionIsolation(isolation);
        }
        c.setReadOnly(readOnly);
        boolean done = false;
        try {
            T result = work.run(c);
            c.commit();
            done = true;
            return result;
        } finally {
            restore(c, !done, previousIsolation != isolation ? previousIsolation : -1);
        }
    }

    private static void restore(Connection c, boolean rollback, int isolation) {
        try {
            if (rollback) {
                c.rollback();
            }
            c.setReadOnly(false);
            if (isolation >= 0) {
                c.setTransactionIsolation(isolation);
            }
            c.setAutoCommit(true);
        } catch (SQLException ignored) {
            // the connection is broken: the pool discards it and the database rolls the transaction back;
            // the failure that matters is the one already propagating
        }
    }

    /** Translates a SQL failure: an outage to {@link StoreUnavailableException}, anything else to {@link SqlFailure}. */
    public RuntimeException translate(String what, SQLException e) {
        if (SqlErrors.isUnavailable(e)) {
            return new StoreUnavailableException("Request store " + description + " is unavailable (" + what + " failed: "
                    + e.getMessage() + ").", e);
        }
        return new SqlFailure("Request store " + description + ": " + what + " failed", e);
    }
}

package dev.maa.store.jdbc.internal;

import dev.maa.api.StoreFailureException;
import dev.maa.api.StoreUnavailableException;
import dev.maa.core.audit.AuditChain;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;

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

    /** A unit of work that says what it wrote, for the H2 file's {@link TransitionLog}. */
    @FunctionalInterface
    public interface LoggedWork<T> {
        Logged<T> run(Connection connection) throws SQLException;
    }

    /** A logged unit's result and the record of what it wrote; {@code record} null: it wrote nothing. */
    public record Logged<T>(T result, TransitionRecord record) {}

    private static final int MAX_ATTEMPTS = 8;

    private final DataSource dataSource;
    private final String description;
    private final Dialect dialect;
    private final AuditChain auditChain;
    private final GroupSync sync;
    private final TransitionLog log;

    /**
     * For a database whose commits are durable when acknowledged (PostgreSQL, H2 in memory). {@code auditChain}: the
     * keyed chain every audit write and check of this database goes through.
     */
    public Db(DataSource dataSource, String description, Dialect dialect, AuditChain auditChain) {
        this(dataSource, description, dialect, auditChain, false);
    }

    /**
     * With {@code flushCommits}, for a database that acknowledges commits before they are on the disk (the H2
     * file): every write waits after its commit, before it returns, for a {@link GroupSync} flush of H2's
     * {@code CHECKPOINT SYNC}.
     */
    public Db(DataSource dataSource, String description, Dialect dialect, AuditChain auditChain, boolean flushCommits) {
        this(dataSource, description, dialect, auditChain, flushCommits, null);
    }

    /**
     * With a {@code log} (the H2 file opened privately), {@link #inLoggedTransaction} appends to it and waits for its
     * group {@code force} instead of H2's {@code CHECKPOINT SYNC}; other writes keep the group flush.
     */
    public Db(
            DataSource dataSource,
            String description,
            Dialect dialect,
            AuditChain auditChain,
            boolean flushCommits,
            TransitionLog log) {
        this.dataSource = dataSource;
        this.description = description;
        this.dialect = dialect;
        this.auditChain = auditChain;
        this.sync = flushCommits ? new GroupSync(this::flushToDisk) : null;
        this.log = log;
    }

    public AuditChain auditChain() {
        return auditChain;
    }

    public Dialect dialect() {
        return dialect;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Runs {@code work} in a read-write transaction, committing on success and rolling back on any failure, and
     * returns once the commit is durable.
     */
    public <T> T inTransaction(String what, Work<T> work) {
        return durable(run(what, false, work));
    }

    /**
     * {@link #inTransaction} that returns as soon as the database acknowledged the commit, which on the H2 file
     * is before it is on the disk: only for outcomes ({@code RequestStore#recordOutcome}).
     */
    public <T> T inTransactionUnflushed(String what, Work<T> work) {
        return run(what, false, work);
    }

    /**
     * {@link #inTransaction} for the writes the {@link TransitionLog} covers (request inserts, updates and claims):
     * with a log, the commit and the append of {@code work}'s record happen under the log's lock, and a
     * {@code durable} write then waits for the log's group force; without one, as {@link #inTransaction} (or
     * {@link #inTransactionUnflushed} unless {@code durable}).
     */
    public <T> T inLoggedTransaction(String what, boolean durable, LoggedWork<T> work) {
        if (log == null) {
            Work<T> plain = c -> work.run(c).result();
            return durable ? inTransaction(what, plain) : inTransactionUnflushed(what, plain);
        }
        Logged<T> done = retried(what, true, c -> {
            c.setAutoCommit(false);
            boolean committed = false;
            try {
                Logged<T> logged = work.run(c);
                if (logged.record() == null) {
                    c.commit();
                } else {
                    log.commitAndAppend(c, logged.record().encode());
                }
                committed = true;
                return logged;
            } finally {
                restore(c, !committed, false);
            }
        });
        if (durable && done.record() != null) {
            log.awaitForced();
        }
        return done.result();
    }

    /**
     * The transition log's checkpoint (see {@link TransitionLog#checkpoint}); false without a log or with nothing
     * to do.
     */
    public boolean checkpointLog() {
        return log != null && log.checkpoint(this::checkpointSync);
    }

    /** Stops the transition log and deletes it once H2 has everything on the disk; nothing without one. */
    public void closeLog() {
        if (log != null) {
            log.close(this::checkpointSync);
        }
    }

    /** The transition log, if this database has one. */
    public Optional<TransitionLog> transitionLog() {
        return Optional.ofNullable(log);
    }

    /** Runs {@code work} in a read-only transaction that sees one consistent snapshot where the database offers it. */
    public <T> T inSnapshot(String what, Work<T> work) {
        return run(what, true, work);
    }

    /**
     * Runs {@code work}, which issues exactly one statement, in auto-commit mode: the statement is its own
     * transaction, and PostgreSQL commits it in the same round trip. Retried like {@link #inTransaction}.
     */
    public <T> T inOneStatement(String what, Work<T> work) {
        return durable(retried(what, true, work));
    }

    /**
     * H2 writes every change so far to its file and forces the file to the disk. Any failure (a full disk, an I/O
     * error, the database closed by one) is the environment's: the store is unavailable until the disk is fixed.
     */
    private void flushToDisk() {
        if (log != null) {
            // a store of the file, as its only writer (TransitionLog); and not a new database, opened after H2
            // closed the one the log covers
            log.requireDatabase(log.asTheOnlyWriter(this::checkpointSync));
        } else {
            checkpointSync();
        }
    }

    /**
     * Runs {@code CHECKPOINT SYNC} and returns the database it ran on ({@link H2Instance#of}); see flushToDisk.
     *
     * <p>It writes a row first: H2 stores a file only when something changed since its last store, and a store H2
     * started itself (when a transaction left many megabytes unsaved) writes the file in the background; without a
     * change of its own, {@code CHECKPOINT SYNC} could return before that write reached the file.
     */
    private Object checkpointSync() {
        return store("UPDATE maa_h2_checkpoint SET checkpoints = checkpoints + 1", "CHECKPOINT SYNC");
    }

    /** H2's {@code CHECKPOINT}: a store of the file without forcing it (see TransitionLog#storeIfMuchUnsaved). */
    private void checkpoint() {
        store("CHECKPOINT");
    }

    /**
     * Runs {@code statements} on one connection and returns the database they ran on ({@link H2Instance#of}); any
     * failure is the disk's ({@link #notOnDisk}).
     */
    private Object store(String... statements) {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
            return H2Instance.of(c);
        } catch (SQLException e) {
            throw notOnDisk("SQLState " + e.getSQLState(), e);
        }
    }

    /**
     * A write that failed to reach the disk: not acknowledged, and the store fails closed. No URL, path or driver text
     * in the message, which can reach a caller; the cause holds them for the log.
     */
    static StoreUnavailableException notOnDisk(String where, Exception cause) {
        return new StoreUnavailableException(
                "The request store cannot write to its disk (" + where + "); the "
                        + "change was not acknowledged. Free disk space or repair the disk; until then nothing that needs the "
                        + "store runs (fail closed).",
                cause);
    }

    /** How many group flushes this database has run (zero without {@code flushCommits}). */
    public long flushes() {
        return sync == null ? 0 : sync.flushes();
    }

    private <T> T durable(T result) {
        if (sync != null) {
            sync.awaitDurable();
        }
        return result;
    }

    /**
     * A pooled connection; with a transition log, only one to the H2 database the log covers. When H2 has given
     * that database up after a failed write (a full disk), the pool's next connection opens the file again as a
     * second database; nothing may run on it, not even a read (it lacks acknowledged commits, and writes to it on
     * the still-full disk damaged the file in about one full-disk run of six): the store fails closed until it is
     * opened again and the log's replay restores every acknowledged change.
     */
    private Connection connection() throws SQLException {
        Connection c = dataSource.getConnection();
        if (log != null) {
            try {
                log.requireDatabase(H2Instance.of(c));
            } catch (RuntimeException e) {
                c.close();
                throw e;
            }
        }
        return c;
    }

    /** Runs a single read (one statement) in auto-commit mode. */
    public <T> T read(String what, Work<T> work) {
        try (Connection c = connection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw translate(what, e);
        }
    }

    private <T> T run(String what, boolean snapshot, Work<T> work) {
        return retried(what, !snapshot, c -> runIn(c, snapshot, work));
    }

    /**
     * Runs {@code work} on a pooled connection, again while the database reports a transient conflict; work that
     * {@code writes} to an H2 file with a transition log runs as one of the file's writers, never beside a store of
     * it, and first stores the file if H2 holds many unsaved changes ({@link TransitionLog}).
     */
    private <T> T retried(String what, boolean writes, Work<T> work) {
        if (log != null && writes) {
            log.storeIfMuchUnsaved(this::checkpoint);
            return log.asAWriter(() -> retried(what, false, work));
        }
        for (int attempt = 1; ; attempt++) {
            try (Connection c = connection()) {
                return work.run(c);
            } catch (SQLException e) {
                if (attempt < MAX_ATTEMPTS && SqlErrors.isTransient(e)) {
                    Thread.onSpinWait();
                    continue;
                }
                throw translate(what, e);
            }
        }
    }

    /**
     * Connections run at the databases' default, READ COMMITTED; only snapshots change it (and read-only),
     * and restore it. Asking the driver for the current level would cost PostgreSQL a round trip per call.
     */
    private static <T> T runIn(Connection c, boolean snapshot, Work<T> work) throws SQLException {
        c.setAutoCommit(false);
        if (snapshot) {
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
        }
        boolean done = false;
        try {
            T result = work.run(c);
            c.commit();
            done = true;
            return result;
        } finally {
            restore(c, !done, snapshot);
        }
    }

    private static void restore(Connection c, boolean rollback, boolean snapshot) {
        try {
            if (rollback) {
                c.rollback();
            }
            if (snapshot) {
                c.setReadOnly(false);
                c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            }
            c.setAutoCommit(true);
        } catch (SQLException ignored) {
            // the connection is broken: the pool discards it and the database rolls the transaction back;
            // the failure that matters is the one already propagating
        }
    }

    @Override
    public String toString() {
        return description;
    }

    /**
     * Translates a SQL failure: an outage to {@link StoreUnavailableException}, anything else to
     * {@link StoreFailureException}, so no SQL type leaves the store.
     */
    public RuntimeException translate(String what, SQLException e) {
        if (SqlErrors.isUnavailable(e)) {
            // no URL, SQL or driver text in the message: it can reach a caller; the cause holds them for the log
            return new StoreUnavailableException(
                    "The request store is unavailable (" + what + " failed, SQLState " + e.getSQLState() + ").", e);
        }
        return new StoreFailureException(
                "The request store refused " + what + " (SQLState " + e.getSQLState() + ").", e);
    }
}

package dev.maa.store.jdbc.internal;

import dev.maa.api.StoreFailureException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;
import java.util.Set;

/** Classifies SQL failures by what the store should do about them. */
public final class SqlErrors {

    /** SQLSTATE of a unique or primary key violation, the same on H2 and PostgreSQL. */
    public static final String UNIQUE_VIOLATION = "23505";

    // H2 vendor codes: concurrent update of a row, deadlock.
    private static final Set<Integer> H2_TRANSIENT = Set.of(90131, 40001);
    // H2 vendor codes meaning the database is gone or stuck: connection broken, database closed, closed by the
    // VM, file locked by another process, file corrupted, out of memory, I/O errors, lock wait timed out.
    private static final Set<Integer> H2_UNAVAILABLE =
            Set.of(90067, 90098, 90121, 90020, 90030, 90108, 90028, 90031, 50200);

    private SqlErrors() {}

    /** Serialization failures, deadlocks, lock timeouts: nothing was committed, the whole transaction may be retried. */
    public static boolean isTransient(SQLException e) {
        String state = state(e);
        return "40001".equals(state)
                || "40P01".equals(state)
                || H2_TRANSIENT.contains(e.getErrorCode()) && !"08".equals(stateClass(state));
    }

    /**
     * The database cannot be reached, is shutting down, the pool is closed, or a lock wait timed out (someone holds a lock for
     * seconds: retrying would only queue up more callers): fail closed with {@code StoreUnavailableException}.
     */
    public static boolean isUnavailable(SQLException e) {
        if (e.getSQLState() == null && e.getErrorCode() == 0) {
            // not the database's answer (it always gives a SQLState) but the pool's or driver's: a closed pool
            return true;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException
                    || t instanceof java.net.ConnectException) {
                return true;
            }
            if (t instanceof SQLException s) {
                String state = state(s);
                String cls = stateClass(state);
                if ("08".equals(cls)
                        || "57".equals(cls)
                        || "53".equals(cls)
                        || "58".equals(cls)
                        || "55P03".equals(state)
                        || H2_UNAVAILABLE.contains(s.getErrorCode())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A lock wait that timed out: the connection itself is fine. */
    public static boolean isLockTimeout(SQLException e) {
        return "55P03".equals(state(e)) || e.getErrorCode() == 50200;
    }

    /** Whether {@code e} is a unique violation of the index or constraint named {@code name}. */
    public static boolean isUniqueViolation(SQLException e, String name) {
        if (!UNIQUE_VIOLATION.equals(state(e))) {
            return false;
        }
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return name == null || message.contains(name.toLowerCase(Locale.ROOT));
    }

    /** Whether a translated failure ({@link Db#translate}) is a unique violation of {@code name} (any, if null). */
    public static boolean isUniqueViolation(StoreFailureException f, String name) {
        return f.getCause() instanceof SQLException e && isUniqueViolation(e, name);
    }

    private static String state(SQLException e) {
        return e.getSQLState() == null ? "" : e.getSQLState();
    }

    private static String stateClass(String state) {
        return state.length() >= 2 ? state.substring(0, 2) : "";
    }
}

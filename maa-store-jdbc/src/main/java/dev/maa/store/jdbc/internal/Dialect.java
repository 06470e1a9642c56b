package dev.maa.store.jdbc.internal;

import java.util.Locale;

/**
 * The few places where H2 and PostgreSQL differ, kept in one place so the differences stay visible.
 *
 * <p>Everything else (schema, queries, locking with {@code SELECT ... FOR UPDATE}) is shared SQL.
 */
public enum Dialect {

    /** H2 2.x: embedded file database, or in memory for tests. */
    H2("h2", "open_key = ?"),

    /** PostgreSQL 12+: clusters. */
    POSTGRESQL("postgresql", "resource_key = ? AND status IN ('NEEDS_APPROVAL', 'APPROVED', 'COMPLETING')");

    private final String migrationFolder;
    private final String openKeyPredicate;

    Dialect(String migrationFolder, String openKeyPredicate) {
        this.migrationFolder = migrationFolder;
        this.openKeyPredicate = openKeyPredicate;
    }

    /** The dialect of a JDBC URL, or {@code null} if unsupported. */
    public static Dialect ofUrl(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:h2:")) {
            return H2;
        }
        if (lower.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        return null;
    }

    /**
     * The statement that prepares a new pooled connection: how long a statement may wait for a row lock, and on
     * PostgreSQL that prepared statements always run their generic plan. The store's statements are written for
     * generic plans (found by primary key, partial-index predicates as literals; {@code PostgresPlansTest}), and
     * PostgreSQL's own choice goes wrong for them: a connection that planned its first executions on a small table
     * compares later generic plans with those cheap custom ones and, once autovacuum has analyzed the tables,
     * plans every write again on every execution (measured: 40 % of the cycle's throughput lost for good after
     * the first ANALYZE; docs/cluster.md).
     */
    public String sessionSql(long lockTimeoutMillis) {
        return this == H2
                ? "SET LOCK_TIMEOUT " + lockTimeoutMillis
                : "SELECT set_config('lock_timeout', '" + lockTimeoutMillis + "', false), "
                        + "set_config('plan_cache_mode', 'force_generic_plan', false)";
    }

    /** Folder under {@code db/migration/maa/} holding this dialect's migrations, next to {@code common}. */
    public String migrationFolder() {
        return migrationFolder;
    }

    /**
     * The predicate that finds the open request for one resource key using the one-open-per-object index:
     * the generated {@code open_key} column on H2, the partial index's own predicate on PostgreSQL.
     */
    public String openKeyPredicate() {
        return openKeyPredicate;
    }
}

/**
 * The JDBC RequestStore and audit log (embedded H2 file, PostgreSQL). Exports {@code dev.maa.store.jdbc} only.
 */
module dev.maa.store.jdbc {
    requires transitive dev.maa.core;
    requires static dev.maa.policies; // JdbcPolicyRevisionStore only (an optional dependency)
    requires transitive java.sql;
    requires com.zaxxer.hikari;
    requires flyway.core;
    requires com.h2database;
    requires com.fasterxml.jackson.datatype.jsr310;

    exports dev.maa.store.jdbc;
}

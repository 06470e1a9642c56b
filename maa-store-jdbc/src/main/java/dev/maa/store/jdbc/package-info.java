/**
 * The JDBC request store: approval requests and their hash-chained audit log in an H2 file (the embedded
 * default, shared safely by several local processes) or in PostgreSQL (clusters).
 *
 * <p>Start with {@link dev.maa.store.jdbc.JdbcStores}. The database itself enforces what must hold across
 * threads, processes and nodes: one open request per object (a unique index), optimistic versions
 * (conditional updates), one linear audit chain (a locked head row) and exactly-once executor claims
 * (row locks, {@code SKIP LOCKED}). Types under {@code internal} are unstable.
 */
package dev.maa.store.jdbc;

/**
 * Implementation of the JDBC store: SQL, row mapping, the audit chain's storage, error translation.
 *
 * <p>Internal and unstable: use {@link dev.maa.store.jdbc.JdbcStores} and the types of {@code dev.maa.store.jdbc}.
 */
package dev.maa.store.jdbc.internal;

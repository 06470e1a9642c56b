package dev.maa.store.jdbc;

import dev.maa.core.store.ContractStore;
import javax.sql.DataSource;

/**
 * The JDBC store under test, as the JDBC-only contracts of {@link AbstractJdbcStoreTest} see it: the store, its
 * database, and more stores on that database (other nodes, as far as the database can tell).
 */
interface JdbcContractStore extends ContractStore {

    /** The store of this class's database, wiped before each test. */
    JdbcRequestStore jdbc();

    /** The password this class's database accepts. */
    String passwordForReopen();

    default DataSource ds() {
        return jdbc().dataSource();
    }

    /** Settings for another store on this class's database: its URL, user and password. */
    default JdbcStoreSettings.Builder sameDatabase() {
        return JdbcStoreSettings.builder(jdbc().settings().url())
                .user(jdbc().settings().user())
                .password(passwordForReopen());
    }

    /** A second store on this class's database: another node, as far as the database can tell. */
    default JdbcRequestStore reopen() {
        return JdbcStores.open(sameDatabase().poolSize(4).build());
    }
}

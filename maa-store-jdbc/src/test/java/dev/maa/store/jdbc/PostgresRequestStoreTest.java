package dev.maa.store.jdbc;

/** The store contract and the JDBC-only promises on PostgreSQL (embedded server, own database). */
class PostgresRequestStoreTest extends AbstractJdbcStoreTest {

    @Override
    protected JdbcRequestStore openStore() {
        String url = EmbeddedPostgresSupport.newDatabase(EmbeddedPostgresSupport.shared(), "contract");
        return JdbcStores.postgres(url, "postgres", "postgres");
    }

    @Override
    protected String passwordForReopen() {
        return "postgres";
    }
}

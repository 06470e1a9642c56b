package dev.maa.server;

import dev.maa.store.jdbc.JdbcRequestStore;
import dev.maa.store.jdbc.JdbcStores;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** SCIM provisioning into the embedded H2 file (its writes wait for the group flush). */
class ScimProvisioningH2Test extends AbstractScimProvisioningTest {

    @TempDir
    Path dir;

    @Override
    JdbcRequestStore openStore() {
        return JdbcStores.h2File(dir.resolve("maa"));
    }
}

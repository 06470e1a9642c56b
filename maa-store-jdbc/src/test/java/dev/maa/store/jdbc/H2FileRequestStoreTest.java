package dev.maa.store.jdbc;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The store contract and the JDBC-only promises on an H2 file, as the embedded default uses it. */
class H2FileRequestStoreTest extends AbstractJdbcStoreTest {

    @TempDir
    static Path directory;

    @Override
    protected JdbcRequestStore openStore() {
        return JdbcStores.h2File(directory.resolve("maa"));
    }

    @Override
    public String passwordForReopen() {
        return JdbcStores.h2FileSettings(directory.resolve("maa")).build().password();
    }
}

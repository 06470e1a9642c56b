package dev.maa.server;

import dev.maa.core.config.ConfigSection;
import dev.maa.store.jdbc.JdbcRequestStore;
import dev.maa.store.jdbc.JdbcStoreSettings;
import dev.maa.store.jdbc.JdbcStores;
import java.nio.file.Path;

/**
 * The {@code store} section of {@code maa serve}'s config: where requests and the audit log live, and how long
 * they are kept. maa-store-jdbc owns the section and reads it ({@link JdbcStoreSettings#fromConfig}, which lists
 * the keys); durations take the one grammar ({@code 1h}, {@code 7d}, {@code P2555D}).
 *
 * @param h2Path the H2 file, when there is no {@code url}; otherwise null
 * @param jdbc   the checked store settings: URL, credentials, pool, retention, purge, outcomes
 */
public record StoreSettings(Path h2Path, JdbcStoreSettings jdbc) {

    /** The embedded default: an H2 file at {@code h2Path}, default pool, retention and purge. */
    public static StoreSettings h2(Path h2Path) {
        return new StoreSettings(h2Path, JdbcStores.h2FileSettings(h2Path).build());
    }

    /** Opens the store (pool, migrations); fails closed if the database is unreachable. */
    public JdbcRequestStore open() {
        return JdbcStores.open(jdbc);
    }

    /** Reads a {@code store} section; a bad value stops {@code maa serve} at start-up with the key that holds it. */
    static StoreSettings from(ConfigSection store, Path home) {
        JdbcStoreSettings jdbc = JdbcStoreSettings.fromConfig(store, home, System::getenv);
        return new StoreSettings(store.has("url") ? null : JdbcStoreSettings.h2Path(store, home), jdbc);
    }
}

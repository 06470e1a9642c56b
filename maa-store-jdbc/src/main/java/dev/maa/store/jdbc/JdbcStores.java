package dev.maa.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import dev.maa.api.MaaConfigurationException;
import dev.maa.api.StoreUnavailableException;
import dev.maa.core.audit.AuditChain;
import dev.maa.core.audit.AuditKey;
import dev.maa.store.jdbc.internal.Db;
import dev.maa.store.jdbc.internal.Dialect;
import dev.maa.store.jdbc.internal.EvictBrokenConnections;
import dev.maa.store.jdbc.internal.Migrations;
import dev.maa.store.jdbc.internal.SqlErrors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens {@link JdbcRequestStore}s: an H2 file (the embedded default), PostgreSQL, or whatever a JDBC URL names.
 * Each store owns a HikariCP pool, brings the schema up to date on open, and closes the pool on
 * {@link JdbcRequestStore#close()}.
 */
public final class JdbcStores {

    private static final AtomicInteger POOLS = new AtomicInteger();

    /**
     * H2 re-parses a statement that is not among the last few a session prepared (8 by default); a request
     * transition uses about a dozen distinct statements, so the default would parse nearly every one again.
     */
    private static final String H2_SETTINGS = ";QUERY_CACHE_SIZE=64";

    private JdbcStores() {
    }

    /** {@code ~/.maa/maa}: the embedded default's database file ({@code maa.mv.db} in {@code ~/.maa}). */
    public static Path defaultH2Path() {
        return Path.of(System.getProperty("user.home"), ".maa", "maa");
    }

    /** The H2 file store at {@link #defaultH2Path()}. */
    public static JdbcRequestStore h2File() {
        return h2File(defaultH2Path());
    }

    /**
     * An H2 file store at {@code path} (without the {@code .mv.db} suffix, which is tolerated). Uses H2's
     * automatic mixed mode: the first process opens the file and serves it to the others over loopback, so
     * several local {@code maa} processes share one database safely.
     */
    public static JdbcRequestStore h2File(Path path) {
        return open(h2FileSettings(path).build());
    }

    /** The settings {@link #h2File(Path)} opens with, to change pool, retention and the like before opening. */
    public static JdbcStoreSettings.Builder h2FileSettings(Path path) {
        return JdbcStoreSettings.builder(h2FileUrl(path)).user("sa").password("");
    }

    /** The URL {@link #h2File(Path)} connects to. */
    public static String h2FileUrl(Path path) {
        Objects.requireNonNull(path, "path");
        Path absolute = path.toAbsolutePath().normalize();
        String name = absolute.getFileName().toString();
        if (name.endsWith(".mv.db")) {
            absolute = absolute.resolveSibling(name.substring(0, name.length() - ".mv.db".length()));
        }
        try {
            Files.createDirectories(absolute.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the directory of the H2 store " + absolute, e);
        }
        return "jdbc:h2:file:" + absolute + ";AUTO_SERVER=TRUE" + H2_SETTINGS + ";CACHE_SIZE=" + h2CacheKb();
    }

    /**
     * H2's page cache for the file store, in KB: an eighth of the maximum heap, between H2's default of 64 MB and
     * 256 MB. With H2's default a store of ~100,000 requests no longer fits, and every transition then re-reads
     * index pages from the file (measured: the park → approve → complete cycle falls from ~2,100/s to ~1,600/s
     * as the store grows; with 256 MB it stays above 2,000/s). Override with {@code ;CACHE_SIZE=} in a URL.
     */
    static long h2CacheKb() {
        long eighth = Runtime.getRuntime().maxMemory() / 8 / 1024;
        return Math.max(64L * 1024, Math.min(256L * 1024, eighth));
    }

    /** A private in-memory H2 store, dropped on close: for tests. */
    public static JdbcRequestStore h2InMemory(String name) {
        if (name == null || !name.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("An in-memory store name is letters, digits, '_' and '-', was " + name);
        }
        return open(JdbcStoreSettings.builder("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1" + H2_SETTINGS)
                .user("sa").password("").shutdownOnClose(true).auditKey(InMemoryKey.KEY).build());
    }

    /** A PostgreSQL store, e.g. {@code postgres("jdbc:postgresql://db:5432/maa", "maa", secret)}. */
    public static JdbcRequestStore postgres(String url, String user, String password) {
        Objects.requireNonNull(url, "url");
        if (Dialect.ofUrl(url) != Dialect.POSTGRESQL) {
            throw new MaaConfigurationException("Not a PostgreSQL URL: " + JdbcStoreSettings.builder(url).build().redactedUrl()
                    + "; expected jdbc:postgresql://<host>:<port>/<database>");
        }
        return open(JdbcStoreSettings.builder(url).user(user).password(password).build());
    }

    /** A store for any supported URL: {@code jdbc:h2:...} or {@code jdbc:postgresql:...}. */
    public static JdbcRequestStore fromUrl(String url, String user, String password) {
        return open(JdbcStoreSettings.builder(url).user(user).password(password).build());
    }

    /** A store for a URL that carries its own credentials, if any. */
    public static JdbcRequestStore fromUrl(String url) {
        return fromUrl(url, null, null);
    }

    /** Opens a store: pool, then migrations (unless disabled). Fails closed if the database is unreachable. */
    public static JdbcRequestStore open(JdbcStoreSettings settings) {
        Objects.requireNonNull(settings, "settings");
        Dialect dialect = settings.dialect();
        String description = settings.redactedUrl() + (settings.user() == null ? "" : " (user " + settings.user() + ")");
        HikariDataSource pool = pool(settings, dialect, description);
        try {
            if (settings.migrate()) {
                Migrations.migrate(pool, dialect, description);
            }
            AuditKey key = settings.auditKey() != null ? settings.auditKey()
                    : AuditKey.resolve(keyHome(settings.url()));
            return new JdbcRequestStore(settings, pool, new Db(pool, description, dialect, AuditChain.keyed(key)));
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /** One random audit key per JVM for in-memory databases, which cannot outlive it: nothing written to disk. */
    private static final class InMemoryKey {
        static final AuditKey KEY = AuditKey.random();
    }

    /** Where the audit key file lives by default: beside an H2 file store, else in the MAA home. */
    private static Path keyHome(String url) {
        String prefix = "jdbc:h2:file:";
        if (url.startsWith(prefix)) {
            int end = url.indexOf(';');
            Path parent = Path.of(url.substring(prefix.length(), end < 0 ? url.length() : end)).getParent();
            if (parent != null) {
                return parent;
            }
        }
        return AuditKey.defaultHome();
    }

    private static HikariDataSource pool(JdbcStoreSettings settings, Dialect dialect, String description) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("maa-store-" + POOLS.incrementAndGet());
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(Math.min(2, settings.poolSize()));
        long timeout = settings.connectionTimeout().toMillis();
        config.setConnectionTimeout(timeout);
        config.setValidationTimeout(Math.min(timeout, 5_000));
        config.setInitializationFailTimeout(timeout);
        config.setExceptionOverrideClassName(EvictBrokenConnections.class.getName());
        // a lock held for longer (e.g. on the audit head) fails closed instead of queueing callers for ever
        config.setConnectionInitSql(dialect.sessionSql(settings.lockTimeout().toMillis()));
        if (dialect == Dialect.POSTGRESQL) {
            // fail over to "unavailable" within the connection timeout instead of the driver's own 10 s
            config.addDataSourceProperty("connectTimeout", Math.max(1, timeout / 1000));
            config.addDataSourceProperty("tcpKeepAlive", true);
            // a batch of inserts (the audit sealer's) becomes one multi-row statement instead of one per row
            config.addDataSourceProperty("reWriteBatchedInserts", true);
        }
        try {
            return new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            String reason = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
            if (e.getCause() instanceof SQLException s && !SqlErrors.isUnavailable(s)) {
                throw new MaaConfigurationException("Cannot open request store " + description + ": " + reason
                        + ". Check the URL, user and password.", e);
            }
            throw new StoreUnavailableException("Request store " + description + " is unavailable (cannot connect: "
                    + reason + ").", e);
        }
    }
}

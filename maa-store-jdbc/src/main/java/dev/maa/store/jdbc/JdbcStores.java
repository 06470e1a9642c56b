package dev.maa.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import dev.maa.api.MaaConfigurationException;
import dev.maa.api.StoreUnavailableException;
import dev.maa.core.audit.AuditChain;
import dev.maa.core.audit.AuditKey;
import dev.maa.core.config.MaaHome;
import dev.maa.store.jdbc.internal.Db;
import dev.maa.store.jdbc.internal.Dialect;
import dev.maa.store.jdbc.internal.EvictBrokenConnections;
import dev.maa.store.jdbc.internal.H2Files;
import dev.maa.store.jdbc.internal.Migrations;
import dev.maa.store.jdbc.internal.SqlErrors;
import dev.maa.store.jdbc.internal.TransitionLog;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
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

    private static final String AUTO_SERVER = ";AUTO_SERVER=TRUE";
    /** H2's own {@code WRITE_DELAY}: its background writer stores the file at most this long after a commit. */
    private static final int H2_DEFAULT_WRITE_DELAY_MS = 500;

    /** H2's "database may be already in use": another process holds the file. */
    private static final int H2_FILE_IN_USE = 90020;

    static {
        // H2 reads this once, when its classes load: a shared store's listener binds to loopback, never to every
        // interface (H2's automatic mixed mode accepts remote clients otherwise). Checked before each shared open.
        if (System.getProperty("h2.bindAddress") == null) {
            System.setProperty("h2.bindAddress", "127.0.0.1");
        }
    }

    private JdbcStores() {}

    /** {@code <home>/maa}: the embedded default's database file ({@code maa.mv.db} in the {@link MaaHome}). */
    public static Path defaultH2Path() {
        return MaaHome.resolve().resolve("maa");
    }

    /** The H2 file store at {@link #defaultH2Path()}. */
    public static JdbcRequestStore h2File() {
        return h2File(defaultH2Path());
    }

    /**
     * An H2 file store at {@code path} (without the {@code .mv.db} suffix, which is tolerated), private to this
     * process unless another process already shares it (see {@link #h2File(Path, boolean)}).
     */
    public static JdbcRequestStore h2File(Path path) {
        return h2File(path, false);
    }

    /**
     * An H2 file store at {@code path}, private to the OS user: its directory is mode 0700, its files 0600, and
     * the database has a random password in {@code <path>.password} (0600); looser modes are refused at start.
     *
     * <p>Without {@code share} this process opens the file alone and listens on no port; if another process
     * already shares it, this one joins it. With {@code share} (H2's automatic mixed mode) the first process to
     * open the file serves it to the others on a loopback port (never another interface), which they reach with
     * the key in {@code <path>.lock.db} and the password, both readable by the owning user only: how a host and
     * {@code maa serve}, or the {@code maa} command, use one embedded store at the same time. Anything beyond one
     * machine needs PostgreSQL.
     */
    public static JdbcRequestStore h2File(Path path, boolean share) {
        return open(h2FileSettings(path, share).build());
    }

    /** The settings {@link #h2File(Path)} opens with, to change pool, retention and the like before opening. */
    public static JdbcStoreSettings.Builder h2FileSettings(Path path) {
        return h2FileSettings(path, false);
    }

    /**
     * The settings {@link #h2File(Path, boolean)} opens with: creates the directory (0700) and the password, and
     * checks the modes of what exists.
     *
     * @throws MaaConfigurationException if the directory or a file of the store is open to other users
     */
    public static JdbcStoreSettings.Builder h2FileSettings(Path path, boolean share) {
        Objects.requireNonNull(path, "path");
        String password = H2Files.prepare(H2Files.base(path));
        return JdbcStoreSettings.builder(h2FileUrl(path, share)).user("sa").password(password);
    }

    /** The URL {@link #h2File(Path)} connects to. */
    public static String h2FileUrl(Path path) {
        return h2FileUrl(path, false);
    }

    /**
     * The URL {@link #h2File(Path, boolean)} connects to. Unshared, {@code DB_CLOSE_ON_EXIT=FALSE}: the store closes
     * H2 itself, in order (jobs stopped, audit sealed, then the pool), instead of H2's shutdown hook closing it
     * under the store's feet; every acknowledged write is on the disk whenever the process ends. (H2 refuses that
     * setting in its automatic mixed mode, so a shared store keeps H2's hook.)
     */
    public static String h2FileUrl(Path path, boolean share) {
        Objects.requireNonNull(path, "path");
        return "jdbc:h2:file:" + H2Files.base(path) + (share ? AUTO_SERVER : ";DB_CLOSE_ON_EXIT=FALSE") + H2_SETTINGS
                + ";CACHE_SIZE=" + h2CacheKb();
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
                .user("sa")
                .password("")
                .shutdownOnClose(true)
                .auditKey(InMemoryKey.KEY)
                .build());
    }

    /** A PostgreSQL store, e.g. {@code postgres("jdbc:postgresql://db:5432/maa", "maa", secret)}. */
    public static JdbcRequestStore postgres(String url, String user, String password) {
        Objects.requireNonNull(url, "url");
        if (Dialect.ofUrl(url) != Dialect.POSTGRESQL) {
            throw new MaaConfigurationException("Not a PostgreSQL URL: "
                    + JdbcStoreSettings.builder(url).build().redactedUrl()
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

    /**
     * Opens a store: pool, then migrations (unless disabled), then, for an H2 file, the replay of the transition log a
     * crash left (before the store serves anything). Fails closed if the database is unreachable.
     */
    public static JdbcRequestStore open(JdbcStoreSettings settings) {
        Objects.requireNonNull(settings, "settings");
        Dialect dialect = settings.dialect();
        String description =
                settings.redactedUrl() + (settings.user() == null ? "" : " (user " + settings.user() + ")");
        Path h2Base = h2FileBase(settings.url());
        if (h2Base != null && settings.url().contains(AUTO_SERVER)) {
            requireLoopbackListener(description);
        }
        HikariDataSource pool = poolJoiningASharedH2File(settings, dialect, description, h2Base);
        TransitionLog log = null;
        Connection keepOpen = null;
        try {
            if (h2Base != null) {
                H2Files.restrictAll(h2Base);
            }
            if (settings.migrate()) {
                Migrations.migrate(pool, dialect, description);
            }
            AuditKey key = settings.auditKey() != null ? settings.auditKey() : AuditKey.resolve(keyHome(h2Base));
            // a file this process opened alone gets a transition log; a shared one keeps the group flush
            log = h2Base != null && !pool.getJdbcUrl().contains(AUTO_SERVER) ? TransitionLog.open(h2Base) : null;
            keepOpen = log == null ? null : keepOpen(pool, settings, description);
            if (h2Base != null) {
                backgroundWrites(keepOpen, pool, log != null, description);
            }
            Db db = new Db(pool, description, dialect, AuditChain.keyed(key), h2Base != null, log);
            if (log != null) {
                log.recover(db);
            } else if (h2Base != null) {
                TransitionLog.recoverLeftovers(h2Base, db);
            }
            return new JdbcRequestStore(settings, pool, db, keepOpen);
        } catch (RuntimeException e) {
            if (log != null) {
                log.abandon();
            }
            pool.close();
            closeQuietly(keepOpen);
            throw e;
        }
    }

    /**
     * Turns H2's background writer off for a file with a transition log (its checkpoint writes the file instead,
     * see {@link TransitionLog}) and back on, at H2's default, for a shared file. H2 keeps the setting in the file,
     * hence both ways.
     */
    private static void backgroundWrites(Connection keepOpen, HikariDataSource pool, boolean off, String description) {
        String sql = "SET WRITE_DELAY " + (off ? TransitionLog.BACKGROUND_WRITES_OFF : H2_DEFAULT_WRITE_DELAY_MS);
        try {
            if (keepOpen != null) {
                try (Statement s = keepOpen.createStatement()) {
                    s.execute(sql);
                }
            } else {
                try (Connection c = pool.getConnection();
                        Statement s = c.createStatement()) {
                    s.execute(sql);
                }
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException(
                    "Request store " + description + " cannot run " + sql + " (" + e.getMessage()
                            + "); the store's H2 user must be an administrator of the file (the default user sa is).",
                    e);
        }
    }

    /** A connection outside the pool to the H2 file behind {@code pool}, which keeps H2's database open (see JdbcRequestStore). */
    private static Connection keepOpen(HikariDataSource pool, JdbcStoreSettings settings, String description) {
        try {
            return DriverManager.getConnection(pool.getJdbcUrl(), settings.user(), settings.password());
        } catch (SQLException e) {
            throw new StoreUnavailableException(
                    "Request store " + description + " is unavailable (cannot connect: " + e.getMessage() + ")", e);
        }
    }

    static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException ignored) {
            // the database is closed already
        }
    }

    /** One random audit key per JVM for in-memory databases, which cannot outlive it: nothing written to disk. */
    private static final class InMemoryKey {
        static final AuditKey KEY = AuditKey.random();
    }

    /** Where the audit key file lives by default: beside an H2 file store, else in the MAA home. */
    private static Path keyHome(Path h2Base) {
        return h2Base != null && h2Base.getParent() != null ? h2Base.getParent() : MaaHome.resolve();
    }

    /**
     * The pool; for an H2 file that another process holds and shares, a pool of clients of that process. A file
     * held by a process that does not share it is refused with what to do.
     */
    private static HikariDataSource poolJoiningASharedH2File(
            JdbcStoreSettings settings, Dialect dialect, String description, Path h2Base) {
        try {
            return pool(settings, settings.url(), dialect, description);
        } catch (MaaConfigurationException | StoreUnavailableException e) {
            if (h2Base == null
                    || !(e.getCause() instanceof HikariPool.PoolInitializationException p)
                    || !(p.getCause() instanceof SQLException s)
                    || s.getErrorCode() != H2_FILE_IN_USE) {
                throw e;
            }
            if (settings.url().contains(AUTO_SERVER)) {
                throw inUse(h2Base, e);
            }
            requireLoopbackListener(description);
            try {
                return pool(
                        settings,
                        settings.url().replace(";DB_CLOSE_ON_EXIT=FALSE", "") + AUTO_SERVER,
                        dialect,
                        description);
            } catch (RuntimeException again) {
                throw inUse(h2Base, again);
            }
        }
    }

    private static MaaConfigurationException inUse(Path h2Base, RuntimeException e) {
        return new MaaConfigurationException(
                "The embedded store " + h2Base + ".mv.db is open in another process that "
                        + "does not share it. Stop that process, or open the store shared in both (JdbcStores.h2File(path, "
                        + "true); maa serve: store.h2_shared: true), or let the maa command talk to maa serve with --server. "
                        + "Stores shared beyond one machine need PostgreSQL.",
                e);
    }

    private static void requireLoopbackListener(String description) {
        String bind = org.h2.engine.SysProperties.BIND_ADDRESS;
        try {
            if (bind != null && java.net.InetAddress.getByName(bind).isLoopbackAddress()) {
                return;
            }
        } catch (java.net.UnknownHostException e) {
            // refused below
        }
        throw new MaaConfigurationException(
                "Cannot share the embedded store " + description + ": H2 would listen on "
                        + (bind == null ? "every interface" : bind)
                        + ", not on loopback only (H2 was loaded before MAA set "
                        + "-Dh2.bindAddress=127.0.0.1). Start the JVM with -Dh2.bindAddress=127.0.0.1, or do not share the store.");
    }

    /** The base path of an H2 file URL ({@code jdbc:h2:file:<path>;...}), or null for anything else. */
    static Path h2FileBase(String url) {
        if (!url.regionMatches(true, 0, "jdbc:h2:file:", 0, "jdbc:h2:file:".length())) {
            return null;
        }
        String rest = url.substring("jdbc:h2:file:".length());
        int semicolon = rest.indexOf(';');
        return H2Files.base(Path.of(semicolon < 0 ? rest : rest.substring(0, semicolon)));
    }

    private static HikariDataSource pool(JdbcStoreSettings settings, String url, Dialect dialect, String description) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("maa-store-" + POOLS.incrementAndGet());
        config.setJdbcUrl(url);
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
                throw new MaaConfigurationException(
                        "Cannot open request store " + description + ": " + reason
                                + ". Check the URL, user and password.",
                        e);
            }
            throw new StoreUnavailableException(
                    "Request store " + description + " is unavailable (cannot connect: " + reason + ").", e);
        }
    }
}

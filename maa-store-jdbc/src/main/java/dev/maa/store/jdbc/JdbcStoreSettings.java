package dev.maa.store.jdbc;

import dev.maa.api.MaaConfigurationException;
import dev.maa.core.audit.AuditKey;
import dev.maa.core.config.ConfigSection;
import dev.maa.store.jdbc.internal.Dialect;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Connection, pool and retention settings of a {@link JdbcRequestStore}. Immutable; build with
 * {@link #builder(String)}, whose setters fail fast and name the setting.
 */
public final class JdbcStoreSettings {

    /** Audit retention when not configured: 7 years (P2555D), as in Intune's multi-admin approval settings. */
    public static final Duration DEFAULT_AUDIT_RETENTION = Duration.ofDays(2555);

    /** How long a caller waits for a connection before the store is reported unavailable. */
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(5);

    public static final int DEFAULT_POOL_SIZE = 10;

    /** How long a statement waits for a row lock (the audit head, a request) before the store reports unavailable. */
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(10);

    /** How often a store chains the audit events that transitions staged (see {@link JdbcAuditLog#seal()}). */
    public static final Duration DEFAULT_AUDIT_SEAL_INTERVAL = Duration.ofMillis(200);

    /** How often a store purges what is past retention (one store of a cluster at a time, under a job lease). */
    public static final Duration DEFAULT_PURGE_INTERVAL = Duration.ofHours(1);

    /** How often the H2 file's transition log is checkpointed into the file (see {@link #logCheckpointInterval()}). */
    public static final Duration DEFAULT_LOG_CHECKPOINT_INTERVAL = Duration.ofSeconds(1);

    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)(password=)[^&;]*");

    private final String url;
    private final String user;
    private final String password;
    private final int poolSize;
    private final Duration connectionTimeout;
    private final Duration lockTimeout;
    private final Duration auditRetention;
    private final Duration requestRetention;
    private final Duration auditSealInterval;
    private final Duration purgeInterval;
    private final Duration logCheckpointInterval;
    private final boolean durableOutcomes;
    private final boolean migrate;
    private final boolean shutdownOnClose;
    private final AuditKey auditKey;

    private JdbcStoreSettings(Builder b) {
        url = b.url;
        user = b.user;
        password = b.password;
        poolSize = b.poolSize;
        connectionTimeout = b.connectionTimeout;
        lockTimeout = b.lockTimeout;
        auditRetention = b.auditRetention;
        requestRetention = b.requestRetention == null ? b.auditRetention : b.requestRetention;
        auditSealInterval = b.auditSealInterval;
        logCheckpointInterval = b.logCheckpointInterval;
        purgeInterval = b.purgeInterval;
        durableOutcomes = b.durableOutcomes;
        migrate = b.migrate;
        shutdownOnClose = b.shutdownOnClose;
        auditKey = b.auditKey;
    }

    /** The keys of the {@code store:} section of {@code maa.yaml} (see {@link #fromConfig}). */
    public static final Set<String> CONFIG_KEYS = Set.of(
            "url",
            "user",
            "password_env",
            "h2_path",
            "h2_shared",
            "pool_size",
            "audit_retention",
            "request_retention",
            "purge_interval",
            "durable_outcomes");

    /** Settings for a JDBC URL ({@code jdbc:h2:...} or {@code jdbc:postgresql:...}). */
    public static Builder builder(String url) {
        return new Builder(url);
    }

    /**
     * Reads the {@code store:} section of {@code maa.yaml}; every value is checked here, so a bad one stops start-up
     * with {@code file: store.key: problem}. Durations take the one grammar ({@code 1h}, {@code 7d}, {@code P2555D}).
     *
     * <pre>{@code
     * store:
     *   h2_path: ~/.maa/maa               # the embedded default (directory 0700, files 0600, a random password)
     *   h2_shared: false                  # true: other local processes may use it, through a loopback port
     *   url: jdbc:postgresql://db/maa     # or a PostgreSQL database shared by a cluster,
     *   user: maa                         #   with password_env: the variable holding the password
     *   pool_size: 10                     # connections, 1 to 500
     *   audit_retention: 7d               # audit entries older than this are purged (default P2555D, 7 years)
     *   request_retention: 365d           # closed requests, after their last change (default: audit_retention)
     *   purge_interval: 1h                # how often one node of the cluster purges; 0: never
     *   durable_outcomes: false           # wait for the disk when recording an outcome
     * }</pre>
     *
     * @param home the MAA home: a relative {@code h2_path} is under it, and the default is {@code home/maa}
     * @param env  the environment ({@code System::getenv}), for {@code password_env}
     */
    public static JdbcStoreSettings fromConfig(ConfigSection store, Path home, Function<String, String> env) {
        store.requireKnownKeys(CONFIG_KEYS);
        Optional<String> url = store.string("url");
        Builder b;
        if (url.isEmpty()) {
            b = JdbcStores.h2FileSettings(h2Path(store, home), store.bool("h2_shared", false));
        } else {
            b = apply(store, "url", () -> builder(url.get()));
            b.user(store.string("user", null))
                    .password(store.secretFromEnv("password_env", env).orElse(null));
        }
        store.integer("pool_size", 1, 500).ifPresent(n -> b.poolSize(n));
        set(store, "audit_retention", b::auditRetention);
        set(store, "request_retention", b::requestRetention);
        set(store, "purge_interval", b::purgeInterval);
        store.bool("durable_outcomes").ifPresent(b::durableOutcomes);
        return b.build();
    }

    /** The H2 file the {@code store:} section names: {@code h2_path}, else {@code home/maa}. */
    public static Path h2Path(ConfigSection store, Path home) {
        return store.path("h2_path", home).orElse(home.resolve("maa"));
    }

    private static void set(ConfigSection store, String key, Consumer<Duration> setter) {
        store.duration(key)
                .ifPresent(d -> apply(store, key, () -> {
                    setter.accept(d);
                    return null;
                }));
    }

    /** Runs a builder step; the configuration error it raises is reported under the key. */
    private static <T> T apply(ConfigSection store, String key, Supplier<T> step) {
        try {
            return step.get();
        } catch (MaaConfigurationException e) {
            throw store.error(key, e.getMessage());
        }
    }

    public String url() {
        return url;
    }

    /** The URL with any password parameter masked: safe for messages and logs. */
    public String redactedUrl() {
        return PASSWORD_PARAM.matcher(url).replaceAll("$1***");
    }

    public String user() {
        return user;
    }

    String password() {
        return password;
    }

    public int poolSize() {
        return poolSize;
    }

    public Duration connectionTimeout() {
        return connectionTimeout;
    }

    public Duration lockTimeout() {
        return lockTimeout;
    }

    /** How long audit entries are kept before {@link JdbcRequestStore#purge} may delete them. */
    public Duration auditRetention() {
        return auditRetention;
    }

    /** How long requests in a final status are kept after their last transition; defaults to the audit retention. */
    public Duration requestRetention() {
        return requestRetention;
    }

    /**
     * How often the store chains staged audit events in the background; zero: only when the audit log is read
     * (every read, verify and export seals first, so nothing is ever missing, only later tamper-evident).
     */
    public Duration auditSealInterval() {
        return auditSealInterval;
    }

    /**
     * How often the store runs {@link JdbcRequestStore#purge} in the background, if it holds the cluster-wide
     * purge lease; zero: never (call {@code purge} yourself). The first run is one minute after opening.
     */
    public Duration purgeInterval() {
        return purgeInterval;
    }

    /**
     * How often an H2 file opened privately checkpoints its transition log (H2's {@code CHECKPOINT SYNC}, then the
     * log's older segments are deleted); zero: only when the store opens and closes, for tests of the replay. The
     * log's size between checkpoints is what a restart after a crash replays (docs/cluster.md).
     */
    public Duration logCheckpointInterval() {
        return logCheckpointInterval;
    }

    /**
     * Whether recording the outcome of an executed request waits until it is durable. Off by default: the outcome
     * is then committed without waiting for the disk (on PostgreSQL the WAL flush, on the H2 file its group
     * flush: one of the four flushes a request's life needs), and a crash within that flush interval leaves the
     * request COMPLETING until its lease ends, then FAILED with "outcome unknown": what a node crash right after
     * the call gives anyway. Every other write, the claim before a call among them, always waits.
     */
    public boolean durableOutcomes() {
        return durableOutcomes;
    }

    /** Whether opening the store brings the schema up to date (Flyway). */
    public boolean migrate() {
        return migrate;
    }

    boolean shutdownOnClose() {
        return shutdownOnClose;
    }

    /** The audit chain's key, or {@code null}: then {@link JdbcStores#open} resolves it ({@link AuditKey#resolve}). */
    public AuditKey auditKey() {
        return auditKey;
    }

    Dialect dialect() {
        return Dialect.ofUrl(url);
    }

    @Override
    public String toString() {
        return "JdbcStoreSettings[url=" + redactedUrl() + ", user=" + user + ", poolSize=" + poolSize
                + ", connectionTimeout=" + connectionTimeout + ", lockTimeout=" + lockTimeout + ", auditRetention="
                + auditRetention
                + ", requestRetention=" + requestRetention + ", auditSealInterval=" + auditSealInterval
                + ", purgeInterval=" + purgeInterval + ", durableOutcomes=" + durableOutcomes + ", migrate=" + migrate
                + "]";
    }

    /** Validating builder. */
    public static final class Builder {
        private final String url;
        private String user;
        private String password;
        private int poolSize = DEFAULT_POOL_SIZE;
        private Duration connectionTimeout = DEFAULT_CONNECTION_TIMEOUT;
        private Duration lockTimeout = DEFAULT_LOCK_TIMEOUT;
        private Duration auditRetention = DEFAULT_AUDIT_RETENTION;
        private Duration requestRetention;
        private Duration auditSealInterval = DEFAULT_AUDIT_SEAL_INTERVAL;
        private Duration purgeInterval = DEFAULT_PURGE_INTERVAL;
        private Duration logCheckpointInterval = DEFAULT_LOG_CHECKPOINT_INTERVAL;
        private boolean durableOutcomes;
        private boolean migrate = true;
        private boolean shutdownOnClose;
        private AuditKey auditKey;

        private Builder(String url) {
            Objects.requireNonNull(url, "url");
            if (Dialect.ofUrl(url) == null) {
                throw new MaaConfigurationException("Unsupported request store URL '"
                        + PASSWORD_PARAM.matcher(url).replaceAll("$1***") + "': use jdbc:h2:file:<path> (embedded) or "
                        + "jdbc:postgresql://<host>:<port>/<database>.");
            }
            this.url = url;
        }

        public Builder user(String v) {
            user = v;
            return this;
        }

        public Builder password(String v) {
            password = v;
            return this;
        }

        public Builder poolSize(int v) {
            if (v < 1 || v > 500) {
                throw new MaaConfigurationException("poolSize must be between 1 and 500, was " + v);
            }
            poolSize = v;
            return this;
        }

        public Builder connectionTimeout(Duration v) {
            if (v == null || v.toMillis() < 250) {
                throw new MaaConfigurationException("connectionTimeout must be at least 250 ms, was " + v);
            }
            connectionTimeout = v;
            return this;
        }

        public Builder lockTimeout(Duration v) {
            if (v == null || v.toMillis() < 100) {
                throw new MaaConfigurationException("lockTimeout must be at least 100 ms, was " + v);
            }
            lockTimeout = v;
            return this;
        }

        /** Audit retention, e.g. {@code Duration.parse("P2555D")}. */
        public Builder auditRetention(Duration v) {
            auditRetention = positive("auditRetention", v);
            return this;
        }

        public Builder requestRetention(Duration v) {
            requestRetention = positive("requestRetention", v);
            return this;
        }

        /** Background sealing of staged audit events: 10 ms to 1 minute, or zero to seal only on reads. */
        public Builder auditSealInterval(Duration v) {
            auditSealInterval = zeroOrBetween(
                    "auditSealInterval",
                    v,
                    Duration.ofMillis(10),
                    Duration.ofMinutes(1),
                    "zero (seal on read only) or between 10 ms and 1 minute");
            return this;
        }

        /** Background retention purges: 1 second to 7 days, or zero to purge only when asked. */
        public Builder purgeInterval(Duration v) {
            purgeInterval = zeroOrBetween(
                    "purgeInterval",
                    v,
                    Duration.ofSeconds(1),
                    Duration.ofDays(7),
                    "zero (purge only when asked) or between 1 second and 7 days, such as 1h");
            return this;
        }

        /** See {@link JdbcStoreSettings#logCheckpointInterval()}: 100 ms to 1 minute, or zero. */
        public Builder logCheckpointInterval(Duration v) {
            logCheckpointInterval = zeroOrBetween(
                    "logCheckpointInterval",
                    v,
                    Duration.ofMillis(100),
                    Duration.ofMinutes(1),
                    "zero (only at open and close) or between 100 ms and 1 minute");
            return this;
        }

        /** See {@link JdbcStoreSettings#durableOutcomes()}. */
        public Builder durableOutcomes(boolean v) {
            durableOutcomes = v;
            return this;
        }

        public Builder migrate(boolean v) {
            migrate = v;
            return this;
        }

        /** The key of the audit chain; every node of a cluster needs the same one (see {@link AuditKey}). */
        public Builder auditKey(AuditKey v) {
            auditKey = Objects.requireNonNull(v, "auditKey");
            return this;
        }

        /** For in-memory H2: drop the database when the store closes. */
        Builder shutdownOnClose(boolean v) {
            shutdownOnClose = v;
            return this;
        }

        private static Duration zeroOrBetween(String name, Duration v, Duration min, Duration max, String allowed) {
            if (v == null || v.isNegative() || !v.isZero() && (v.compareTo(min) < 0 || v.compareTo(max) > 0)) {
                throw new MaaConfigurationException(name + " must be " + allowed + ", was " + v);
            }
            return v;
        }

        private static Duration positive(String name, Duration v) {
            if (v == null || v.isNegative() || v.isZero()) {
                throw new MaaConfigurationException(
                        name + " must be a positive duration such as 7d or P2555D, was " + v);
            }
            return v;
        }

        public JdbcStoreSettings build() {
            return new JdbcStoreSettings(this);
        }
    }
}

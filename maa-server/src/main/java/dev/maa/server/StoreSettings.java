package dev.maa.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maa.api.MaaConfigurationException;
import dev.maa.store.jdbc.JdbcRequestStore;
import dev.maa.store.jdbc.JdbcStoreSettings;
import dev.maa.store.jdbc.JdbcStores;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The {@code store} section of {@code maa serve}'s config: where requests and the audit log live, and how long
 * they are kept. Durations are ISO-8601 ({@code P2555D}, {@code PT1H}).
 *
 * <pre>{@code
 * store:
 *   h2_path: ~/.maa/maa               # the embedded default (directory 0700, files 0600, a random password)
 *   h2_shared: false                  # true: other local processes (a host, the maa command) may use it too,
 *                                     #   through a loopback port guarded by the password; else no port at all
 *                                     # or a PostgreSQL database shared by a cluster:
 *   url: jdbc:postgresql://db/maa     # with user and password_env (the variable holding the password)
 *   pool_size: 10                     # connections
 *   audit_retention: P2555D           # audit entries older than this are purged (default 7 years)
 *   request_retention: P365D          # closed requests, after their last change (default: audit_retention)
 *   purge_interval: PT1H              # how often one node of the cluster purges; PT0S: never
 *   durable_outcomes: false           # PostgreSQL: wait for the WAL flush when recording an outcome
 * }</pre>
 *
 * @param h2Path the H2 file, when there is no {@code url}; otherwise null
 * @param jdbc   the checked store settings: URL, credentials, pool, retention, purge, outcomes
 */
public record StoreSettings(Path h2Path, JdbcStoreSettings jdbc) {

    static final Set<String> KEYS = Set.of("url", "user", "password_env", "h2_path", "h2_shared", "pool_size", "audit_retention",
            "request_retention", "purge_interval", "durable_outcomes");

    /** The embedded default: an H2 file at {@code h2Path}, default pool, retention and purge. */
    public static StoreSettings h2(Path h2Path) {
        return new StoreSettings(h2Path, JdbcStores.h2FileSettings(h2Path).build());
    }

    /** Opens the store (pool, migrations); fails closed if the database is unreachable. */
    public JdbcRequestStore open() {
        return JdbcStores.open(jdbc);
    }

    /**
     * Reads a {@code store} section; {@code h2Path} is the resolved {@code h2_path} (or its default). Every value
     * is checked here, so a bad one stops {@code maa serve} at start-up with the key that holds it.
     */
    static StoreSettings from(JsonNode store, Path h2Path, String file) {
        String url = ServerSettings.text(store, "url");
        String passwordEnv = ServerSettings.text(store, "password_env");
        JdbcStoreSettings.Builder b;
        if (url == null) {
            boolean[] shared = {false};
            value(store, "h2_shared", file, JsonNode::isBoolean, "true or false", n -> shared[0] = n.asBoolean());
            b = JdbcStores.h2FileSettings(h2Path, shared[0]);
        } else {
            String password = null;
            if (passwordEnv != null) {
                password = System.getenv(passwordEnv);
                if (password == null) {
                    throw new MaaConfigurationException(file + ": store.password_env names " + passwordEnv
                            + ", which is not set; export it with the database password");
                }
            }
            b = JdbcStoreSettings.builder(url).user(ServerSettings.text(store, "user")).password(password);
        }
        value(store, "pool_size", file, JsonNode::isInt, "a whole number of connections, such as 10",
                n -> b.poolSize(n.asInt()));
        duration(store, "store", "audit_retention", file, b::auditRetention);
        duration(store, "store", "request_retention", file, b::requestRetention);
        duration(store, "store", "purge_interval", file, b::purgeInterval);
        value(store, "durable_outcomes", file, JsonNode::isBoolean, "true or false",
                n -> b.durableOutcomes(n.asBoolean()));
        return new StoreSettings(url == null ? h2Path : null, b.build());
    }

    /** Applies {@code key} if present, after checking it is {@code what} the setting takes. */
    private static void value(JsonNode store, String key, String file, Predicate<JsonNode> valid, String what,
                              Consumer<JsonNode> setter) {
        JsonNode v = store.path(key);
        if (v.isMissingNode()) {
            return;
        }
        set(file, "store." + key, () -> {
            if (!valid.test(v)) {
                throw new MaaConfigurationException("must be " + what);
            }
            setter.accept(v);
        });
    }

    /** Applies the ISO-8601 duration at {@code section.key} if present; a bad one names the file and the key. */
    static void duration(JsonNode node, String section, String key, String file, Consumer<Duration> setter) {
        String value = ServerSettings.text(node, key);
        if (value == null) {
            return;
        }
        set(file, section + "." + key, () -> {
            Duration d;
            try {
                d = Duration.parse(value);
            } catch (DateTimeParseException e) {
                throw new MaaConfigurationException("must be an ISO-8601 duration such as P2555D (7 years) or PT1H,"
                        + " was '" + value + "'");
            }
            setter.accept(d);
        });
    }

    /** Runs {@code apply}; a configuration error it raises is reported with the file and the key. */
    private static void set(String file, String key, Runnable apply) {
        try {
            apply.run();
        } catch (MaaConfigurationException e) {
            throw new MaaConfigurationException(file + ": " + key + ": " + e.getMessage(), e);
        }
    }
}

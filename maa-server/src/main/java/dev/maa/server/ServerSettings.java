package dev.maa.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.maa.api.MaaConfigurationException;
import dev.maa.notify.NotificationsConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The YAML configuration file of {@code maa serve}. Every key is optional; relative paths and {@code ~} resolve
 * against the MAA home ({@code $MAA_HOME} or {@code ~/.maa}).
 *
 * <pre>{@code
 * server:   { port: 8080, bind: 127.0.0.1 }
 * store:    { h2_path: ~/.maa/maa }            # or { url: jdbc:postgresql://db/maa, user: maa, password_env: MAA_DB_PASSWORD }
 *                                              # retention, purge, pool: see StoreSettings
 * auth:
 *   mode: dev                                  # dev (API tokens in users_file) | jwt
 *   users_file: ~/.maa/users.yaml              # users and groups (the directory); dev mode: token hashes too
 *   hs256_secret_env: MAA_JWT_SECRET           # jwt: HS256 secret from this environment variable, or
 *   jwks: https://idp.example/jwks.json        # jwt: RS256 keys from a JWKS URL or file
 *   audience: maa-server                       # jwt: required
 *   issuer: https://idp.example                # jwt: optional
 *   reader_groups: [Auditors]                  # may read all requests and the audit log; empty = nobody (fail closed)
 *   trust_token_groups: false                  # jwt: count the token's groups claim for reads (default: directory only)
 * policies: { dir: ~/.maa/policies }           # default: ~/.maa/policies if it exists, else the demo access policies
 * executor:                                    # the engine's background jobs on this server (ISO-8601 durations)
 *   job_interval: PT5S                         # how often claim recovery and the expiry sweep run
 *   claim_lease: PT5M                          # a call still running after this (its node died) ends FAILED "outcome unknown"
 * notifications:                               # optional: signed webhook and/or SMTP e-mail (maa-notify/README.md)
 *   webhook: { url: https://hooks.example/maa, secret_env: MAA_WEBHOOK_SECRET }
 *   email:   { smtp_host: smtp.example, from: maa@example.com, address_template: "{id}@example.com" }
 * }</pre>
 */
public record ServerSettings(Path home, int port, String bind, StoreSettings store, String authMode, Path usersFile,
                             String hs256SecretEnv, String jwks, String audience, String issuer,
                             Set<String> readerGroups, boolean trustTokenGroups, Path policiesDir,
                             NotificationsConfig notifications, Duration jobInterval, Duration claimLease) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Map<String, Set<String>> KEYS = Map.of(
            "server", Set.of("port", "bind"),
            "store", StoreSettings.KEYS,
            "auth", Set.of("mode", "users_file", "hs256_secret_env", "jwks", "audience", "issuer", "reader_groups",
                    "trust_token_groups"),
            "policies", Set.of("dir"),
            "executor", Set.of("job_interval", "claim_lease"),
            "notifications", Set.of());

    public ServerSettings {
        readerGroups = Set.copyOf(readerGroups);
        notifications = notifications == null ? NotificationsConfig.none() : notifications;
        jobInterval = jobInterval == null ? EmbeddedMaa.Settings.DEFAULT_JOB_INTERVAL : jobInterval;
        claimLease = claimLease == null ? EmbeddedMaa.Settings.DEFAULT_CLAIM_LEASE : claimLease;
    }

    /** {@code $MAA_HOME}, or {@code ~/.maa}. */
    public static Path defaultHome() {
        String env = System.getenv("MAA_HOME");
        return env == null || env.isBlank() ? Path.of(System.getProperty("user.home"), ".maa") : Path.of(env);
    }

    /** The reader group of the embedded defaults: the demo users' Security Admins (carol and dave). */
    public static final String DEFAULT_READER_GROUP = "Security Admins";

    /**
     * The embedded defaults: dev tokens, H2 file and users file under {@code home}, demo policies, port 8080, and
     * {@value #DEFAULT_READER_GROUP} as the reader group (a config file names its own; none there means nobody).
     */
    public static ServerSettings defaults(Path home) {
        return new ServerSettings(home, ServerConfig.DEFAULT_PORT, ServerConfig.DEFAULT_BIND,
                StoreSettings.h2(home.resolve("maa")), "dev", home.resolve("users.yaml"), null, null, null, null,
                Set.of(DEFAULT_READER_GROUP), false, null, NotificationsConfig.none(), null, null);
    }

    /** Reads a config file; unknown keys are refused with their name, so a typo never silently weakens auth. */
    public static ServerSettings load(Path file, Path home) {
        JsonNode root;
        try {
            root = YAML.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new MaaConfigurationException("Cannot read the server config " + file + ": " + e.getMessage(), e);
        }
        ServerSettings d = defaults(home);
        if (root == null || root.isNull() || root.isMissingNode()) {
            return d;
        }
        check(file, root);
        JsonNode server = root.path("server");
        JsonNode store = root.path("store");
        JsonNode auth = root.path("auth");
        JsonNode executor = root.path("executor");
        Duration[] jobs = {d.jobInterval(), d.claimLease()};
        StoreSettings.duration(executor, "executor", "job_interval", file.toString(),
                v -> jobs[0] = atLeast(v, Duration.ofMillis(10), "PT0.01S"));
        StoreSettings.duration(executor, "executor", "claim_lease", file.toString(),
                v -> jobs[1] = atLeast(v, Duration.ofSeconds(1), "PT1S"));
        Set<String> readers = new LinkedHashSet<>();
        auth.path("reader_groups").forEach(g -> readers.add(g.asText()));
        String mode = auth.path("mode").asText("dev");
        if (!List.of("dev", "jwt").contains(mode)) {
            throw new MaaConfigurationException(file + ": auth.mode must be 'dev' or 'jwt', was '" + mode + "'");
        }
        return new ServerSettings(home, server.path("port").asInt(d.port()), server.path("bind").asText(d.bind()),
                StoreSettings.from(store, path(home, text(store, "h2_path"), home.resolve("maa")), file.toString()), mode,
                path(home, text(auth, "users_file"), d.usersFile()), text(auth, "hs256_secret_env"),
                text(auth, "jwks"), text(auth, "audience"), text(auth, "issuer"), readers,
                trustTokenGroups(auth, file),
                path(home, text(root.path("policies"), "dir"), null),
                root.has("notifications") ? NotificationsConfig.fromTree(root.get("notifications"), file.toString())
                        : NotificationsConfig.none(), jobs[0], jobs[1]);
    }

    /** With {@code port} and {@code bind} overridden (command-line options win over the file). */
    public ServerSettings withListen(Integer newPort, String newBind) {
        return new ServerSettings(home, newPort == null ? port : newPort, newBind == null ? bind : newBind, store,
                authMode, usersFile, hs256SecretEnv, jwks, audience, issuer,
                readerGroups, trustTokenGroups, policiesDir, notifications, jobInterval, claimLease);
    }

    private static Duration atLeast(Duration value, Duration min, String minText) {
        if (value.compareTo(min) < 0) {
            throw new MaaConfigurationException("must be at least " + minText + ", was " + value);
        }
        return value;
    }

    private static boolean trustTokenGroups(JsonNode auth, Path file) {
        JsonNode n = auth.path("trust_token_groups");
        if (n.isMissingNode() || n.isNull()) {
            return false;
        }
        if (!n.isBoolean()) {
            throw new MaaConfigurationException(file + ": auth.trust_token_groups must be true or false, was '"
                    + n.asText() + "'");
        }
        return n.booleanValue();
    }

    private static void check(Path file, JsonNode root) {
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String section = it.next();
            Set<String> allowed = KEYS.get(section);
            if (allowed == null) {
                throw new MaaConfigurationException(file + ": unknown section '" + section + "'; known: "
                        + KEYS.keySet());
            }
            if (section.equals("notifications")) {
                continue;
            }
            for (Iterator<String> keys = root.get(section).fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                if (!allowed.contains(key)) {
                    throw new MaaConfigurationException(file + ": unknown key '" + section + "." + key + "'; known: "
                            + allowed);
                }
            }
        }
    }

    static String text(JsonNode node, String key) {
        JsonNode v = node.path(key);
        return v.isMissingNode() || v.isNull() || v.asText().isBlank() ? null : v.asText();
    }

    private static Path path(Path home, String value, Path dflt) {
        if (value == null) {
            return dflt;
        }
        if (value.equals("~") || value.startsWith("~/")) {
            return Path.of(System.getProperty("user.home"), value.length() > 2 ? value.substring(2) : "");
        }
        Path p = Path.of(value);
        return p.isAbsolute() ? p : home.resolve(p);
    }
}

package dev.maa.server;

import dev.maa.api.Durations;
import dev.maa.core.EnforcementDefaults;
import dev.maa.core.config.ConfigSection;
import dev.maa.core.config.MaaHome;
import dev.maa.core.decisionlog.DecisionLogSettings;
import dev.maa.directory.ldap.LdapSettings;
import dev.maa.notify.NotificationsConfig;
import dev.maa.store.jdbc.JdbcStoreSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The YAML configuration file of {@code maa serve}, the host's one {@code maa.yaml}. Every key is optional; relative
 * paths resolve against the MAA home ({@link MaaHome}), {@code ~} against the user's home. Each section is read by
 * the module that owns it with the one kit ({@link ConfigSection}): a bad value or an unknown key stops start-up
 * with {@code file: section.key: problem}. The {@code agent:} section belongs to maa-agent (which reads it with its
 * own small parser) and is let through here.
 *
 * <pre>{@code
 * server:   { port: 8080, bind: 127.0.0.1 }
 * store:    { h2_path: ~/.maa/maa }            # or { url: jdbc:postgresql://db/maa, user: maa, password_env: MAA_DB_PASSWORD }
 *                                              # retention, purge, pool: see JdbcStoreSettings.fromConfig
 * auth:
 *   mode: dev                                  # dev (API tokens in users_file) | jwt | oidc
 *   users_file: ~/.maa/users.yaml              # users and groups (the directory); dev mode: token hashes too
 *   hs256_secret_env: MAA_JWT_SECRET           # jwt: HS256 secret from this environment variable, or
 *   jwks: https://idp.example/jwks.json        # jwt: RS256 keys from a JWKS URL or file
 *   audience: maa-server                       # jwt: required
 *   issuer: https://idp.example                # jwt: optional
 *   reader_groups: [Auditors]                  # may read all requests and the audit log; empty = nobody (fail closed)
 *   trust_token_groups: false                  # jwt: count the token's groups claim for reads (default: directory only)
 *   oidc: { issuer: https://idp.example, client_id: maa-console }  # console sign-in, provider tokens (OidcSettings)
 * policies: { dir: ~/.maa/policies }           # default: ~/.maa/policies if it exists, else the demo access policies
 * executor:                                    # the engine's background jobs on this server (ISO-8601 durations)
 *   job_interval: PT5S                         # how often claim recovery and the expiry sweep run
 *   claim_lease: PT5M                          # a call still running after this (its node died) ends FAILED "outcome unknown"
 * notifications:                               # optional: signed webhook and/or SMTP e-mail (maa-notify/README.md)
 *   webhook: { url: https://hooks.example/maa, secret_env: MAA_WEBHOOK_SECRET }
 *   email:   { smtp_host: smtp.example, from: maa@example.com, address_template: "{id}@example.com" }
 * directory:                                   # who is in which group: users_file (default, auth.users_file) | ldap | scim
 *   source: ldap
 *   ldap: { url: ldaps://dc1.corp.example, bind_dn: ..., bind_password_env: MAA_LDAP_PASSWORD, ... }
 *                                              # every key: LdapSettings, docs/identity.md
 * scim: { enabled: true, token_env: MAA_SCIM_TOKEN }  # SCIM 2.0 provisioning at /scim/v2 (ScimSettings);
 *                                              # directory.source: scim makes its users and groups the directory
 * approvals: { rp_id: maa.example.com, origins: [https://maa.example.com], anchors: ~/.maa/anchors }
 *                                              # passkey-signed approvals (ApprovalsSettings, docs/security.md)
 * enforcement:                                 # the operator's default for policies without enforcement (docs/rollout.md)
 *   default: enforce                           # enforce | audit: audit runs what a policy would park or deny, logged
 *   methods: { com.acme.AppCatalog.deleteApp: audit }   # per class or class.method (EnforcementDefaults)
 * decision_logs: { file: { path: decisions.jsonl }, allow_sample_rate: 0.01 }
 *                                              # OPA-format decision events (DecisionLogSettings); the file is
 *                                              # what a policy change's impact is measured on
 * agent: { include: [com.acme.] }              # maa-agent's section (AgentConfig): not read by the server
 * }</pre>
 * Durations, wherever a section takes one, are written {@code 250ms}, {@code 90s}, {@code 5m}, {@code 24h},
 * {@code 7d}, {@code 1h30m} or ISO-8601 ({@code PT1H}).
 */
public record ServerSettings(
        Path home,
        int port,
        String bind,
        StoreSettings store,
        String authMode,
        Path usersFile,
        String hs256SecretEnv,
        String jwks,
        String audience,
        String issuer,
        Set<String> readerGroups,
        boolean trustTokenGroups,
        Path policiesDir,
        NotificationsConfig notifications,
        Duration jobInterval,
        Duration claimLease,
        OidcSettings oidc,
        LdapSettings ldap,
        ScimSettings scim,
        ApprovalsSettings approvals,
        EnforcementDefaults enforcement,
        ConfigSection decisionLogs) {

    /** The sections the server owns, with their keys. */
    private static final Map<String, Set<String>> OWN = Map.of(
            "server", Set.of("port", "bind"),
            "store", JdbcStoreSettings.CONFIG_KEYS,
            "auth",
                    Set.of(
                            "mode",
                            "users_file",
                            "hs256_secret_env",
                            "jwks",
                            "audience",
                            "issuer",
                            "reader_groups",
                            "trust_token_groups",
                            "oidc"),
            "policies", Set.of("dir"),
            "executor", Set.of("job_interval", "claim_lease"),
            "directory", Set.of("source", "ldap"),
            "scim", ScimSettings.KEYS,
            "approvals", ApprovalsSettings.KEYS);

    /**
     * The sections other modules own and check: maa-notify's, maa-core's (enforcement defaults, decision logs) and
     * maa-agent's (not read here at all).
     */
    private static final Set<String> OTHERS = Set.of("notifications", "enforcement", "decision_logs", "agent");

    public ServerSettings {
        readerGroups = Set.copyOf(readerGroups);
        notifications = notifications == null ? NotificationsConfig.none() : notifications;
        jobInterval = jobInterval == null ? EmbeddedMaa.Settings.DEFAULT_JOB_INTERVAL : jobInterval;
        claimLease = claimLease == null ? EmbeddedMaa.Settings.DEFAULT_CLAIM_LEASE : claimLease;
        scim = scim == null ? ScimSettings.NONE : scim;
        approvals = approvals == null ? ApprovalsSettings.NONE : approvals;
        enforcement = enforcement == null ? EnforcementDefaults.enforce() : enforcement;
        decisionLogs =
                decisionLogs == null ? ConfigSection.root(null, "defaults").section("decision_logs") : decisionLogs;
    }

    /** The reader group of the embedded defaults: the demo users' Security Admins (carol and dave). */
    public static final String DEFAULT_READER_GROUP = "Security Admins";

    /**
     * The embedded defaults: dev tokens, H2 file and users file under {@code home}, demo policies, port 8080, and
     * {@value #DEFAULT_READER_GROUP} as the reader group (a config file names its own; none there means nobody).
     */
    public static ServerSettings defaults(Path home) {
        return new ServerSettings(
                home,
                ServerConfig.DEFAULT_PORT,
                ServerConfig.DEFAULT_BIND,
                StoreSettings.h2(home.resolve("maa")),
                "dev",
                home.resolve(MaaHome.USERS_FILE),
                null,
                null,
                null,
                null,
                Set.of(DEFAULT_READER_GROUP),
                false,
                null,
                NotificationsConfig.none(),
                null,
                null,
                null,
                null,
                ScimSettings.NONE,
                ApprovalsSettings.NONE,
                null,
                null);
    }

    /**
     * The settings of {@code --config FILE} when given, else the embedded defaults of {@code home}: how {@code maa serve},
     * {@code maa token}, the CLI's local mode, {@code maa demo} and {@code maa policy what-if} find theirs.
     */
    public static ServerSettings of(Path configOrNull, Path home) {
        return configOrNull != null ? load(configOrNull, home) : defaults(home);
    }

    /**
     * The embedded stack these settings describe: store, users file, directory, policies, executor, passkey approvals,
     * enforcement defaults and decision log. The one mapping from {@code maa.yaml} to {@link EmbeddedMaa}, so the
     * CLI's local mode opens a home as {@code maa serve} does; callers add what is theirs (node name, notifier, jobs).
     */
    public EmbeddedMaa.Settings.Builder embedded() {
        return EmbeddedMaa.settings(home)
                .store(store.jdbc())
                .usersFile(usersFile)
                .ldap(ldap)
                .policiesDir(policiesDir)
                .jobInterval(jobInterval)
                .claimLease(claimLease)
                .scimDirectory(scim.directory())
                .approvals(approvals)
                .enforcement(enforcement)
                .decisionLogs(decisionLogs)
                .trustTokenGroups(trustTokenGroups || oidc != null && oidc.trustTokenGroups());
    }

    /** Reads a config file; unknown keys are refused with their name, so a typo never silently weakens auth. */
    public static ServerSettings load(Path file, Path home) {
        return load(file, home, System::getenv);
    }

    /** As {@link #load(Path, Path)}, with secrets named by {@code *_env} keys read through {@code env}. */
    static ServerSettings load(Path file, Path home, Function<String, String> env) {
        ConfigSection root = ConfigSection.read(file);
        ServerSettings d = defaults(home);
        if (root.isEmpty()) {
            return d;
        }
        Set<String> sections = new HashSet<>(OWN.keySet());
        sections.addAll(OTHERS);
        sections.add("directory"); // a name, not a section: users_file or scim (ScimSettings)
        root.requireKnownKeys(sections);
        ConfigSection server = known(root, "server");
        ConfigSection auth = known(root, "auth");
        OidcSettings oidc = auth.has("oidc") ? OidcSettings.from(auth.section("oidc"), System::getenv) : null;
        String mode = auth.string("mode", oidc != null ? "oidc" : "dev");
        if (!List.of("dev", "jwt", "oidc").contains(mode)) {
            throw auth.error("mode", "must be 'dev', 'jwt' or 'oidc', was '" + mode + "'");
        }
        if (mode.equals("oidc") != (oidc != null)) {
            throw oidc == null
                    ? auth.error("oidc", "is required with mode: oidc: set at least issuer and client_id")
                    : auth.error(
                            "mode",
                            "is '" + mode + "' but an auth.oidc section is set; set mode: oidc, or"
                                    + " remove auth.oidc");
        }
        if (oidc != null
                && auth.bool("trust_token_groups").isPresent()
                && auth.bool("trust_token_groups").get() != oidc.trustTokenGroups()) {
            throw auth.error("trust_token_groups", "contradicts auth.oidc.trust_token_groups; set it in one place");
        }
        ConfigSection notifications = root.section("notifications");
        ConfigSection executor = known(root, "executor");
        return new ServerSettings(
                home,
                server.integer("port", 0, 65535, d.port()),
                server.string("bind", d.bind()),
                StoreSettings.from(root.section("store"), home),
                mode,
                auth.path("users_file", home).orElse(d.usersFile()),
                auth.string("hs256_secret_env", null),
                auth.string("jwks", null),
                auth.string("audience", null),
                auth.string("issuer", null),
                Set.copyOf(auth.strings("reader_groups")),
                auth.bool("trust_token_groups", false),
                known(root, "policies").path("dir", home).orElse(null),
                NotificationsConfig.fromTree(notifications.tree(), root.source()),
                atLeast(executor, "job_interval", Duration.ofMillis(10), d.jobInterval()),
                atLeast(executor, "claim_lease", Duration.ofSeconds(1), d.claimLease()),
                oidc,
                ldap(root, home, env),
                ScimSettings.from(root, directorySource(root).equals("scim"), env),
                ApprovalsSettings.from(root, home),
                EnforcementDefaults.from(root.section("enforcement")),
                checked(root.section("decision_logs"), home));
    }

    /** The {@code decision_logs} section, checked now so a mistake stops start-up before anything is opened. */
    private static ConfigSection checked(ConfigSection decisionLogs, Path home) {
        DecisionLogSettings.check(decisionLogs, home);
        return decisionLogs;
    }

    /** With {@code port} and {@code bind} overridden (command-line options win over the file). */
    public ServerSettings withListen(Integer newPort, String newBind) {
        return new ServerSettings(
                home,
                newPort == null ? port : newPort,
                newBind == null ? bind : newBind,
                store,
                authMode,
                usersFile,
                hs256SecretEnv,
                jwks,
                audience,
                issuer,
                readerGroups,
                trustTokenGroups,
                policiesDir,
                notifications,
                jobInterval,
                claimLease,
                oidc,
                ldap,
                scim,
                approvals,
                enforcement,
                decisionLogs);
    }

    private static Duration atLeast(ConfigSection section, String key, Duration min, Duration fallback) {
        Duration value = section.duration(key).orElse(fallback);
        if (value.compareTo(min) < 0) {
            throw section.error(key, "must be at least " + Durations.format(min) + ", was " + Durations.format(value));
        }
        return value;
    }

    /**
     * The {@code directory} section: {@code source: users_file} (the default: {@code auth.users_file}) or
     * {@code source: ldap} with its {@code ldap:} settings (maa-directory-ldap); null means the users file.
     */
    /**
     * Who is in which approver group ({@code directory.source}): {@code users_file} (the default), {@code ldap} (the
     * default when an {@code ldap} section is given) or {@code scim} (the users and groups SCIM provisions).
     */
    private static String directorySource(ConfigSection root) {
        ConfigSection directory = known(root, "directory");
        String source = directory.string("source", directory.has("ldap") ? "ldap" : "users_file");
        if (!Set.of("users_file", "ldap", "scim").contains(source)) {
            throw directory.error("source", "must be 'users_file', 'ldap' or 'scim', was '" + source + "'");
        }
        if (!source.equals("ldap") && directory.has("ldap")) {
            throw directory.error("ldap", "is set but source is " + source + "; remove one of them");
        }
        return source;
    }

    private static LdapSettings ldap(ConfigSection root, Path home, Function<String, String> env) {
        if (!directorySource(root).equals("ldap")) {
            return null;
        }
        ConfigSection directory = known(root, "directory");
        if (!directory.has("ldap")) {
            throw directory.error("ldap", "is required with source: ldap (url, bind_dn, ...; docs/identity.md)");
        }
        return LdapSettings.fromConfig(directory.section("ldap"), home, env);
    }

    /** A section the server owns, with its keys checked. */
    private static ConfigSection known(ConfigSection root, String name) {
        return root.section(name).requireKnownKeys(OWN.get(name));
    }
}

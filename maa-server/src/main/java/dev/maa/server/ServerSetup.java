package dev.maa.server;

import dev.maa.api.Directory;
import dev.maa.api.MaaConfigurationException;
import dev.maa.core.MaaEngine;
import dev.maa.core.config.MaaHome;
import dev.maa.notify.CompositeNotifier;
import dev.maa.notify.Notifiers;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import dev.maa.core.directory.StaticDirectory;
import dev.maa.policies.EmbeddedRegoPolicyEngine;
import dev.maa.policies.JdbcPolicyRevisionStore;
import dev.maa.policies.PolicyService;
import dev.maa.store.jdbc.JdbcRequestStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.MalformedURLException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Opens everything a stand-alone {@code maa serve} needs from {@link ServerSettings}: the JDBC store, the users
 * file (the directory, followed as it is edited: no restart after a membership change), the embedded Rego engine with policy changes under approval, the {@link MaaEngine}, and a
 * once-a-minute expiry job. Everything opened is closed with the server.
 */
public final class ServerSetup {

    private static final Logger LOG = LoggerFactory.getLogger(ServerSetup.class);

    /**
     * This server's name in job leases and claims: several servers may share one PostgreSQL store, and the expiry
     * sweep runs on the one holding the lease.
     */
    static final String NODE_ID = "maa-server " + ProcessHandle.current().pid() + " ("
            + UUID.randomUUID().toString().substring(0, 8) + ")";

    /** The sweep runs every minute; a server that stops renewing its lease is replaced after three. */
    private static final Duration EXPIRY_LEASE = Duration.ofMinutes(3);

    private ServerSetup() {
    }

    /** Builds the server config (not started). */
    public static ServerConfig configure(ServerSettings s) {
        AuthConfig auth = auth(s);
        if (auth.mode() == AuthConfig.Mode.DEV_TOKENS) {
            MaaHome.createDemoUsersIfMissing(s.usersFile());
        }
        Directory directory = Files.exists(s.usersFile()) ? DevUsersFile.watchDirectory(s.usersFile())
                : StaticDirectory.empty();
        if (!Files.exists(s.usersFile())) {
            LOG.warn("No users file {}: the directory is empty, so nobody can approve. Set auth.users_file.",
                    s.usersFile());
        }
        JdbcRequestStore store = s.store().open();
        try {
            EmbeddedRegoPolicyEngine policies = s.policiesDir() != null
                    ? EmbeddedRegoPolicyEngine.builder().directory(s.policiesDir()).build()
                    : EmbeddedRegoPolicyEngine.demo();
            PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            CompositeNotifier notifier = Notifiers.fromConfig(s.notifications(), meters);
            MaaEngine engine = MaaEngine.builder().policyEngine(policies).store(store).directory(directory)
                    .notifier(notifier).breakGlass(policies.policySet().accessPolicies().engineBreakGlass())
                    .nodeId(NODE_ID).allowPackages("dev.maa.policies", "dev.maa.samples").build();
            PolicyService policyService = new PolicyService(engine, policies,
                    JdbcPolicyRevisionStore.create(store.dataSource()));
            ScheduledExecutorService expiry = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "maa-server-expiry");
                t.setDaemon(true);
                return t;
            });
            expiry.scheduleWithFixedDelay(() -> expire(engine), 1, 60, TimeUnit.SECONDS);
            return ServerConfig.builder().engine(engine).directory(directory).policyEngine(policies)
                    .policyService(policyService).auth(auth).bind(s.bind()).port(s.port())
                    .readerGroups(s.readerGroups()).trustTokenGroups(s.trustTokenGroups())
                    .meterRegistry(meters)
                    .closeOnStop(notifier)
                    .closeOnStop(store).closeOnStop(policies).closeOnStop(expiry::shutdownNow)
                    .build();
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    private static void expire(MaaEngine engine) {
        try {
            int n = engine.sweepExpired(EXPIRY_LEASE);
            if (n > 0) {
                LOG.info("Expired {} request(s)", n);
            }
        } catch (RuntimeException e) {
            LOG.warn("Expiry run failed: {}", e.toString());
        }
    }

    static AuthConfig auth(ServerSettings s) {
        if (s.authMode().equals("dev")) {
            return AuthConfig.devTokens(s.usersFile());
        }
        if (s.hs256SecretEnv() != null && s.jwks() != null) {
            throw new MaaConfigurationException("auth: set either hs256_secret_env or jwks, not both; the algorithm"
                    + " is pinned to one of HS256 or RS256");
        }
        if (s.hs256SecretEnv() != null) {
            String secret = System.getenv(s.hs256SecretEnv());
            if (secret == null || secret.isEmpty()) {
                throw new MaaConfigurationException("auth.hs256_secret_env names " + s.hs256SecretEnv()
                        + ", which is not set; export it with the shared HS256 secret (at least 32 bytes)");
            }
            return AuthConfig.hs256(secret, s.audience(), s.issuer());
        }
        if (s.jwks() != null) {
            if (s.jwks().startsWith("https://") || s.jwks().startsWith("http://")) {
                try {
                    return AuthConfig.rs256(URI.create(s.jwks()).toURL(), s.audience(), s.issuer());
                } catch (MalformedURLException | IllegalArgumentException e) {
                    throw new MaaConfigurationException("auth.jwks is not a valid URL: " + s.jwks(), e);
                }
            }
            return AuthConfig.rs256(Path.of(s.jwks()), s.audience(), s.issuer());
        }
        throw new MaaConfigurationException("auth.mode is jwt but neither hs256_secret_env nor jwks is set");
    }
}

package dev.maa.server;

import dev.maa.api.Directory;
import dev.maa.api.MaaConfigurationException;
import dev.maa.api.Notifier;
import dev.maa.notify.NotificationsConfig;
import dev.maa.notify.Notifiers;
import dev.maa.notify.OutboxWiring;
import dev.maa.store.jdbc.JdbcScimStore;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Opens everything a stand-alone {@code maa serve} needs from {@link ServerSettings}: the {@link EmbeddedMaa} stack
 * of the home (store, users file followed as it is edited, Rego policies with changes under approval, engine and its
 * recovery jobs: claims a crashed node left, the expiry sweep), notifications and
 * metrics. Everything opened is closed with the server.
 */
public final class ServerSetup {

    private ServerSetup() {}

    /** Builds the server config (not started). */
    public static ServerConfig configure(ServerSettings s) {
        AuthConfig auth = auth(s);
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // the stack needs the notifier and the notifier the stack's directory (members' mail addresses)
        AtomicReference<Directory> directory = new AtomicReference<>();
        Function<String, Optional<String>> mail = id -> {
            Directory d = directory.get();
            return d == null ? Optional.empty() : d.emailOf(id);
        };
        // notifications commit with their transitions in the store's outbox, delivered by one node of the cluster
        // (the job lease); outbox.enabled: false queues them in memory instead (lost on a crash)
        NotificationsConfig.Outbox outbox = s.notifications().outbox();
        OutboxWiring durable = outbox == null || outbox.on()
                ? Notifiers.outbox(s.notifications(), meters, System::getenv, mail)
                : null;
        AutoCloseable closer =
                durable != null ? durable : Notifiers.fromConfig(s.notifications(), meters, System::getenv, mail);
        Notifier notifier = (Notifier) closer;
        EmbeddedMaa maa;
        try {
            maa = EmbeddedMaa.open(s.embedded()
                    .demoUsersIfMissing(auth.mode() == AuthConfig.Mode.DEV_TOKENS)
                    .notifier(notifier)
                    .nodeName("maa-server")
                    .build());
        } catch (RuntimeException e) {
            close(closer);
            throw e;
        }
        if (durable != null) {
            try {
                durable.start(maa.store(), maa.engine().nodeId());
            } catch (RuntimeException e) {
                close(maa);
                close(closer);
                throw e;
            }
        }
        directory.set(maa.directory());
        ServerConfig.Builder config = ServerConfig.builder();
        if (s.scim().enabled()) {
            config.scim(JdbcScimStore.of(maa.store()), s.scim().token());
        }
        return config.engine(maa.engine())
                .directory(maa.directory())
                .policyEngine(maa.policyEngine())
                .policyService(maa.policies())
                .auth(auth)
                .bind(s.bind())
                .port(s.port())
                .readerGroups(s.readerGroups())
                .trustTokenGroups(s.trustTokenGroups())
                .passkeyAaguids(s.approvals().aaguids())
                .meterRegistry(meters)
                .closeOnStop(closer) // closed last: the stack's jobs may notify until they stop
                .closeOnStop(maa)
                .build();
    }

    private static void close(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            // closing what a failed start opened: the start's failure is the one to report
        }
    }

    static AuthConfig auth(ServerSettings s) {
        if (s.authMode().equals("dev")) {
            return AuthConfig.devTokens(s.usersFile());
        }
        if (s.authMode().equals("oidc")) {
            // HS256/RS256 automation tokens beside the provider's, when either is configured
            boolean automation = s.hs256SecretEnv() != null || s.jwks() != null;
            return AuthConfig.oidc(s.oidc(), automation ? jwt(s) : null);
        }
        return jwt(s);
    }

    private static AuthConfig jwt(ServerSettings s) {
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

package dev.maa.server;

import dev.maa.api.Directory;
import dev.maa.api.MaaConfigurationException;
import dev.maa.api.PolicyEngine;
import dev.maa.api.RequestStore;
import dev.maa.core.MaaEngine;
import dev.maa.policies.EmbeddedRegoPolicyEngine;
import dev.maa.policies.PolicyService;
import dev.maa.policies.PolicySet;
import dev.maa.store.jdbc.JdbcScimStore;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Everything {@link MaaServer#start(ServerConfig)} needs. Built with {@link #builder()}; setters validate at once.
 *
 * <pre>{@code
 * ServerConfig config = ServerConfig.builder()
 *         .engine(engine).directory(directory).policyEngine(rego)
 *         .auth(AuthConfig.hs256(secret, "maa-server", "https://idp.example"))
 *         .port(8080)
 *         .build();
 * try (MaaServer server = MaaServer.start(config)) { ... }
 * }</pre>
 */
public final class ServerConfig {

    /** Loopback: the server is not reachable from other machines unless {@code bind} says so. */
    public static final String DEFAULT_BIND = "127.0.0.1";

    public static final int DEFAULT_PORT = 8080;

    private final MaaEngine engine;
    private final RequestStore store;
    private final Directory directory;
    private final PolicyEngine policyEngine;
    private final Supplier<PolicySet> policySet;
    private final PolicyService policyService;
    private final AuthConfig auth;
    private final String bind;
    private final int port;
    private final Set<String> readerGroups;
    private final boolean trustTokenGroups;
    private final Map<String, DiffProvider> diffProviders;
    private final List<AutoCloseable> resources;
    private final PrometheusMeterRegistry meterRegistry;
    private final JdbcScimStore scimStore;
    private final String scimToken;
    private final Set<UUID> passkeyAaguids;

    private ServerConfig(Builder b) {
        meterRegistry =
                b.meterRegistry != null ? b.meterRegistry : new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        engine = b.engine;
        store = b.store != null ? b.store : b.engine.store();
        directory = b.directory;
        policyEngine = b.policyEngine;
        policySet = b.policySet != null
                ? b.policySet
                : b.policyEngine instanceof EmbeddedRegoPolicyEngine rego ? rego::policySet : null;
        policyService = b.policyService;
        auth = b.auth;
        bind = b.bind;
        port = b.port;
        readerGroups = Set.copyOf(b.readerGroups);
        trustTokenGroups = b.trustTokenGroups;
        diffProviders = Map.copyOf(b.diffProviders);
        resources = List.copyOf(b.resources);
        scimStore = b.scimStore;
        scimToken = b.scimToken;
        passkeyAaguids = Set.copyOf(b.passkeyAaguids);
    }

    public static Builder builder() {
        return new Builder();
    }

    public MaaEngine engine() {
        return engine;
    }

    public RequestStore store() {
        return store;
    }

    public Directory directory() {
        return directory;
    }

    /** The policy engine deciding calls, or {@code null} when the server does not know it (no policy listing). */
    public PolicyEngine policyEngine() {
        return policyEngine;
    }

    /** The policy set in force (for the policy list and the OPA bundle), or {@code null}. */
    public Supplier<PolicySet> policySet() {
        return policySet;
    }

    /** Policy changes under approval ({@code POST /api/v1/policies}), or {@code null} (then 501). */
    public PolicyService policyService() {
        return policyService;
    }

    public AuthConfig auth() {
        return auth;
    }

    public String bind() {
        return bind;
    }

    public int port() {
        return port;
    }

    /**
     * Groups that may read every request and the audit log. Empty means nobody does (fail closed): each administrator
     * then reads the requests they made, those whose approver groups they are in, and (break-glass reviewers) the
     * break-glass requests.
     */
    public Set<String> readerGroups() {
        return readerGroups;
    }

    /**
     * Whether the groups a bearer token claims are kept on the caller's principal (counted for reads, {@code /me} and
     * the policy input of calls made through the API); off by default, so only the {@link #directory()} says who is
     * in which group. Reviews always use the directory.
     */
    public boolean trustTokenGroups() {
        return trustTokenGroups;
    }

    public Map<String, DiffProvider> diffProviders() {
        return diffProviders;
    }

    /** Closed by {@link MaaServer#close()}, last registered first (e.g. the store the server opened). */
    /** The registry {@code /metrics} scrapes; share it with components that have meters of their own. */
    public PrometheusMeterRegistry meterRegistry() {
        return meterRegistry;
    }

    public List<AutoCloseable> resources() {
        return resources;
    }

    /** The users and groups {@code /scim/v2} provisions, or {@code null} when SCIM is not served. */
    public JdbcScimStore scimStore() {
        return scimStore;
    }

    /** The authenticator models allowed to register passkeys (approvals.aaguids); empty: any. */
    public Set<UUID> passkeyAaguids() {
        return passkeyAaguids;
    }

    /** The SCIM client's bearer token (with {@link #scimStore()}); never printed. */
    String scimToken() {
        return scimToken;
    }

    /** Validating builder; {@link #build()} names whatever is missing. */
    public static final class Builder {
        private MaaEngine engine;
        private RequestStore store;
        private Directory directory;
        private PolicyEngine policyEngine;
        private Supplier<PolicySet> policySet;
        private PolicyService policyService;
        private AuthConfig auth;
        private String bind = DEFAULT_BIND;
        private int port = DEFAULT_PORT;
        private boolean trustTokenGroups;
        private final Set<String> readerGroups = new LinkedHashSet<>();
        private final Map<String, DiffProvider> diffProviders = new LinkedHashMap<>();
        private final List<AutoCloseable> resources = new ArrayList<>();
        private PrometheusMeterRegistry meterRegistry;
        private JdbcScimStore scimStore;
        private String scimToken;
        private Set<UUID> passkeyAaguids = Set.of();

        private Builder() {}

        /** Required: the engine whose {@code ApprovalService} every action goes through. */
        public Builder engine(MaaEngine value) {
            engine = Objects.requireNonNull(value, "engine");
            return this;
        }

        /** The store to list and audit; default: the engine's store. */
        public Builder store(RequestStore value) {
            store = Objects.requireNonNull(value, "store");
            return this;
        }

        /** Required: the directory the engine uses, for "Received requests" and visibility. */
        public Builder directory(Directory value) {
            directory = Objects.requireNonNull(value, "directory");
            return this;
        }

        /** The engine's policy engine; an {@link EmbeddedRegoPolicyEngine} also gives the policy list and bundle. */
        public Builder policyEngine(PolicyEngine value) {
            policyEngine = Objects.requireNonNull(value, "policyEngine");
            return this;
        }

        /** Where the policy list and the OPA bundle come from, when not from an embedded Rego engine. */
        public Builder policySet(Supplier<PolicySet> value) {
            policySet = Objects.requireNonNull(value, "policySet");
            return this;
        }

        /**
         * Enables policy changes through the API: {@code POST /api/v1/policies} parks an ACCESS_POLICY request via
         * the service's protected PolicyAdmin; the policy list shows its revisions. The engine must allow
         * {@code dev.maa.policies} on its codec allow-list.
         */
        public Builder policyService(PolicyService value) {
            policyService = Objects.requireNonNull(value, "policyService");
            return this;
        }

        /** Required: how callers authenticate. */
        public Builder auth(AuthConfig value) {
            auth = Objects.requireNonNull(value, "auth");
            return this;
        }

        /** Address to listen on; default 127.0.0.1 (loopback only). */
        public Builder bind(String value) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(
                        "bind must be an address such as 127.0.0.1 or 0.0.0.0, was '" + value + "'");
            }
            bind = value;
            return this;
        }

        /** TCP port; 0 picks a free one (tests). */
        public Builder port(int value) {
            if (value < 0 || value > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, was " + value);
            }
            port = value;
            return this;
        }

        /** See {@link ServerConfig#readerGroups()}; empty (the default) means nobody reads everything. */
        public Builder readerGroups(Set<String> groups) {
            readerGroups.clear();
            readerGroups.addAll(groups);
            return this;
        }

        /**
         * Only authenticators of these models (AAGUIDs) may register passkeys; default: any. Passkey routes
         * answer 501 unless the engine verifies signed reviews ({@link MaaEngine#approvalSigning()}).
         */
        public Builder passkeyAaguids(Set<UUID> value) {
            passkeyAaguids = Set.copyOf(value);
            return this;
        }

        /** See {@link ServerConfig#trustTokenGroups()}; default {@code false}. */
        public Builder trustTokenGroups(boolean value) {
            trustTokenGroups = value;
            return this;
        }

        public Builder diffProvider(DiffProvider provider) {
            Objects.requireNonNull(provider, "provider");
            DiffProvider previous = diffProviders.putIfAbsent(provider.resourceType(), provider);
            if (previous != null) {
                throw new IllegalArgumentException("Two diff providers for resource type " + provider.resourceType()
                        + ": " + previous.getClass().getName() + " and "
                        + provider.getClass().getName());
            }
            return this;
        }

        /** Something the server should close when it stops. */
        /** The registry {@code /metrics} serves (default: a fresh one); pass the one notifiers write to. */
        public Builder meterRegistry(PrometheusMeterRegistry value) {
            meterRegistry = Objects.requireNonNull(value, "meterRegistry");
            return this;
        }

        public Builder closeOnStop(AutoCloseable resource) {
            resources.add(Objects.requireNonNull(resource, "resource"));
            return this;
        }

        /**
         * Serves SCIM 2.0 provisioning at {@code /scim/v2} into {@code store}, for clients presenting
         * {@code bearerToken} (at least {@value ScimSettings#MIN_TOKEN_LENGTH} characters), a token of its own:
         * no administrator's token is accepted there, and it is accepted nowhere else.
         */
        public Builder scim(JdbcScimStore store, String bearerToken) {
            if (bearerToken == null || bearerToken.length() < ScimSettings.MIN_TOKEN_LENGTH) {
                throw new IllegalArgumentException("The SCIM bearer token must have at least "
                        + ScimSettings.MIN_TOKEN_LENGTH + " characters; generate one with openssl rand -base64 32");
            }
            scimStore = Objects.requireNonNull(store, "store");
            scimToken = bearerToken;
            return this;
        }

        public ServerConfig build() {
            if (engine == null) {
                throw new MaaConfigurationException(
                        "ServerConfig: engine(...) is required: the MaaEngine whose" + " approvals the server exposes");
            }
            if (directory == null) {
                throw new MaaConfigurationException("ServerConfig: directory(...) is required: the same Directory the"
                        + " engine checks reviews against");
            }
            if (auth == null) {
                throw new MaaConfigurationException(
                        "ServerConfig: auth(...) is required: AuthConfig.devTokens(usersFile)"
                                + " for local use, or AuthConfig.hs256/rs256 for JWTs");
            }
            return new ServerConfig(this);
        }
    }
}

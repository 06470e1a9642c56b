package dev.maa.server;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.maa.api.ApprovalRequest;
import dev.maa.api.ApprovalRequiredException;
import dev.maa.api.Directory;
import dev.maa.api.Maa;
import dev.maa.api.Platform;
import dev.maa.api.Principal;
import dev.maa.core.BreakGlass;
import dev.maa.core.MaaEngine;
import dev.maa.core.directory.StaticDirectory;
import dev.maa.policies.EmbeddedRegoPolicyEngine;
import dev.maa.policies.InMemoryPolicyRevisionStore;
import dev.maa.policies.PolicyService;
import dev.maa.samples.deviceadmin.App;
import dev.maa.samples.deviceadmin.AppCatalog;
import dev.maa.samples.deviceadmin.AppManagement;
import dev.maa.samples.deviceadmin.SideEffects;
import dev.maa.store.jdbc.JdbcRequestStore;
import dev.maa.store.jdbc.JdbcStores;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A started server on 127.0.0.1:ephemeral with the demo Rego policies, an in-memory H2 store, the device-admin
 * sample protected by the same engine, and HS256 JWT authentication; plus helpers to mint tokens and call it.
 *
 * <p>Users: alice (App Admins, requester), bob and carol (App Approvers), mallory (Helpdesk: an administrator
 * outside every approver group), sam (App Admins and App Approvers: a requester who is also an approver),
 * audrey (Auditors: reader group), eve (App Admins and the break-glass emergency account; post-emergency reviews
 * are closed by the approver groups or Security Admins), tess (Security Admins: break-glass reviewer only).
 */
public final class TestServer implements AutoCloseable {

    public static final String SECRET = "test-secret-0123456789-abcdefghijklmnopqrstuvwxyz";
    public static final String AUDIENCE = "maa-server";
    public static final String ISSUER = "https://idp.test";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    public static final StaticDirectory USERS = StaticDirectory.builder()
            .user("alice", "App Admins")
            .user("bob", "App Approvers")
            .user("carol", "App Approvers", "Security Admins")
            .user("mallory", "Helpdesk")
            .user("sam", "App Admins", "App Approvers")
            .user("audrey", "Auditors")
            .user("eve", "App Admins")
            .user("tess", "Security Admins")
            .build();
    public final Directory directory;
    public final JdbcRequestStore store;
    public final MaaEngine engine;
    public final SideEffects effects = new SideEffects();
    public final AppCatalog catalog = new AppCatalog(effects);
    public final AppManagement apps;
    public final PolicyService policyService;
    /** The decision log a pushed policy change's impact replays (absent until a test writes it). */
    public final java.nio.file.Path decisionLog;

    public final MaaServer server;
    public final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public TestServer() {
        this(null);
    }

    /** With {@code auth} instead of the HS256 default. */
    public TestServer(AuthConfig auth) {
        this(auth, USERS, false);
    }

    /** With {@code auth}, {@code directory} instead of {@link #USERS}, and whether token groups count for reads. */
    public TestServer(AuthConfig auth, Directory directory, boolean trustTokenGroups) {
        this(
                JdbcStores.h2InMemory("server" + COUNTER.incrementAndGet() + "_"
                        + UUID.randomUUID().toString().substring(0, 8)),
                store -> directory,
                server -> {
                    if (auth != null) {
                        server.auth(auth);
                    }
                    server.trustTokenGroups(trustTokenGroups);
                });
    }

    /**
     * Over {@code store} (closed with the server), with the directory {@code directoryOf} makes of it, and the
     * server's settings changed by {@code server} (e.g. SCIM); HS256 authentication unless it sets another.
     */
    public TestServer(
            JdbcRequestStore store,
            Function<JdbcRequestStore, Directory> directoryOf,
            Consumer<ServerConfig.Builder> server) {
        this(store, directoryOf, (engine, s) -> {}, server);
    }

    /** As {@link #TestServer(JdbcRequestStore, Function, Consumer)}, the engine's settings changed by {@code engine}. */
    public TestServer(
            JdbcRequestStore store,
            Function<JdbcRequestStore, Directory> directoryOf,
            java.util.function.BiConsumer<MaaEngine.Builder, JdbcRequestStore> engineSettings,
            Consumer<ServerConfig.Builder> server) {
        this.store = store;
        this.directory = directoryOf.apply(store);
        EmbeddedRegoPolicyEngine policies = EmbeddedRegoPolicyEngine.demo();
        MaaEngine.Builder engineBuilder = MaaEngine.builder()
                .policyEngine(policies)
                .store(store)
                .directory(directory)
                .breakGlass(BreakGlass.of(Set.of("eve"), Set.of("Security Admins")))
                .diffCapture(new AppDiff(catalog))
                .allowPackages("dev.maa.samples", "dev.maa.policies");
        engineSettings.accept(engineBuilder, store);
        engine = engineBuilder.build();
        try {
            decisionLog =
                    java.nio.file.Files.createTempDirectory("maa-decisions").resolve("decisions.jsonl");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        policyService = new PolicyService(
                engine, policies, new InMemoryPolicyRevisionStore(), decisionLog, PolicyService.DEFAULT_IMPACT_WINDOW);
        apps = engine.protect(AppManagement.class, catalog);
        ServerConfig.Builder config = ServerConfig.builder()
                .engine(engine)
                .directory(directory)
                .policyEngine(policies)
                .auth(AuthConfig.hs256(SECRET, AUDIENCE, ISSUER))
                .policyService(policyService)
                .readerGroups(Set.of("Auditors"))
                .port(0)
                .closeOnStop(store);
        server.accept(config);
        this.server = MaaServer.start(config.build());
    }

    /**
     * Appends one decision-log event per call to {@link #decisionLog}: each as the demo policies decide it now, at
     * {@code in.time()}, so a policy change's impact has recorded decisions to replay.
     */
    public void recordDecisions(dev.maa.api.PolicyInput... calls) {
        StringBuilder lines = new StringBuilder();
        dev.maa.core.decisionlog.EventDocuments docs =
                new dev.maa.core.decisionlog.EventDocuments(java.util.Map.of(), List.of(), List.of());
        try (EmbeddedRegoPolicyEngine demo = EmbeddedRegoPolicyEngine.demo()) {
            for (dev.maa.api.PolicyInput in : calls) {
                var d = demo.decide(in);
                lines.append(docs.toJson(
                                new dev.maa.core.decisionlog.DecisionEvent(
                                        d.effect().wireName(), in, d, null, 1),
                                in.time()))
                        .append('\n');
            }
        }
        try {
            java.nio.file.Files.writeString(
                    decisionLog,
                    lines,
                    java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A call by {@code who} (in App Admins) of {@code cls.method} on a {@code type} object, now. */
    public static dev.maa.api.PolicyInput call(
            String who, dev.maa.api.ResourceType type, dev.maa.api.Action action, String cls, String method) {
        return new dev.maa.api.PolicyInput(
                Principal.of(who, "App Admins"),
                dev.maa.api.ResourceRef.of(type, "o-1"),
                action,
                new dev.maa.api.Operation(cls, method, List.of()),
                "",
                "CHG-1",
                false,
                false,
                Instant.now());
    }

    /** alice creates {@code appId} (allowed directly) and then asks to update it: a parked request. */
    public String parkUpdate(String requester, String appId, String justification) {
        return parkUpdate(directory.find(requester).orElseThrow(), appId, justification);
    }

    /** {@link #parkUpdate(String, String, String)} as {@code who}, exactly as given. */
    public String parkUpdate(Principal who, String appId, String justification) {
        try (var as = Maa.actingAs(who);
                var why = Maa.justify(justification)) {
            if (catalog.findApp(appId).isEmpty()) {
                catalog.createApp(new App(appId, "Contoso " + appId, "1.0", Platform.WINDOWS));
            }
            apps.updateApp(new App(appId, "Contoso " + appId, "2.0", Platform.WINDOWS));
            throw new AssertionError("updateApp should have needed approval");
        } catch (ApprovalRequiredException e) {
            return e.requestId();
        }
    }

    /**
     * eve (the emergency account) creates {@code appId} and updates it in a break-glass scope: the update runs at
     * once and is recorded as an emergency request awaiting post-emergency review; returns its id.
     */
    public String emergencyUpdate(String appId, String justification) {
        Principal eve = directory.find("eve").orElseThrow();
        Set<String> before = new java.util.HashSet<>();
        engine.approvals().postReviewQueue().forEach(r -> before.add(r.id()));
        try (var as = Maa.actingAs(eve)) {
            if (catalog.findApp(appId).isEmpty()) {
                catalog.createApp(new App(appId, "Contoso " + appId, "1.0", Platform.WINDOWS));
            }
            try (var emergency = Maa.emergency(justification)) {
                apps.updateApp(new App(appId, "Contoso " + appId, "9.9", Platform.WINDOWS));
            }
        }
        List<String> added = engine.approvals().postReviewQueue().stream()
                .map(ApprovalRequest::id)
                .filter(id -> !before.contains(id))
                .toList();
        if (added.size() != 1) {
            throw new AssertionError("expected one new post-emergency review, found " + added);
        }
        return added.get(0);
    }

    /** Replaces the stored payload of {@code id} with SQL, keeping its digest: what a store-level attacker does. */
    public void tamperPayload(String id, String payload) {
        try (var c = store.dataSource().getConnection();
                var ps = c.prepareStatement("UPDATE maa_request SET payload = ? WHERE id = ?")) {
            ps.setString(1, payload);
            ps.setString(2, id);
            if (ps.executeUpdate() != 1) {
                throw new AssertionError("no request " + id + " to tamper with");
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public ApprovalRequest request(String id) {
        return store.find(id).orElseThrow();
    }

    public static String jwt(String sub, List<String> groups) {
        return jwt(sub, groups, SECRET, AUDIENCE, ISSUER, Instant.now().plusSeconds(600));
    }

    public static String jwt(String sub, List<String> groups, String secret, String aud, String iss, Instant exp) {
        try {
            JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                    .subject(sub)
                    .audience(aud)
                    .issuer(iss)
                    .expirationTime(Date.from(exp))
                    .issueTime(new Date());
            if (groups != null) {
                claims.claim("groups", groups);
            }
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token for a directory user, with the groups the directory gives them. */
    public String tokenFor(String user) {
        return jwt(user, List.copyOf(directory.groupsOf(user)));
    }

    public URI uri(String path) {
        return server.uri().resolve(path);
    }

    public HttpResponse<String> send(String method, String path, String token, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(20))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Opens a streaming GET (Server-Sent Events); returns once the headers arrived. */
    public HttpResponse<java.util.stream.Stream<String>> stream(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Accept", "text/event-stream");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            return http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofLines())
                    .get(20, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot open " + path, e);
        }
    }

    public HttpResponse<String> get(String path, String token) {
        return send("GET", path, token, null);
    }

    public HttpResponse<String> post(String path, String token, String body) {
        return send("POST", path, token, body);
    }

    @Override
    public void close() {
        policyService.close();
        server.close();
    }

    /** Diff of app updates: the catalog's current app against the parked argument. */
    static final class AppDiff implements DiffProvider {
        private final AppCatalog catalog;

        AppDiff(AppCatalog catalog) {
            this.catalog = catalog;
        }

        @Override
        public String resourceType() {
            return "APP";
        }

        @Override
        public Optional<Diff> diff(ApprovalRequest request) {
            var payload = dev.maa.server.internal.Json.readOrNull(request.payload());
            if (payload == null || !request.operation().methodName().equals("updateApp")) {
                return Optional.empty();
            }
            var after = payload.path("args").path(0).path("value");
            String before = catalog.findApp(after.path("id").asText())
                    .map(a -> "name: " + a.name() + "\nversion: " + a.version() + "\nplatform: " + a.platform() + "\n")
                    .orElse("");
            return Optional.of(Diff.of(
                    "app " + after.path("id").asText(),
                    before,
                    "name: " + after.path("name").asText() + "\nversion: "
                            + after.path("version").asText() + "\nplatform: "
                            + after.path("platform").asText() + "\n"));
        }
    }
}

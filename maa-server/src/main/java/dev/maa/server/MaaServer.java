package dev.maa.server;

import dev.maa.api.MaaException;
import dev.maa.core.view.Visibility;
import dev.maa.server.internal.ApiError;
import dev.maa.server.internal.AuditRoutes;
import dev.maa.server.internal.Authenticator;
import dev.maa.server.internal.ConsoleAuth;
import dev.maa.server.internal.ConsoleRoutes;
import dev.maa.server.internal.ConsoleSessions;
import dev.maa.server.internal.EventHub;
import dev.maa.server.internal.Json;
import dev.maa.server.internal.OidcProvider;
import dev.maa.server.internal.OidcRoutes;
import dev.maa.server.internal.PasskeyRoutes;
import dev.maa.server.internal.PolicyChangeDiff;
import dev.maa.server.internal.PolicyRoutes;
import dev.maa.server.internal.ProblemErrorHandler;
import dev.maa.server.internal.Problems;
import dev.maa.server.internal.RequestRoutes;
import dev.maa.server.internal.Routes;
import dev.maa.server.internal.ServerMetrics;
import dev.maa.server.internal.scim.ScimRoutes;
import dev.maa.store.jdbc.ClockSkew;
import dev.maa.store.jdbc.JdbcRequestStore;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MAA server: REST API, web console, OPA bundle service, health and metrics, on one port.
 *
 * <pre>{@code
 * try (MaaServer server = MaaServer.start(config)) {
 *     System.out.println("Console: " + server.uri().resolve("/console/"));
 * }
 * }</pre>
 *
 * Every action goes through the engine's {@code ApprovalService} with the principal of the request's bearer token;
 * the server adds authentication, visibility for reads, and HTTP, never approval rules of its own.
 */
public final class MaaServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MaaServer.class);

    private final ServerConfig config;
    private final Javalin app;
    private final Routes routes;
    private final Authenticator authenticator;
    private final EventHub events;

    private MaaServer(ServerConfig config, Javalin app, Routes routes, Authenticator authenticator, EventHub events) {
        this.config = config;
        this.events = events;
        this.app = app;
        this.routes = routes;
        this.authenticator = authenticator;
    }

    /** Starts listening on {@code config.bind():config.port()}; returns once the port is bound. */
    public static MaaServer start(ServerConfig config) {
        OidcProvider oidc = config.auth().mode() == AuthConfig.Mode.OIDC
                ? OidcProvider.discover(config.auth().oidcSettings())
                : null;
        boolean trustTokenGroups =
                config.trustTokenGroups() || oidc != null && oidc.settings().trustTokenGroups();
        Authenticator authenticator = trustTokenGroups
                ? config.auth().authenticator(oidc)
                : Authenticator.withoutClaimedGroups(config.auth().authenticator(oidc));
        ServerMetrics metrics = new ServerMetrics(config.store(), config.meterRegistry());
        metrics.decisions(config.engine().decisionCounts());
        ConsoleAuth console = new ConsoleAuth(
                new ConsoleSessions(config.auth().sessions(), Clock.systemUTC()),
                authenticator,
                oidc != null
                        ? ConsoleAuth.Mode.OIDC
                        : config.auth().mode() == AuthConfig.Mode.DEV_TOKENS
                                ? ConsoleAuth.Mode.DEV
                                : ConsoleAuth.Mode.NONE,
                oidc == null ? null : oidc.settings().publicUrl());
        Routes routes = new Routes(authenticator, console);
        Visibility visibility = new Visibility(
                config.directory(),
                config.readerGroups(),
                config.engine().breakGlass().reviewerGroups());
        routes.publicRoute(HandlerType.GET, "/health", ctx -> health(ctx, config));
        routes.authenticated(
                HandlerType.GET,
                "/metrics",
                (ctx, p) -> ctx.contentType(ServerMetrics.CONTENT_TYPE).result(metrics.scrape()));
        Map<String, DiffProvider> diffs = new LinkedHashMap<>(config.diffProviders());
        if (config.policyService() != null) {
            diffs.putIfAbsent("ACCESS_POLICY", new PolicyChangeDiff(config.policyService()));
        }
        new RequestRoutes(config.engine().approvals(), visibility, diffs, metrics).register(routes);
        new PolicyRoutes(
                        config.policyEngine(),
                        config.policySet(),
                        config.policyService(),
                        config.engine().breakGlass())
                .register(routes);
        new AuditRoutes(config.store(), visibility).register(routes);
        EventHub events = new EventHub(config.store(), visibility);
        events.register(routes);
        new ConsoleRoutes().register(routes);
        console.register(routes);
        new OidcRoutes(oidc, console, Clock.systemUTC()).register(routes);
        new PasskeyRoutes(config.engine(), "MAA", config.passkeyAaguids(), Clock.systemUTC()).register(routes);
        if (config.scimStore() != null) {
            new ScimRoutes(config.scimStore(), config.scimToken()).register(routes);
        }

        Javalin app = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.startup.showOldJavalinVersionWarning = false;
            c.startup.startupWatcherEnabled = false;
            c.http.maxRequestSize = 1_000_000L;
            c.http.prefer405over404 = true;
            c.jetty.modifyServer(server -> server.setErrorHandler(new ProblemErrorHandler()));
            // Jetty's HTTP parser keeps a per-connection cache of header fields that by default matches values
            // ignoring case: on a keep-alive connection a case variant of an earlier Authorization header reached
            // the server as the earlier (valid) value. Bearer tokens compare exactly, so the cache must too.
            c.jetty.modifyHttpConfiguration(http -> http.setHeaderCacheCaseSensitive(true));
            c.requestLogger.http(
                    (ctx, ms) -> metrics.httpRequest(ctx.method().name(), routeOf(ctx), ctx.statusCode(), ms));
            c.routes.before(MaaServer::securityHeaders);
            c.routes.exception(ApiError.class, Problems::apiError);
            c.routes.exception(MaaException.class, Problems::maa);
            c.routes.exception(HttpResponseException.class, Problems::http);
            c.routes.exception(Exception.class, Problems::unexpected);
            for (int status : new int[] {400, 404, 405, 413, 415, 500}) {
                c.routes.error(status, ctx -> {
                    String type = ctx.res().getContentType();
                    // an error a handler rendered itself (problem+json, a SCIM error body, a sign-in page of
                    // OidcRoutes) stays as it is
                    if (type == null
                            || !(type.startsWith(Problems.CONTENT_TYPE)
                                    || type.startsWith("application/scim+json")
                                    || type.startsWith("text/html"))) {
                        Problems.write(
                                ctx,
                                status,
                                "http-" + status,
                                Problems.titleFor(status),
                                status == 404 ? "No endpoint " + ctx.method() + " " + clip(ctx.path()) + "." : "");
                    }
                });
            }
            routes.install(c.routes);
        });

        try {
            app.start(config.bind(), config.port());
        } catch (RuntimeException e) {
            events.close();
            app.stop();
            throw new ServerStartException(
                    "Cannot listen on " + config.bind() + ":" + config.port() + ": " + e.getMessage()
                            + ". Is another server on that port? Choose one with --port.",
                    e);
        }
        MaaServer server = new MaaServer(config, app, routes, authenticator, events);
        LOG.info("maa-server listening on {} ({})", server.uri(), authenticator.describe());
        return server;
    }

    private static void securityHeaders(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        if (ctx.path().startsWith("/api/")) {
            ctx.header("Cache-Control", "no-store");
        }
    }

    private static void health(Context ctx, ServerConfig config) {
        Map<String, Object> m = new LinkedHashMap<>();
        int status = 200;
        try {
            config.store().find("health-check-probe");
            m.put("store", "UP");
        } catch (RuntimeException e) {
            m.put("store", "DOWN");
            status = 503;
        }
        m.put("status", status == 200 ? "UP" : "DOWN");
        if (config.store() instanceof JdbcRequestStore jdbc
                && jdbc.lastClockSkew().isPresent()) {
            // expiry and executor leases follow each node's clock: a skew beyond the bound is a warning, not DOWN
            ClockSkew skew = jdbc.lastClockSkew().get();
            Map<String, Object> clock = new LinkedHashMap<>();
            clock.put("skewMillis", skew.skew().toMillis());
            clock.put("boundMillis", skew.bound().toMillis());
            clock.put("inSync", !skew.beyondBound());
            clock.put("detail", skew.describe());
            m.put("clock", clock);
        }
        ctx.status(status).contentType("application/json").result(Json.write(m));
    }

    private static String routeOf(Context ctx) {
        try {
            var endpoint = ctx.endpoints().matchedHttpEndpoint();
            return endpoint == null || endpoint.path.isEmpty() ? "unmatched" : endpoint.path;
        } catch (RuntimeException e) {
            return "unmatched";
        }
    }

    private static String clip(String path) {
        String p = path.replaceAll("[^\\p{Graph}]", "?");
        return p.length() > 80 ? p.substring(0, 80) + "..." : p;
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return app.port();
    }

    /** {@code http://<bind>:<port>}. */
    public URI uri() {
        String host = config.bind().contains(":") ? "[" + config.bind() + "]" : config.bind();
        if (host.equals("0.0.0.0")) {
            host = "127.0.0.1";
        }
        return URI.create("http://" + host + ":" + port());
    }

    public ServerConfig config() {
        return config;
    }

    /** Every registered route as {@code "get /api/v1/requests"}, with its access level; for docs and tests. */
    public List<String> routes() {
        List<String> out = new ArrayList<>();
        for (Routes.Route r : routes.routes()) {
            out.add(r.method() + " " + r.path() + " " + r.access());
        }
        return Collections.unmodifiableList(out);
    }

    /** Describes the authentication in force, for the start-up banner. */
    public String authDescription() {
        return authenticator.describe();
    }

    /** Stops listening and closes the resources the config registered. */
    @Override
    public void close() {
        events.close();
        app.stop();
        List<AutoCloseable> resources = new ArrayList<>(config.resources());
        Collections.reverse(resources);
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception e) {
                LOG.warn("Closing {} failed: {}", r, e.toString());
            }
        }
    }
}

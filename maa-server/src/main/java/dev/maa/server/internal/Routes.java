package dev.maa.server.internal;

import dev.maa.api.Principal;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The server's route table: every route is registered here with its access level and the query parameters it
 * accepts, so that authentication cannot be forgotten on a handler, an unknown query parameter (a typo such as
 * {@code ?stauts=}) is refused instead of silently ignored, and tests can check that every route is documented in
 * the OpenAPI document. Javalin 7 takes routes only while it is configured, so the table is filled first and then
 * {@linkplain #install installed} into Javalin's configuration.
 */
public final class Routes {

    /** Who may call a route. */
    public enum Access {
        PUBLIC,
        AUTHENTICATED,
        /** The handler checks a credential of its own (SCIM's bearer token) and its query, in its protocol's form. */
        OWN_TOKEN
    }

    /** One registered route; {@code path} uses the OpenAPI {@code {param}} syntax. */
    public record Route(String method, String path, Access access) {}

    /** A handler that runs only for an authenticated principal. */
    @FunctionalInterface
    public interface AuthenticatedHandler {
        void handle(Context ctx, Principal principal) throws Exception;
    }

    /** A handler of a public route. */
    @FunctionalInterface
    public interface PublicHandler {
        void handle(Context ctx) throws Exception;
    }

    private record Installed(HandlerType method, String path, Handler handler) {}

    /** The request attribute holding when the caller's token or session expires ({@link Instant}), if it does. */
    public static final String EXPIRES_AT = "maa.expiresAt";

    private final Authenticator authenticator;
    private final ConsoleAuth console;
    private final List<Route> routes = new ArrayList<>();
    private final List<Installed> handlers = new ArrayList<>();

    public Routes(Authenticator authenticator) {
        this(authenticator, null);
    }

    /** With the console's session cookies accepted where no Authorization header is sent ({@code console}). */
    public Routes(Authenticator authenticator, ConsoleAuth console) {
        this.authenticator = authenticator;
        this.console = console;
    }

    /** A public route that accepts no query parameters. */
    public void publicRoute(HandlerType method, String path, PublicHandler handler) {
        publicRoute(method, path, Set.of(), handler);
    }

    /** A public route that accepts the query parameters {@code query} (each at most once). */
    public void publicRoute(HandlerType method, String path, Set<String> query, PublicHandler handler) {
        routes.add(new Route(method.name().toLowerCase(Locale.ROOT), path, Access.PUBLIC));
        handlers.add(new Installed(method, path, ctx -> {
            checkQuery(ctx, query);
            handler.handle(ctx);
        }));
    }

    /** An authenticated route that accepts no query parameters. */
    public void authenticated(HandlerType method, String path, AuthenticatedHandler handler) {
        authenticated(method, path, Set.of(), handler);
    }

    /** An authenticated route that accepts the query parameters {@code query} (each at most once). */
    public void authenticated(HandlerType method, String path, Set<String> query, AuthenticatedHandler handler) {
        routes.add(new Route(method.name().toLowerCase(Locale.ROOT), path, Access.AUTHENTICATED));
        handlers.add(new Installed(method, path, ctx -> {
            Principal principal = authenticate(ctx);
            checkQuery(ctx, query);
            handler.handle(ctx, principal);
        }));
    }

    /**
     * A route whose handler authenticates the caller itself with a credential of its own, never an administrator's
     * token, and checks its own query parameters, so that its refusals take its protocol's form (SCIM's error body).
     */
    public void ownToken(HandlerType method, String path, PublicHandler handler) {
        routes.add(new Route(method.name().toLowerCase(Locale.ROOT), path, Access.OWN_TOKEN));
        handlers.add(new Installed(method, path, handler::handle));
    }

    /** Adds every registered route to Javalin's routing configuration. */
    public void install(JavalinDefaultRoutingApi api) {
        for (Installed h : handlers) {
            api.addHttpHandler(h.method(), h.path(), h.handler());
        }
    }

    public List<Route> routes() {
        return List.copyOf(routes);
    }

    /**
     * Refuses query parameters the route does not read, and repeated ones (which of two {@code status} values
     * would win is not obvious): both are a 400 naming the parameter and listing what the route accepts.
     */
    static void checkQuery(Context ctx, Set<String> accepted) {
        for (var e : ctx.queryParamMap().entrySet()) {
            String name = e.getKey();
            if (!accepted.contains(name)) {
                throw ApiError.badRequest(
                        Bodies.printable(name),
                        "Unknown query parameter '" + Bodies.printable(name)
                                + "'; "
                                + (accepted.isEmpty()
                                        ? "this endpoint takes no query parameters."
                                        : "this endpoint accepts " + new TreeSet<>(accepted) + "."));
            }
            if (e.getValue().size() > 1) {
                throw ApiError.badRequest(
                        name,
                        "The query parameter '" + name + "' is given more than once; give it"
                                + " once (status takes a comma-separated list).");
            }
        }
    }

    /**
     * The principal of the request's bearer token, or, without an Authorization header, of the console session its
     * cookie names ({@link ConsoleAuth}: CSRF-checked); identity never comes from anything else. The scheme name is
     * case-insensitive (RFC 9110); the token after it is passed on exactly as sent.
     */
    public Principal authenticate(Context ctx) {
        String header = ctx.header("Authorization");
        if ((header == null || header.isBlank()) && console != null && console.hasSession(ctx)) {
            return authenticated(ctx, console.authenticate(ctx));
        }
        if (header == null || header.isBlank()) {
            throw ApiError.unauthenticated("No Authorization header. Send 'Authorization: Bearer <token>'.");
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
            throw ApiError.unauthenticated("The Authorization header must use the Bearer scheme.");
        }
        String token = header.substring(7).trim();
        if (token.isEmpty()) {
            throw ApiError.unauthenticated("The bearer token is empty.");
        }
        return authenticated(ctx, authenticator.authenticateWithExpiry(token));
    }

    private static Principal authenticated(Context ctx, Authenticator.Authenticated a) {
        ctx.attribute("maa.principal", a.principal().id());
        if (a.expiresAt() != null) {
            ctx.attribute(EXPIRES_AT, a.expiresAt());
        }
        return a.principal();
    }
}

package dev.maa.server.internal;

import dev.maa.api.Principal;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The server's route table: every route is registered here with its access level, so that authentication cannot
 * be forgotten on a handler and tests can check that every route is documented in the OpenAPI document.
 */
public final class Routes {

    /** Who may call a route. */
    public enum Access { PUBLIC, AUTHENTICATED }

    /** One registered route; {@code path} uses the OpenAPI {@code {param}} syntax. */
    public record Route(String method, String path, Access access) {
    }

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

    private final Javalin app;
    private final Authenticator authenticator;
    private final List<Route> routes = new ArrayList<>();

    public Routes(Javalin app, Authenticator authenticator) {
        this.app = app;
        this.authenticator = authenticator;
    }

    public void publicRoute(HandlerType method, String path, PublicHandler handler) {
        routes.add(new Route(method.name().toLowerCase(Locale.ROOT), path, Access.PUBLIC));
        app.addHttpHandler(method, path, handler::handle);
    }

    public void authenticated(HandlerType method, String path, AuthenticatedHandler handler) {
        routes.add(new Route(method.name().toLowerCase(Locale.ROOT), path, Access.AUTHENTICATED));
        app.addHttpHandler(method, path, ctx -> handler.handle(ctx, authenticate(ctx)));
    }

    public List<Route> routes() {
        return List.copyOf(routes);
    }

    /** The principal of the request's bearer token; identity never comes from anything else. */
    public Principal authenticate(Context ctx) {
        String header = ctx.header("Authorization");
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
        Principal principal = authenticator.authenticate(token);
        ctx.attribute("maa.principal", principal.id());
        return principal;
    }
}

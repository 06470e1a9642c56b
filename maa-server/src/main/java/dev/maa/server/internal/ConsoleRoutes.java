package dev.maa.server.internal;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The web console: static files (HTML, CSS, vanilla JS) from the class path, served with a strict Content
 * Security Policy (no inline script, no third-party origins), and the OpenAPI document.
 */
public final class ConsoleRoutes {

    private static final String BASE = "/dev/maa/server/console/";
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";
    private static final Map<String, String> ASSETS = Map.of(
            "app.js", "text/javascript; charset=utf-8",
            "passkeys.js", "text/javascript; charset=utf-8",
            "app.css", "text/css; charset=utf-8",
            "index.html", "text/html; charset=utf-8");

    private final Map<String, byte[]> content;
    private final byte[] openApi;

    public ConsoleRoutes() {
        content = Map.of(
                "app.js",
                read(BASE + "app.js"),
                "passkeys.js",
                read(BASE + "passkeys.js"),
                "app.css",
                read(BASE + "app.css"),
                "index.html",
                read(BASE + "index.html"));
        openApi = read("/dev/maa/server/openapi.json");
    }

    public void register(Routes routes) {
        routes.publicRoute(HandlerType.GET, "/", ctx -> ctx.redirect("/console/"));
        routes.publicRoute(HandlerType.GET, "/console", ctx -> asset(ctx, "index.html"));
        routes.publicRoute(HandlerType.GET, "/console/{asset}", ctx -> asset(ctx, ctx.pathParam("asset")));
        routes.publicRoute(
                HandlerType.GET,
                "/api/v1/openapi.json",
                ctx -> ctx.contentType("application/json").result(openApi));
    }

    private void asset(Context ctx, String name) {
        byte[] bytes = content.get(name);
        if (bytes == null) {
            throw ApiError.notFound("No console file '" + (name.length() > 40 ? name.substring(0, 40) : name) + "'.");
        }
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Cache-Control", "no-cache");
        ctx.contentType(ASSETS.get(name)).result(bytes);
    }

    public static byte[] read(String resource) {
        try (InputStream in = ConsoleRoutes.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + resource + " in the maa-server jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

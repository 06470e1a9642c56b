package dev.maa.server.internal;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The web console: static files (HTML, CSS, vanilla JS, and CodeMirror from its WebJar for the Rego editor) from the
 * class path, served with a strict Content Security Policy (no inline script, no third-party origins), and the
 * OpenAPI document.
 */
public final class ConsoleRoutes {

    /** The console's files, name to class-path resource: one list, also read by the Spring starter's console. */
    public static final String ASSETS = "/dev/maa/server/console/assets.properties";

    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

    private final Map<String, byte[]> content = new HashMap<>();
    private final byte[] openApi;

    public ConsoleRoutes() {
        Properties assets = new Properties();
        try (InputStream in = new ByteArrayInputStream(read(ASSETS))) {
            assets.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String name : assets.stringPropertyNames()) {
            content.put(name, read("/" + assets.getProperty(name)));
        }
        openApi = read("/dev/maa/server/openapi.json");
    }

    private static String contentType(String name) {
        return name.endsWith(".js")
                ? "text/javascript; charset=utf-8"
                : name.endsWith(".css") ? "text/css; charset=utf-8" : "text/html; charset=utf-8";
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
        ctx.contentType(contentType(name)).result(bytes);
    }

    public static byte[] read(String resource) {
        // a WebJar's files are in another jar: found through the class loader, not in this module
        try (InputStream in = resource.startsWith("/META-INF/")
                ? ConsoleRoutes.class.getClassLoader().getResourceAsStream(resource.substring(1))
                : ConsoleRoutes.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + resource + " in the maa-server jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.maa.server.internal;

import dev.maa.api.Principal;
import dev.maa.server.internal.Authenticator.Authenticated;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How the console authenticates: a session cookie instead of a bearer token ({@link ConsoleSessions}). Requests
 * that change state and carry the cookie must come from the server's own origin ({@code Origin} header) and carry
 * the session's CSRF token in {@value ConsoleSessions#CSRF_HEADER}, so another site cannot make a signed-in
 * approver's browser approve. The cookie is {@code HttpOnly}, {@code SameSite=Strict}, and {@code Secure} whenever
 * the request came over https (directly, through {@code public_url}, or, when trusted, {@code X-Forwarded-Proto}).
 *
 * <p>Routes: {@code GET /auth/session} (who is signed in, the CSRF token, how to sign in), {@code POST
 * /auth/session} (dev mode only: a pasted dev API token becomes a session, the token never reaches the browser's
 * storage), {@code POST /auth/logout} (ends the session here and says where to go: the provider's end-session
 * endpoint when it has one).
 */
public final class ConsoleAuth {

    /** How the console signs in: {@code oidc}, {@code dev} (pasted dev token) or {@code none} (API tokens only). */
    public enum Mode {
        OIDC,
        DEV,
        NONE
    }

    /** Marks the console's background polls, which do not restart a session's idle clock. */
    static final String BACKGROUND_HEADER = "X-MAA-Background";

    private final ConsoleSessions sessions;
    private final Authenticator authenticator;
    private final Mode mode;
    private final URI publicUrl;
    private OidcRoutes oidc;

    /**
     * @param publicUrl the server's public origin, or {@code null} to take it from each request's {@code Host}
     */
    public ConsoleAuth(ConsoleSessions sessions, Authenticator authenticator, Mode mode, URI publicUrl) {
        this.sessions = sessions;
        this.authenticator = authenticator;
        this.mode = mode;
        this.publicUrl = publicUrl;
    }

    public ConsoleSessions sessions() {
        return sessions;
    }

    void oidc(OidcRoutes routes) {
        this.oidc = routes;
    }

    public void register(Routes routes) {
        routes.publicRoute(HandlerType.GET, "/auth/session", this::session);
        routes.publicRoute(HandlerType.POST, "/auth/session", this::pasteDevToken);
        routes.publicRoute(HandlerType.POST, "/auth/logout", this::logout);
    }

    /** Whether the request carries a session cookie (and no Authorization header, which would win). */
    boolean hasSession(Context ctx) {
        return ctx.cookie(ConsoleSessions.COOKIE) != null;
    }

    /**
     * The caller of a cookie-authenticated request; state-changing methods also need the same origin and the CSRF
     * token.
     */
    Authenticated authenticate(Context ctx) {
        boolean background = "1".equals(ctx.header(BACKGROUND_HEADER));
        ConsoleSessions.Session s = sessions.touch(ctx.cookie(ConsoleSessions.COOKIE), !background)
                .orElseThrow(() -> ApiError.unauthenticated(
                        "The console session has ended (signed out, idle too long, or past its lifetime); sign in"
                                + " again."));
        if (changesState(ctx)) {
            requireSameOrigin(ctx);
            if (!s.csrfMatches(ctx.header(ConsoleSessions.CSRF_HEADER))) {
                throw ApiError.forbidden("The request lacks the session's CSRF token in the "
                        + ConsoleSessions.CSRF_HEADER + " header; reload the console and try again.");
            }
        }
        if (s.devToken() != null) {
            Authenticated a = authenticator.authenticateWithExpiry(s.devToken());
            return new Authenticated(a.principal(), s.expiresAt());
        }
        return new Authenticated(s.principal(), s.expiresAt());
    }

    private static boolean changesState(Context ctx) {
        HandlerType m = ctx.method();
        return m != HandlerType.GET && m != HandlerType.HEAD && m != HandlerType.OPTIONS;
    }

    /** Refuses a request whose {@code Origin} is absent or another site's. */
    void requireSameOrigin(Context ctx) {
        String origin = ctx.header("Origin");
        String expected = origin(ctx);
        if (origin == null || !origin.equalsIgnoreCase(expected)) {
            throw ApiError.forbidden(
                    "Cross-origin request refused: Origin " + (origin == null ? "(none)" : clip(origin))
                            + " is not this server's " + expected + ". Use the console at " + expected + "/console/.");
        }
    }

    /** The server's origin as the browser sees it. */
    String origin(Context ctx) {
        if (publicUrl != null) {
            return publicUrl.getScheme() + "://" + publicUrl.getRawAuthority();
        }
        String host = ctx.header("Host");
        return (secure(ctx) ? "https" : "http") + "://" + (host == null ? "" : host.toLowerCase(Locale.ROOT));
    }

    /** Whether the browser reached the server over https. */
    boolean secure(Context ctx) {
        if (publicUrl != null && publicUrl.getScheme().equals("https")) {
            return true;
        }
        if (ctx.scheme().equalsIgnoreCase("https")) {
            return true;
        }
        return sessions.settings().trustForwardedProto()
                && "https"
                        .equalsIgnoreCase(
                                String.valueOf(ctx.header("X-Forwarded-Proto")).trim());
    }

    /** Sets the session cookie: opaque id, HttpOnly, SameSite=Strict, Secure over https, no Max-Age. */
    void setSessionCookie(Context ctx, ConsoleSessions.Session s) {
        ctx.res()
                .addHeader(
                        "Set-Cookie",
                        ConsoleSessions.COOKIE + "=" + s.id() + "; Path=/; HttpOnly; SameSite=Strict"
                                + (secure(ctx) ? "; Secure" : ""));
    }

    void clearCookie(Context ctx, String name, String path, String sameSite) {
        ctx.res()
                .addHeader(
                        "Set-Cookie",
                        name + "=; Path=" + path + "; Max-Age=0; HttpOnly; SameSite=" + sameSite
                                + (secure(ctx) ? "; Secure" : ""));
    }

    private void session(Context ctx) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", mode.name().toLowerCase(Locale.ROOT));
        var s = sessions.touch(ctx.cookie(ConsoleSessions.COOKIE));
        m.put("signedIn", s.isPresent());
        if (s.isPresent()) {
            Principal p = authenticate(ctx).principal();
            m.put("id", p.id());
            m.put("csrfToken", s.get().csrfToken());
            m.put("expiresAt", s.get().expiresAt().toString());
        } else if (mode == Mode.OIDC) {
            m.put("signInUrl", "/auth/login");
        }
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("application/json").result(Json.write(m));
    }

    private void pasteDevToken(Context ctx) {
        if (mode != Mode.DEV) {
            throw ApiError.forbidden("Pasting a token is possible only in dev mode (auth.mode: dev)."
                    + (mode == Mode.OIDC ? " Sign in with the identity provider: /auth/login." : ""));
        }
        requireSameOrigin(ctx);
        String token =
                Bodies.strings(ctx, Set.of("token")).getOrDefault("token", "").trim();
        if (token.isEmpty()) {
            throw ApiError.badRequest("token", "Paste a token: mint one with maa token create --user <id>.");
        }
        Principal p = authenticator.authenticate(token);
        ConsoleSessions.Session s = sessions.signInWithDevToken(token);
        setSessionCookie(ctx, s);
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("application/json")
                .result(Json.write(Map.of(
                        "id",
                        p.id(),
                        "csrfToken",
                        s.csrfToken(),
                        "expiresAt",
                        s.expiresAt().toString())));
    }

    private void logout(Context ctx) {
        String redirect = "/console/";
        String id = ctx.cookie(ConsoleSessions.COOKIE);
        if (id != null && sessions.touch(id).isPresent()) {
            authenticate(ctx); // the same origin and CSRF checks as every state change
            var ended = sessions.end(id);
            if (oidc != null && ended.isPresent() && ended.get().idToken().isPresent()) {
                redirect = oidc.endSessionUrl(ended.get().idToken().get(), URI.create(origin(ctx) + "/console/"))
                        .map(URI::toString)
                        .orElse(redirect);
            }
        }
        clearCookie(ctx, ConsoleSessions.COOKIE, "/", "Strict");
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("application/json").result(Json.write(Map.of("redirect", redirect)));
    }

    static String clip(String s) {
        String p = s.replaceAll("[^\\p{Graph}]", "?");
        return p.length() > 80 ? p.substring(0, 80) + "..." : p;
    }
}

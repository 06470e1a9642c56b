package dev.maa.server.internal;

import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.Nonce;
import dev.maa.api.DisplayText;
import dev.maa.server.OidcSettings;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's OpenID Connect sign-in (authorization code flow with PKCE S256): {@code GET /auth/login} sends the
 * browser to the provider with a fresh {@code state}, {@code nonce} and code challenge, remembered here and bound to
 * that browser by a short-lived {@code maa_login} cookie; {@code GET /auth/callback} accepts each state once, only
 * from that browser, exchanges the code, validates the ID token ({@link OidcProvider}) and starts a console session.
 * Every refusal is a page that says what went wrong and links back to sign-in. {@code GET /api/v1/auth/oidc} tells
 * the CLI which provider and client to use.
 */
public final class OidcRoutes {

    static final String LOGIN_COOKIE = "maa_login";
    private static final Duration LOGIN_TTL = Duration.ofMinutes(10);
    private static final int MAX_PENDING = 1_000;
    private static final Set<String> CALLBACK_PARAMS =
            Set.of("code", "state", "error", "error_description", "error_uri", "session_state", "iss");
    private static final String CSP =
            "default-src 'none'; style-src 'self'; form-action 'none';" + " frame-ancestors 'none'; base-uri 'none'";

    private record Pending(byte[] browser, Nonce nonce, CodeVerifier verifier, URI redirectUri, Instant started) {}

    private final OidcProvider provider;
    private final ConsoleAuth console;
    private final Clock clock;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    /** @param provider the discovered provider, or {@code null} when none is configured (the routes answer 404) */
    public OidcRoutes(OidcProvider provider, ConsoleAuth console, Clock clock) {
        this.provider = provider;
        this.console = console;
        this.clock = clock;
        if (provider != null) {
            console.oidc(this);
        }
    }

    public void register(Routes routes) {
        routes.publicRoute(HandlerType.GET, "/auth/login", ctx -> configured(ctx, this::login));
        routes.publicRoute(HandlerType.GET, "/auth/callback", CALLBACK_PARAMS, ctx -> configured(ctx, this::callback));
        routes.publicRoute(HandlerType.GET, "/api/v1/auth/oidc", ctx -> configured(ctx, this::discovery));
    }

    private void configured(Context ctx, Routes.PublicHandler handler) throws Exception {
        if (provider == null) {
            throw ApiError.notFound("This server has no OpenID Connect provider (auth.oidc is not configured);"
                    + " use a token from its administrator instead.");
        }
        handler.handle(ctx);
    }

    /** The discovery answer for {@code maa login}: the issuer, the CLI's client id and the scopes to ask for. */
    private void discovery(Context ctx) {
        OidcSettings s = provider.settings();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("issuer", provider.issuer());
        m.put("clientId", s.cliClientId());
        m.put("scopes", s.cliScopes());
        ctx.contentType("application/json").result(Json.write(m));
    }

    private void login(Context ctx) {
        Instant now = clock.instant();
        pending.values().removeIf(p -> p.started().plus(LOGIN_TTL).isBefore(now));
        if (pending.size() >= MAX_PENDING) {
            throw ApiError.unauthenticated("Too many sign-ins are under way (" + MAX_PENDING + " in 10 minutes);"
                    + " try again in a few minutes.");
        }
        String browser = ConsoleSessions.random();
        State state = new State();
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        URI redirect = redirectUri(ctx);
        pending.put(state.getValue(), new Pending(bytes(browser), nonce, verifier, redirect, now));
        // Lax, not Strict: the provider's redirect back to the callback is a cross-site navigation
        ctx.res()
                .addHeader(
                        "Set-Cookie",
                        LOGIN_COOKIE + "=" + browser + "; Path=/auth/; Max-Age=" + LOGIN_TTL.toSeconds()
                                + "; HttpOnly; SameSite=Lax" + (console.secure(ctx) ? "; Secure" : ""));
        ctx.header("Cache-Control", "no-store");
        ctx.redirect(provider.authorizationUrl(redirect, state, nonce, verifier).toString());
    }

    private void callback(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        String stateParam = ctx.queryParam("state");
        Pending p = stateParam == null ? null : pending.remove(stateParam);
        console.clearCookie(ctx, LOGIN_COOKIE, "/auth/", "Lax");
        if (p == null || p.started().plus(LOGIN_TTL).isBefore(clock.instant())) {
            page(
                    ctx,
                    400,
                    "Sign-in refused",
                    "The sign-in's state is unknown, expired or already used. Each"
                            + " sign-in works once, within 10 minutes, in the browser that started it.");
            return;
        }
        String browser = ctx.cookie(LOGIN_COOKIE);
        if (browser == null || !MessageDigest.isEqual(bytes(browser), p.browser())) {
            page(
                    ctx,
                    400,
                    "Sign-in refused",
                    "This sign-in was started in another browser (or its cookie was" + " lost). Start it again here.");
            return;
        }
        String error = ctx.queryParam("error");
        if (error != null) {
            String description = ctx.queryParam("error_description");
            page(
                    ctx,
                    401,
                    "Sign-in refused by the identity provider",
                    "The provider answered " + error + (description == null ? "" : ": " + description) + ".");
            return;
        }
        String code = ctx.queryParam("code");
        if (code == null || code.isBlank() || code.length() > 4096) {
            page(ctx, 400, "Sign-in refused", "The provider sent no authorization code.");
            return;
        }
        OidcProvider.SignIn signIn;
        try {
            signIn = provider.exchange(code, p.redirectUri(), p.verifier(), p.nonce());
        } catch (ApiError e) {
            page(ctx, 401, "Sign-in refused", e.getMessage());
            return;
        }
        ConsoleSessions.Session s = console.sessions().signIn(signIn.principal(), signIn.idToken());
        console.setSessionCookie(ctx, s);
        // A same-site page navigates on: a redirect here would keep the cross-site context of the provider's
        // redirect, and the browser would not send the SameSite=Strict cookie with it.
        ctx.header("Content-Security-Policy", CSP);
        ctx.contentType("text/html; charset=utf-8")
                .result("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                        + "<meta http-equiv=\"refresh\" content=\"0;url=/console/\"><title>Signed in</title>"
                        + "<link rel=\"stylesheet\" href=\"/console/app.css\"></head><body><section class=\"login\">"
                        + "<p>Signed in as " + html(signIn.principal().id()) + ". <a href=\"/console/\">Open the"
                        + " console</a>.</p></section></body></html>");
    }

    Optional<URI> endSessionUrl(JWT idToken, URI postLogoutRedirect) {
        return provider.endSessionUrl(idToken, postLogoutRedirect);
    }

    private URI redirectUri(Context ctx) {
        return provider.settings().redirectUri().orElseGet(() -> URI.create(console.origin(ctx) + "/auth/callback"));
    }

    private static void page(Context ctx, int status, String title, String detail) {
        ctx.status(status);
        ctx.header("Content-Security-Policy", CSP);
        ctx.contentType("text/html; charset=utf-8")
                .result("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + html(title)
                        + "</title><link rel=\"stylesheet\" href=\"/console/app.css\"></head><body>"
                        + "<section class=\"login\"><h1>" + html(title)
                        + "</h1><p id=\"sign-in-error\" class=\"error\">"
                        + html(detail) + "</p><p><a href=\"/auth/login\">Sign in again</a></p></section>"
                        + "</body></html>");
    }

    /** Escapes for HTML text; hidden characters show as their code points ({@link DisplayText}), like the console. */
    static String html(String s) {
        return DisplayText.escapeLine(s)
                .replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

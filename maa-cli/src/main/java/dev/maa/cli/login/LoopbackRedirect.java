package dev.maa.cli.login;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationErrorResponse;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.maa.cli.CliException;
import dev.maa.cli.ExitCodes;
import dev.maa.server.cli.CommandName;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The authorization code flow for native apps through a loopback redirect (RFC 8252, section 7.3): {@code maa}
 * listens on {@code 127.0.0.1} on a random port, sends the browser to the provider with a PKCE S256 challenge
 * (RFC 7636) and a random {@code state}, and redeems the code that comes back with the verifier.
 *
 * <p>A redirect whose {@code state} is not this sign-in's is answered 400 and ignored (another page on this machine can
 * reach the port; it must not be able to plant its own code), and the flow keeps waiting for the real one. Register
 * {@code http://127.0.0.1/callback} (any port) as a redirect URI of the client at the provider.
 */
public final class LoopbackRedirect {

    /** How long to wait for the browser to come back. */
    public static final Duration TIMEOUT = Duration.ofMinutes(5);

    static final String PATH = "/callback";

    private final OidcProvider provider;
    private final Clock clock;

    public LoopbackRedirect(OidcProvider provider, Clock clock) {
        this.provider = provider;
        this.clock = clock;
    }

    /**
     * Runs the flow: prints the authorization URL on {@code out}, hands it to {@code browser} (which may do nothing),
     * and waits for the redirect.
     */
    public Credentials signIn(PrintWriter out, PrintWriter err, Consumer<URI> browser) {
        State state = new State();
        CodeVerifier verifier = new CodeVerifier();
        CompletableFuture<AuthorizationCode> code = new CompletableFuture<>();
        HttpServer server = listen(state, code, err);
        try {
            URI redirect = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
            URI authorize = new AuthorizationRequest.Builder(
                            new ResponseType(ResponseType.Value.CODE), provider.clientId())
                    .endpointURI(provider.metadata().getAuthorizationEndpointURI())
                    .redirectionURI(redirect)
                    .scope(provider.scope())
                    .state(state)
                    .codeChallenge(verifier, CodeChallengeMethod.S256)
                    .build()
                    .toURI();
            out.println("To sign in, open this address in a browser on this machine:");
            out.println("  " + authorize);
            out.println("Waiting for the browser to come back to " + redirect + " ...");
            out.flush();
            browser.accept(authorize);
            AuthorizationCode received = await(code);
            OidcProvider.TokenResult r =
                    provider.requestTokens(new AuthorizationCodeGrant(received, redirect, verifier), "browser", clock);
            if (r.credentials() == null) {
                throw new CliException(
                        ExitCodes.FAILED,
                        "The provider refused the sign-in code (" + OidcProvider.describe(r.error())
                                + "). Nothing was stored; run `" + CommandName.self() + " login --browser` again.");
            }
            return r.credentials();
        } finally {
            server.stop(0);
        }
    }

    private static HttpServer listen(State state, CompletableFuture<AuthorizationCode> code, PrintWriter err) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new CliException(
                    ExitCodes.FAILED,
                    "Cannot listen on 127.0.0.1 for the browser's redirect (" + e.getMessage() + "). Use `"
                            + CommandName.self() + " login --device` instead.");
        }
        server.createContext(PATH, exchange -> {
            try (exchange) {
                handle(exchange, state, code, err);
            }
        });
        server.start();
        return server;
    }

    private static void handle(
            HttpExchange exchange, State state, CompletableFuture<AuthorizationCode> code, PrintWriter err)
            throws IOException {
        if (!exchange.getRequestMethod().equals("GET") || code.isDone()) {
            reply(exchange, 400, "This sign-in is not waiting for a redirect.");
            return;
        }
        AuthorizationResponse response;
        try {
            response = AuthorizationResponse.parse(exchange.getRequestURI());
        } catch (ParseException e) {
            reply(exchange, 400, "This is not an authorization response.");
            return;
        }
        if (response.getState() == null || !sameState(response.getState(), state)) {
            err.println("maa: ignored a redirect to the sign-in port whose state is not this sign-in's.");
            err.flush();
            reply(exchange, 400, "The state of this redirect does not match the sign-in. Ignored.");
            return;
        }
        if (!response.indicatesSuccess()) {
            AuthorizationErrorResponse error = response.toErrorResponse();
            code.completeExceptionally(new CliException(
                    OAuth2Error.ACCESS_DENIED.equals(error.getErrorObject()) ? ExitCodes.NOT_ALLOWED : ExitCodes.FAILED,
                    "The provider did not sign you in (" + OidcProvider.describe(error.getErrorObject())
                            + "). Nothing was stored."));
            reply(exchange, 200, "Sign-in failed; see the terminal.");
            return;
        }
        code.complete(response.toSuccessResponse().getAuthorizationCode());
        reply(exchange, 200, "Signed in to maa. You can close this tab and return to the terminal.");
    }

    private static boolean sameState(State a, State b) {
        return MessageDigest.isEqual(
                a.getValue().getBytes(StandardCharsets.UTF_8), b.getValue().getBytes(StandardCharsets.UTF_8));
    }

    private static void reply(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = ("<!doctype html><meta charset=utf-8><title>maa</title><p>" + text + "</p>")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(body);
        }
    }

    private static AuthorizationCode await(CompletableFuture<AuthorizationCode> code) {
        try {
            return code.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new CliException(
                    ExitCodes.FAILED,
                    "The browser did not come back within " + TIMEOUT.toMinutes() + " minutes. Nothing was stored;"
                            + " run `" + CommandName.self() + " login` again (or `" + CommandName.self()
                            + " login --device` when the browser is elsewhere).");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof CliException c ? c : new CliException(ExitCodes.FAILED, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.FAILED, "Interrupted while waiting for the browser. Nothing was stored.");
        }
    }
}

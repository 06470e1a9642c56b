package dev.maa.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.maa.cli.CliException;
import dev.maa.cli.ExitCodes;
import dev.maa.cli.Json;
import dev.maa.cli.backend.RemoteBackend;
import dev.maa.cli.backend.TokenSource;
import dev.maa.cli.login.Browser;
import dev.maa.cli.login.Credentials;
import dev.maa.cli.login.CredentialsFile;
import dev.maa.cli.login.DeviceGrant;
import dev.maa.cli.login.LoopbackRedirect;
import dev.maa.cli.login.OidcProvider;
import dev.maa.core.config.MaaHome;
import dev.maa.server.cli.CommandName;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code maa login}, {@code maa logout} and {@code maa whoami}: signing in to a server through its identity provider,
 * the tokens cached in {@code ~/.maa/credentials}, and who the server takes you for.
 */
public final class SignInCommands {

    private SignInCommands() {}

    /** The server and home options of login and logout. */
    static final class Target {
        @Option(
                names = "--server",
                paramLabel = "URL",
                description = "The maa server to sign in to (default $MAA_SERVER).")
        URI server;

        @Option(
                names = "--home",
                paramLabel = "DIR",
                description = "MAA home holding the credentials file (default: $MAA_HOME or ~/.maa).")
        Path home;

        @Option(names = "--verbose", description = "Print stack traces of errors.")
        boolean verbose;

        URI server(String command) {
            URI url = DevOptions.serverOr(server);
            if (url == null) {
                throw new CliException(
                        ExitCodes.USAGE, "`" + command + "` needs a server: pass --server URL or set MAA_SERVER.");
            }
            return url;
        }

        CredentialsFile credentials() {
            return new CredentialsFile(MaaHome.resolve(home, System.getenv()));
        }
    }

    @Command(
            name = "login",
            description = {
                "Sign in to a maa server through its identity provider and keep the tokens in ~/.maa/credentials.",
                "Without --device or --browser: the browser flow on a desktop, the device flow over SSH or without a"
                        + " display."
            })
    public static final class Login implements Runnable {

        @Spec
        CommandSpec spec;

        @Mixin
        Target target;

        @Option(
                names = "--issuer",
                paramLabel = "URL",
                description = "The provider's issuer URL (default: the one the server names at /api/v1/auth/oidc).")
        URI issuer;

        @Option(
                names = "--client-id",
                paramLabel = "ID",
                description = "The provider's client id for maa (with --issuer).")
        String clientId;

        @Option(
                names = "--scope",
                split = ",",
                paramLabel = "SCOPE",
                description = "Scopes to ask for (default: the server's, else openid,profile,offline_access).")
        List<String> scopes = new ArrayList<>();

        @ArgGroup(exclusive = true)
        Flow flow = new Flow();

        static final class Flow {
            @Option(
                    names = "--device",
                    description = "Device flow (RFC 8628): enter a code in a browser on any device; works over SSH.")
            boolean device;

            @Option(
                    names = "--browser",
                    description = "Browser flow (RFC 8252): a browser on this machine comes back to 127.0.0.1.")
            boolean browser;
        }

        @Option(names = "--no-launch", description = "With the browser flow: print the address, start no browser.")
        boolean noLaunch;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            URI server = target.server("maa login");
            OidcProvider provider = OidcProvider.discover(settings(server));
            boolean device = flow.device
                    || (!flow.browser
                            && provider.offersDeviceGrant()
                            && !Browser.atHand(System.getenv(), System.getProperty("os.name", "")));
            Clock clock = Clock.systemUTC();
            Credentials c = device
                    ? new DeviceGrant(provider, d -> Thread.sleep(d.toMillis()), clock).signIn(out)
                    : new LoopbackRedirect(provider, clock).signIn(out, err, url -> {
                        if (!noLaunch) {
                            Browser.open(url, System.getenv(), err);
                        }
                    });
            JsonNode me = acceptedBy(server, c);
            CredentialsFile file = target.credentials();
            file.put(server, c);
            out.println("Signed in to " + CredentialsFile.key(server) + " as "
                    + me.path("id").asText() + ". The tokens" + " are kept in " + file.path() + "; `"
                    + CommandName.self() + " logout` deletes them.");
            out.flush();
        }

        private OidcProvider.Settings settings(URI server) {
            if (issuer == null) {
                if (clientId != null) {
                    throw new CliException(
                            ExitCodes.USAGE, "--client-id needs --issuer (the server names both, or neither).");
                }
                OidcProvider.Settings s = OidcProvider.ofServer(server);
                return scopes.isEmpty() ? s : new OidcProvider.Settings(s.issuer(), s.clientId(), scopes);
            }
            if (clientId == null || clientId.isBlank()) {
                throw new CliException(
                        ExitCodes.USAGE, "--issuer needs --client-id: the client registered for maa at the provider.");
            }
            return new OidcProvider.Settings(issuer, clientId, scopes.isEmpty() ? OidcProvider.DEFAULT_SCOPES : scopes);
        }

        /** Asks the server who the new token is, so a token the server refuses is never stored. */
        private static JsonNode acceptedBy(URI server, Credentials c) {
            try {
                return new RemoteBackend(server, TokenSource.fixed(c.accessToken())).me();
            } catch (CliException e) {
                throw new CliException(
                        e.exitCode(),
                        "The provider signed you in, but " + server + " does not accept its token: " + e.getMessage()
                                + ". Nothing was stored. Check that the server's auth settings (jwks, audience,"
                                + " issuer) match the provider's client " + c.clientId() + ".");
            }
        }
    }

    @Command(
            name = "logout",
            description = "Delete the tokens `maa login` kept for a server, and revoke them at the provider when it"
                    + " has a revocation endpoint.")
    public static final class Logout implements Runnable {

        @Spec
        CommandSpec spec;

        @Mixin
        Target target;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            URI server = target.server("maa logout");
            CredentialsFile file = target.credentials();
            Optional<Credentials> found = file.find(server);
            if (found.isEmpty()) {
                out.println("Not signed in to " + CredentialsFile.key(server) + " (no entry in " + file.path() + ").");
                out.flush();
                return;
            }
            Credentials c = found.get();
            file.remove(server); // first: the tokens leave this machine even if the provider cannot be reached
            if (c.revocationEndpoint() == null) {
                out.println("Signed out of " + CredentialsFile.key(server) + ": the tokens were deleted. The provider"
                        + " has no revocation endpoint, so they stay valid there until they expire"
                        + (c.expiresAt() == null ? "." : " (the access token at " + c.expiresAt() + ")."));
                out.flush();
                return;
            }
            boolean accessRevoked;
            try {
                accessRevoked = OidcProvider.revokeAll(c);
            } catch (CliException e) {
                throw new CliException(
                        ExitCodes.UNAVAILABLE,
                        "Signed out of " + CredentialsFile.key(server) + " here (the tokens were deleted from "
                                + file.path() + "), but revoking them at the provider failed: " + e.getMessage()
                                + " They stay valid there until they expire; end the session at the provider if they"
                                + " may have leaked.");
            }
            out.println("Signed out of " + CredentialsFile.key(server) + ": the tokens were deleted and revoked at "
                    + c.revocationEndpoint()
                    + (accessRevoked
                            ? "."
                            : "; the provider does not revoke access tokens, so the last one stays valid until it"
                                    + " expires" + (c.expiresAt() == null ? "." : " (" + c.expiresAt() + ").")));
            out.flush();
        }
    }

    @Command(
            name = "whoami",
            description = "Who a server takes you for: id, groups and where they come from, token expiry, and how"
                    + " long group changes take to count.")
    public static final class Whoami implements Runnable {

        @Spec
        CommandSpec spec;

        @Mixin
        DevOptions options;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            JsonNode me;
            try (RemoteBackend backend = options.remoteOnly("maa whoami")) {
                me = backend.me();
            }
            URI server = options.server();
            Optional<Credentials> cached = options.explicitToken()
                    ? Optional.empty()
                    : new CredentialsFile(options.home()).find(server); // after the call: a renewal is written first
            ObjectNode view = WhoamiView.of(me, cached, options.explicitToken());
            if (options.json) {
                Json.print(out, view);
            } else {
                WhoamiView.print(out, CredentialsFile.key(server), view);
            }
        }
    }

    /** The shape {@code maa whoami} prints: the server's {@code /api/v1/me} plus what is known about the token. */
    static final class WhoamiView {

        private WhoamiView() {}

        static ObjectNode of(JsonNode me, Optional<Credentials> cached, boolean explicit) {
            ObjectNode view = me.deepCopy();
            ObjectNode token = view.putObject("token");
            token.put("source", explicit ? "--token-file or $MAA_TOKEN" : "maa login");
            cached.ifPresent(c -> {
                token.put("issuer", c.issuer().toString());
                token.put("flow", c.flow());
                token.put(
                        "expiresAt",
                        c.expiresAt() == null ? null : c.expiresAt().toString());
                token.put("renewable", c.refreshToken() != null);
            });
            if (!token.has("expiresAt") && me.hasNonNull("tokenExpiresAt")) {
                token.put("expiresAt", me.get("tokenExpiresAt").asText());
            }
            return view;
        }

        static void print(PrintWriter out, String server, ObjectNode view) {
            List<String> groups = new ArrayList<>();
            view.path("groups").forEach(g -> groups.add(g.asText()));
            JsonNode token = view.path("token");
            out.println("server:      " + server);
            out.println("id:          " + view.path("id").asText());
            out.println("groups:      " + (groups.isEmpty() ? "(none)" : String.join(", ", groups)));
            out.println("groups from: "
                    + (view.hasNonNull("groupsSource")
                            ? view.get("groupsSource").asText()
                            : "not reported by this server (its directory decides reviews)"));
            out.println("token:       from " + token.path("source").asText()
                    + (token.hasNonNull("issuer") ? " (" + token.get("issuer").asText() + ")" : "")
                    + ", " + expiry(token)
                    + (token.path("renewable").asBoolean(false) ? ", renewed with the refresh token when due" : ""));
            out.println("membership:  "
                    + (view.path("membershipTtlSeconds").asLong(0) > 0
                            ? "group changes count within "
                                    + view.get("membershipTtlSeconds").asLong() + " s (the directory's cache)"
                            : "checked at each review"));
            out.flush();
        }

        private static String expiry(JsonNode token) {
            if (!token.hasNonNull("expiresAt")) {
                return "expiry unknown";
            }
            Instant at = Instant.parse(token.get("expiresAt").asText());
            Duration left = Duration.between(Instant.now(), at);
            return left.isNegative() ? "expired at " + at : "expires at " + at + " (in " + left.toMinutes() + " min)";
        }
    }
}

package dev.maa.cli.commands;

import dev.maa.cli.CliException;
import dev.maa.cli.DevEnvironment;
import dev.maa.cli.ExitCodes;
import dev.maa.cli.backend.Backend;
import dev.maa.cli.backend.LocalBackend;
import dev.maa.cli.backend.RemoteBackend;
import dev.maa.cli.backend.TokenSource;
import dev.maa.cli.login.CredentialsFile;
import dev.maa.cli.login.StoredTokens;
import dev.maa.core.config.MaaHome;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine.Option;

/**
 * Options shared by the commands that act on requests: where (a server, or the local dev store), as whom, and
 * how to print.
 */
public final class DevOptions {

    @Option(
            names = "--server",
            paramLabel = "URL",
            description = "A maa server (e.g. http://127.0.0.1:8080); default $MAA_SERVER, else the local dev store.")
    URI server;

    @Option(
            names = "--token-file",
            paramLabel = "FILE",
            description = "File holding the bearer token for --server (default: $MAA_TOKEN, else the"
                    + " tokens `maa login` cached for the server).")
    Path tokenFile;

    @Option(
            names = "--as",
            paramLabel = "USER",
            description = "Dev mode: act as USER from users.yaml. NOT authenticated — for local use only.")
    String as;

    @Option(
            names = "--home",
            paramLabel = "DIR",
            description = "MAA home with the H2 store and users.yaml (default: $MAA_HOME or ~/.maa).")
    Path home;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description =
                    "The maa.yaml of the home's maa serve, for the local dev store: its store, users file, policies,"
                            + " enforcement: and decision_logs: (a push's impact replays that log).")
    Path config;

    @Option(names = "--json", description = "Print JSON (the REST API's shapes) for scripts instead of tables.")
    boolean json;

    @Option(names = "--verbose", description = "Print stack traces of errors.")
    boolean verbose;

    Path home() {
        return MaaHome.resolve(home, System.getenv());
    }

    DevEnvironment open(PrintWriter err) {
        return DevEnvironment.open(home(), config, err);
    }

    /** The server to talk to, from {@code --server} or {@code $MAA_SERVER}; null for the local dev store. */
    URI server() {
        return serverOr(server);
    }

    /** {@code option} when given, else {@code $MAA_SERVER}; null when neither names a server. */
    static URI serverOr(URI option) {
        if (option != null) {
            return option;
        }
        String env = System.getenv("MAA_SERVER");
        return env == null || env.isBlank() ? null : URI.create(env.strip());
    }

    /** The server for a command that only talks to servers ({@code command} names it in the refusal). */
    RemoteBackend remoteOnly(String command) {
        URI url = server();
        if (url == null) {
            throw new CliException(
                    ExitCodes.USAGE,
                    "`" + command + "` asks a server: pass --server URL or set MAA_SERVER. The local dev store"
                            + " has no sign-in (--as USER acts as anyone, unauthenticated).");
        }
        refuseAs();
        return remote(url);
    }

    /** Whether the token comes from {@code --token-file} or {@code $MAA_TOKEN} rather than {@code maa login}. */
    boolean explicitToken() {
        String t = token();
        return t != null && !t.isBlank();
    }

    /** A server backend when one is configured, otherwise the local dev store acting as {@code --as}. */
    Backend backend(PrintWriter err) {
        URI url = server();
        if (url != null) {
            refuseAs();
            return remote(url);
        }
        DevEnvironment env = open(err);
        return new LocalBackend(env, () -> env.principal(actor(err)));
    }

    private void refuseAs() {
        if (as != null) {
            throw new CliException(
                    ExitCodes.USAGE,
                    "--as only applies to the local dev store; a server takes your"
                            + " identity from your token (maa login, --token-file or $MAA_TOKEN).");
        }
    }

    /**
     * The server at {@code url} with the first token found: {@code --token-file}, else {@code $MAA_TOKEN}, else the
     * tokens {@code maa login} cached for that server (renewed when expired).
     */
    RemoteBackend remote(URI url) {
        String explicit = token();
        if (explicit != null && !explicit.isBlank()) {
            return new RemoteBackend(url, TokenSource.fixed(explicit));
        }
        return new RemoteBackend(
                url,
                StoredTokens.of(new CredentialsFile(home()), url, Clock.systemUTC())
                        .orElse(null));
    }

    private String token() {
        if (tokenFile != null) {
            try {
                return Files.readString(tokenFile).strip();
            } catch (IOException e) {
                throw new CliException(
                        ExitCodes.USAGE, "Cannot read the token file " + tokenFile + ": " + e.getMessage());
            }
        }
        return System.getenv("MAA_TOKEN");
    }

    /** The acting principal's id in dev mode; also tells the user that dev mode does not authenticate. */
    String actor(PrintWriter err) {
        if (as != null) {
            err.println("maa: dev mode — acting as '" + as + "' without authentication.");
            err.flush();
        }
        return as;
    }
}

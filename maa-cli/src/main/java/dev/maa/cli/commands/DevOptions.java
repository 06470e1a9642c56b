package dev.maa.cli.commands;

import dev.maa.cli.CliException;
import dev.maa.cli.DevEnvironment;
import dev.maa.cli.ExitCodes;
import dev.maa.cli.backend.Backend;
import dev.maa.cli.backend.LocalBackend;
import dev.maa.cli.backend.RemoteBackend;
import dev.maa.core.config.MaaHome;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
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
            description = "File holding the bearer token for --server (default: $MAA_TOKEN).")
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

    @Option(names = "--json", description = "Print JSON (the REST API's shapes) for scripts instead of tables.")
    boolean json;

    @Option(names = "--verbose", description = "Print stack traces of errors.")
    boolean verbose;

    Path home() {
        return MaaHome.resolve(home, System.getenv());
    }

    DevEnvironment open(PrintWriter err) {
        return DevEnvironment.open(home(), err);
    }

    /** The server to talk to, from {@code --server} or {@code $MAA_SERVER}; null for the local dev store. */
    URI server() {
        if (server != null) {
            return server;
        }
        String env = System.getenv("MAA_SERVER");
        return env == null || env.isBlank() ? null : URI.create(env.strip());
    }

    /** A server backend when one is configured, otherwise the local dev store acting as {@code --as}. */
    Backend backend(PrintWriter err) {
        URI url = server();
        if (url != null) {
            if (as != null) {
                throw new CliException(
                        ExitCodes.USAGE,
                        "--as only applies to the local dev store; a server takes your"
                                + " identity from your token (--token-file or $MAA_TOKEN).");
            }
            return new RemoteBackend(url, token());
        }
        DevEnvironment env = open(err);
        return new LocalBackend(env, () -> env.principal(actor(err)));
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

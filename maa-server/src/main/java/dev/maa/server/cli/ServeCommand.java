package dev.maa.server.cli;

import dev.maa.api.Durations;
import dev.maa.core.config.MaaHome;
import dev.maa.server.AuthConfig;
import dev.maa.server.DevUsersFile;
import dev.maa.server.MaaServer;
import dev.maa.server.OidcSettings;
import dev.maa.server.ServerConfig;
import dev.maa.server.ServerSettings;
import dev.maa.server.ServerSetup;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code maa serve}: the REST API, web console, OPA bundle service, health and metrics on one port (loopback by
 * default). Runs until interrupted (Ctrl-C).
 */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Serve the REST API and the web console (http://127.0.0.1:8080/console/ by default).",
            "Without --config: dev mode under $MAA_HOME or ~/.maa (H2 file, users.yaml with API tokens, demo"
                    + " policies). Mint a token with: ${env:MAA_COMMAND:-maa} token create --user alice"
        })
public final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "N", description = "TCP port (default 8080, or server.port; 0 = any free).")
    Integer port;

    @Option(
            names = "--bind",
            paramLabel = "ADDR",
            description = "Address to listen on (default 127.0.0.1; 0.0.0.0 exposes the server to the network).")
    String bind;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Server config YAML (server, store, auth, policies).")
    Path config;

    @Option(names = "--home", paramLabel = "DIR", description = "MAA home (default: $MAA_HOME or ~/.maa).")
    Path home;

    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        Path h = MaaHome.resolve(home, System.getenv());
        ServerSettings settings = ServerSettings.of(config, h).withListen(port, bind);
        ServerConfig serverConfig = ServerSetup.configure(settings);
        MaaServer server = MaaServer.start(serverConfig);
        CountDownLatch closed = new CountDownLatch(1);
        Thread hook = new Thread(
                () -> {
                    stopped.countDown();
                    try {
                        closed.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "maa-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("maa serve: listening on " + server.uri() + " (" + server.authDescription() + ")");
        out.println("  Console   " + server.uri().resolve("/console/"));
        out.println("  REST API  " + server.uri().resolve("/api/v1/") + "  (OpenAPI: /api/v1/openapi.json)");
        out.println(
                "  Bundles   " + server.uri().resolve("/bundles/maa.tar.gz") + "   Metrics /metrics   Health /health");
        if (settings.ldap() != null) {
            out.println("  Directory LDAP " + settings.ldap().urls() + ": group changes reach reviews within "
                    + Durations.format(settings.ldap().cacheTtl()) + " (directory.ldap.cache_ttl)");
        }
        if (serverConfig.auth().mode() == AuthConfig.Mode.DEV_TOKENS) {
            Path users = serverConfig.auth().usersFile();
            out.println("  Dev mode: users and API tokens in " + users);
            if (!DevUsersFile.load(users).hasTokens()) {
                out.println("  No API tokens yet. Mint one (shown once) and paste it into the console:");
                out.println("    " + CommandName.self() + " token create --user alice"
                        + (home != null ? " --home " + home : "") + (config != null ? " --config " + config : ""));
            }
        }
        OidcSettings oidc = serverConfig.auth().oidcSettings();
        if (oidc != null) {
            out.println("  Sign-in: OpenID Connect " + oidc.issuer() + "; register the redirect URI "
                    + oidc.redirectUri().orElse(server.uri().resolve("/auth/callback")));
        }
        if (!settings.bind().startsWith("127.") && !settings.bind().equals("localhost")) {
            out.println(
                    "  WARNING: bound to " + settings.bind() + ": reachable from other machines; put TLS in front.");
        }
        out.flush();
        try {
            stopped.await();
        } finally {
            server.close();
            closed.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting: the hook is running and waits for the close above
            }
        }
        return 0;
    }

    /** Stops a server started by {@link #call()} (tests). */
    void stop() {
        stopped.countDown();
    }
}

package dev.maa.server.cli;

import dev.maa.core.config.MaaHome;
import dev.maa.server.DevUsersFile;
import dev.maa.server.ServerSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code maa token create --user alice}: mints a dev-mode API token for {@code maa serve}. Only the token's SHA-256
 * is stored in the users file; the token itself is printed once.
 */
@Command(
        name = "token",
        mixinStandardHelpOptions = true,
        description = "Dev-mode API tokens for maa serve.",
        subcommands = TokenCommand.Create.class)
public final class TokenCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code maa token create}. */
    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = "Mint an API token for USER (printed once; only its hash is stored).")
    public static final class Create implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--user", required = true, paramLabel = "USER", description = "A user of the users file.")
        String user;

        @Option(
                names = "--users-file",
                paramLabel = "FILE",
                description = "Users file (default: auth.users_file of --config, or <home>/users.yaml).")
        Path usersFile;

        @Option(names = "--config", paramLabel = "FILE", description = "Server config YAML to take users_file from.")
        Path config;

        @Option(names = "--home", paramLabel = "DIR", description = "MAA home (default: $MAA_HOME or ~/.maa).")
        Path home;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Path h = MaaHome.resolve(home, System.getenv());
            Path file =
                    usersFile != null ? usersFile : ServerSettings.of(config, h).usersFile();
            MaaHome.createDemoUsersIfMissing(file);
            String token = DevUsersFile.createToken(file, user);
            out.println(token);
            spec.commandLine()
                    .getErr()
                    .println("maa: API token for '" + user + "' stored (as a SHA-256 hash) in "
                            + file + ". It is shown only now. Paste it into the console's sign-in page, or send it as"
                            + " 'Authorization: Bearer <token>'.");
            out.flush();
            spec.commandLine().getErr().flush();
            return 0;
        }
    }
}

package dev.maa.cli.commands;

import dev.maa.cli.DevEnvironment;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;

/** Options shared by the commands that work on the local dev store. */
public final class DevOptions {

    @Option(names = "--as", paramLabel = "USER",
            description = "Dev mode: act as USER from users.yaml. NOT authenticated — for local use only.")
    String as;

    @Option(names = "--home", paramLabel = "DIR",
            description = "MAA home with the H2 store and users.yaml (default: $MAA_HOME or ~/.maa).")
    Path home;

    @Option(names = "--json", description = "Print JSON for scripts instead of tables.")
    boolean json;

    @Option(names = "--verbose", description = "Print stack traces of errors.")
    boolean verbose;

    Path home() {
        if (home != null) {
            return home;
        }
        String env = System.getenv("MAA_HOME");
        return env == null || env.isBlank() ? Path.of(System.getProperty("user.home"), ".maa") : Path.of(env);
    }

    DevEnvironment open(PrintWriter err) {
        return DevEnvironment.open(home(), err);
    }

    /** The acting principal's id; also tells the user that dev mode does not authenticate. */
    String actor(PrintWriter err) {
        if (as != null) {
            err.println("maa: dev mode — acting as '" + as + "' without authentication.");
            err.flush();
        }
        return as;
    }
}

package dev.maa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command and subcommand of the picocli tree answers {@code --help} and {@code -h} with its usage, exit 0. */
class HelpTest {

    /** The paths of every command in the tree, e.g. {@code [audit, verify]}; the root is the empty path. */
    private static List<List<String>> commandPaths(CommandLine line, List<String> path, List<List<String>> out) {
        out.add(path);
        for (var sub : line.getSubcommands().entrySet()) {
            if (sub.getValue().getCommandSpec().aliases().length > 0
                    && List.of(sub.getValue().getCommandSpec().aliases()).contains(sub.getKey())) {
                continue; // an alias: the same command under another name
            }
            List<String> next = new ArrayList<>(path);
            next.add(sub.getKey());
            commandPaths(sub.getValue(), next, out);
        }
        return out;
    }

    private static String[] args(List<String> path, String flag) {
        List<String> args = new ArrayList<>(path);
        args.add(flag);
        return args.toArray(String[]::new);
    }

    @Test
    void everyCommand_answersHelp_withExitZero() {
        List<List<String>> paths = commandPaths(MaaCli.commandLine(), List.of(), new ArrayList<>());
        assertThat(paths)
                .as("the walk reaches nested subcommands")
                .contains(List.of("audit", "verify"), List.of("approve"), List.of("serve"), List.of("token", "create"));
        for (List<String> path : paths) {
            for (String flag : List.of("--help", "-h")) {
                StringWriter out = new StringWriter();
                StringWriter err = new StringWriter();
                int code = MaaCli.run(args(path, flag), new PrintWriter(out, true), new PrintWriter(err, true));
                String name = String.join(" ", path);
                assertThat(code).as("maa " + name + " " + flag + ": " + err).isZero();
                assertThat(out.toString()).as("maa " + name + " " + flag).contains("Usage: maa");
                assertThat(err.toString()).as("maa " + name + " " + flag).isEmpty();
            }
        }
    }
}

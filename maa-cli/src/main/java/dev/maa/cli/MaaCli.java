package dev.maa.cli;

import dev.maa.cli.commands.ApprovalsCommand;
import dev.maa.cli.commands.AuditCommand;
import dev.maa.cli.commands.DemoCommand;
import dev.maa.cli.commands.KeysCommand;
import dev.maa.cli.commands.PolicyCommand;
import dev.maa.cli.commands.RegoCommand;
import dev.maa.cli.commands.RequestsCommand;
import dev.maa.cli.commands.ReviewCommands;
import dev.maa.cli.commands.SignInCommands;
import dev.maa.server.cli.ServeCommand;
import dev.maa.server.cli.TokenCommand;
import java.io.PrintWriter;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code maa} command. Exit codes are documented in {@link ExitCodes}.
 */
@Command(
        name = "maa",
        mixinStandardHelpOptions = true,
        version = "maa 0.1.0",
        description = "Multi-admin approval for Java services: review, approve and complete parked calls.",
        subcommands = {
            DemoCommand.class,
            RequestsCommand.class,
            ReviewCommands.Approve.class,
            ReviewCommands.Reject.class,
            ReviewCommands.Withdraw.class,
            ReviewCommands.Cancel.class,
            ReviewCommands.Complete.class,
            ReviewCommands.CloseReview.class,
            AuditCommand.class,
            ApprovalsCommand.class,
            KeysCommand.class,
            PolicyCommand.class,
            ServeCommand.class,
            TokenCommand.class,
            SignInCommands.Login.class,
            SignInCommands.Logout.class,
            SignInCommands.Whoami.class,
            RegoCommand.class,
            CommandLine.HelpCommand.class,
            AutoComplete.GenerateCompletion.class,
        },
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0 ok        1 failed          3 not found",
            "  2 usage or invalid input (bad option, text too long, missing justification)",
            "  4 not allowed (policy, self-review, not an approver)",
            "  5 conflict (wrong status, pending request, concurrent change, changed payload)",
            "  6 unavailable (store or policy engine; nothing was executed)",
            "  7 configuration   8 verification failed   10 approval required",
            "  70 internal error (a bug)      the same with --server as locally",
        })
public final class MaaCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Runs one command line; returns its exit code. Used by tests too. Both streams are sanitised here, in one
     * place, by a {@link TerminalWriter}; help is printed without ANSI colours (they would be escaped).
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = commandLine();
        cli.setOut(new PrintWriter(new TerminalWriter(out), true));
        cli.setErr(new PrintWriter(new TerminalWriter(err), true));
        cli.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("maa: " + e.getMessage());
            NextSteps.of(e).ifPresent(next -> line.getErr().println("maa: next: " + next));
            if (parsed.hasMatchedOption("--verbose") || System.getenv("MAA_VERBOSE") != null) {
                e.printStackTrace(line.getErr());
            }
            line.getErr().flush();
            return ExitCodes.of(e);
        });
        return cli.execute(args);
    }

    /** The whole command tree, every command and subcommand answering {@code -h}/{@code --help}. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new MaaCli());
        addHelp(cli);
        return cli;
    }

    /**
     * Gives each command without a help option {@code -h, --help}: a usage-help option makes picocli print the usage
     * and skip required parameters and validation, so {@code maa approve --help} helps instead of asking for an id.
     * Added once here rather than on each command class, so a new subcommand cannot forget it.
     */
    private static void addHelp(CommandLine line) {
        CommandLine.Model.CommandSpec spec = line.getCommandSpec();
        if (spec.options().stream().noneMatch(CommandLine.Model.OptionSpec::usageHelp)) {
            String[] names =
                    spec.optionsMap().containsKey("-h") ? new String[] {"--help"} : new String[] {"-h", "--help"};
            spec.addOption(CommandLine.Model.OptionSpec.builder(names)
                    .usageHelp(true)
                    .description("Show this help message and exit.")
                    .build());
        }
        for (CommandLine sub : line.getSubcommands().values()) {
            addHelp(sub);
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}

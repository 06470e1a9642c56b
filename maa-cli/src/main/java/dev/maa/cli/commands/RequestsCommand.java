package dev.maa.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maa.api.Status;
import dev.maa.cli.Json;
import dev.maa.cli.RequestViews;
import dev.maa.cli.backend.Backend;
import java.io.PrintWriter;
import java.util.EnumSet;
import java.util.Set;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code maa requests list|show}. */
@Command(
        name = "requests",
        description = "List and show approval requests.",
        subcommands = {RequestsCommand.ListRequests.class, RequestsCommand.Show.class})
public final class RequestsCommand {

    @Command(
            name = "list",
            description = "List requests: yours (--mine), those you may review (--received), open"
                    + " post-emergency reviews (--post-review), or all.")
    public static final class ListRequests implements Runnable {

        @Spec
        CommandSpec spec;

        @Mixin
        DevOptions options;

        @ArgGroup(exclusive = true)
        View view = new View();

        static final class View {
            @Option(names = "--mine", description = "Requests you made.")
            boolean mine;

            @Option(names = "--received", description = "Requests for your approver groups, not your own.")
            boolean received;

            @Option(names = "--all", description = "All requests (default; on a server, needs a reader group).")
            boolean all;

            @Option(names = "--post-review", description = "Break-glass requests whose post-emergency review is open.")
            boolean postReview;
        }

        @Option(
                names = "--status",
                split = ",",
                paramLabel = "STATUS",
                description = "Only these statuses: ${COMPLETION-CANDIDATES}.")
        Set<Status> statuses = EnumSet.noneOf(Status.class);

        @Option(names = "--limit", description = "At most this many (default ${DEFAULT-VALUE}).", defaultValue = "50")
        int limit;

        @Option(names = "--offset", description = "Skip this many (default ${DEFAULT-VALUE}).", defaultValue = "0")
        int offset;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            String v = view.mine ? "mine" : view.received ? "received" : view.postReview ? "post-review" : "all";
            try (Backend backend = options.backend(spec.commandLine().getErr())) {
                JsonNode page = backend.list(v, statuses, offset, limit);
                if (options.json) {
                    Json.print(out, page.path("items"));
                } else {
                    RequestViews.table(out, page);
                }
            }
        }
    }

    @Command(name = "show", description = "Show one request: justification, parked call, approvals, history.")
    public static final class Show implements Runnable {

        @Spec
        CommandSpec spec;

        @Mixin
        DevOptions options;

        @Parameters(paramLabel = "ID", description = "The request id.")
        String id;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            try (Backend backend = options.backend(spec.commandLine().getErr())) {
                JsonNode r = backend.show(id);
                if (options.json) {
                    Json.print(out, r);
                } else {
                    RequestViews.show(out, r);
                }
            }
        }
    }
}

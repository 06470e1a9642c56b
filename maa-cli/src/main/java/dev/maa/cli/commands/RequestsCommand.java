package dev.maa.cli.commands;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.Principal;
import dev.maa.api.RequestQuery;
import dev.maa.api.Status;
import dev.maa.cli.DevEnvironment;
import dev.maa.cli.Json;
import dev.maa.cli.RequestViews;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** {@code maa requests list|show}. */
@Command(name = "requests", description = "List and show approval requests.",
        subcommands = {RequestsCommand.ListRequests.class, RequestsCommand.Show.class})
public final class RequestsCommand {

    @Command(name = "list", description = "List requests: yours (--mine), those you may review (--received), or all.")
    public static final class ListRequests implements Runnable {

        @Spec
        CommandSpec spec;

        @Mixin
        DevOptions options;

        @ArgGroup(exclusive = true)
        View view = new View();

        static final class View {
            @Option(names = "--mine", description = "Requests you made (needs --as).")
            boolean mine;
            @Option(names = "--received", description = "Requests for your approver groups (needs --as).")
            boolean received;
            @Option(names = "--all", description = "All requests (default).")
            boolean all;
        }

        @Option(names = "--status", split = ",", paramLabel = "STATUS",
                description = "Only these statuses: ${COMPLETION-CANDIDATES}.")
        Set<Status> statuses = EnumSet.noneOf(Status.class);

        @Option(names = "--limit", description = "At most this many (default ${DEFAULT-VALUE}).", defaultValue = "50")
        int limit;

        @Option(names = "--offset", description = "Skip this many (default ${DEFAULT-VALUE}).", defaultValue = "0")
        int offset;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try (DevEnvironment env = options.open(err)) {
                RequestQuery query = RequestQuery.all().page(offset, limit).withStatuses(statuses);
                if (view.mine || view.received) {
                    Principal me = env.principal(options.actor(err));
                    query = view.mine ? query.mine(me.id()) : query.received(me.groups());
                }
                List<ApprovalRequest> found = env.engine().approvals().list(query);
                if (options.json) {
                    Json.print(out, found.stream().map(RequestViews::summary).toList());
                } else {
                    RequestViews.table(out, found);
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
            try (DevEnvironment env = options.open(spec.commandLine().getErr())) {
                ApprovalRequest r = env.engine().approvals().get(id);
                var history = env.engine().approvals().auditLog().forRequest(id);
                if (options.json) {
                    Json.print(out, RequestViews.detail(r, history));
                } else {
                    RequestViews.show(out, r, history);
                }
            }
        }
    }
}

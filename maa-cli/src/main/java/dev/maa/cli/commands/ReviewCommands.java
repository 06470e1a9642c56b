package dev.maa.cli.commands;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.Principal;
import dev.maa.cli.DevEnvironment;
import dev.maa.cli.Json;
import dev.maa.cli.RequestViews;
import dev.maa.core.ApprovalService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;

/** The commands that change one request: approve, reject, cancel, complete, close-review. */
public final class ReviewCommands {

    private ReviewCommands() {
    }

    /** Shared plumbing: open the dev environment, resolve {@code --as}, run, print the request after. */
    abstract static class RequestAction implements Runnable {

        @Spec
        CommandSpec spec;

        @Mixin
        DevOptions options;

        @Parameters(paramLabel = "ID", description = "The request id.")
        String id;

        abstract ApprovalRequest apply(ApprovalService approvals, Principal me);

        abstract String done(ApprovalRequest after);

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try (DevEnvironment env = options.open(err)) {
                Principal me = env.principal(options.actor(err));
                ApprovalRequest after = apply(env.engine().approvals(), me);
                if (options.json) {
                    Json.print(out, RequestViews.summary(after));
                } else {
                    out.println(done(after));
                    out.flush();
                }
            }
        }
    }

    @Command(name = "approve", description = "Approve a request you may review (not your own).")
    public static final class Approve extends RequestAction {
        @Option(names = "--notes", description = "Approver notes, shown to the requester and kept in the audit log.")
        String notes = "";

        @Override
        ApprovalRequest apply(ApprovalService approvals, Principal me) {
            return approvals.approve(id, me, notes);
        }

        @Override
        String done(ApprovalRequest r) {
            return "Approved " + r.id() + " (" + RequestViews.approvals(r) + "); it is now " + r.status()
                    + (r.status() == dev.maa.api.Status.APPROVED && r.completion() == dev.maa.api.CompletionMode.MANUAL
                    ? ". The requester " + r.requester().id() + " can run it with `maa complete " + r.id() + "`." : ".");
        }
    }

    @Command(name = "reject", description = "Reject a request you may review.")
    public static final class Reject extends RequestAction {
        @Option(names = "--notes", required = true, description = "Why it is rejected (required).")
        String notes;

        @Override
        ApprovalRequest apply(ApprovalService approvals, Principal me) {
            return approvals.reject(id, me, notes);
        }

        @Override
        String done(ApprovalRequest r) {
            return "Rejected " + r.id() + "; it is now " + r.status() + ". Nothing will run.";
        }
    }

    @Command(name = "cancel", description = "Cancel your own request before it completes.")
    public static final class Cancel extends RequestAction {
        @Option(names = "--reason", description = "Why you cancel it.")
        String reason = "";

        @Override
        ApprovalRequest apply(ApprovalService approvals, Principal me) {
            return approvals.cancel(id, me, reason);
        }

        @Override
        String done(ApprovalRequest r) {
            return "Canceled " + r.id() + ". Nothing will run.";
        }
    }

    @Command(name = "complete", description = "Run your approved request (exactly once).")
    public static final class Complete extends RequestAction {
        @Override
        ApprovalRequest apply(ApprovalService approvals, Principal me) {
            return approvals.complete(id, me);
        }

        @Override
        String done(ApprovalRequest r) {
            return switch (r.status()) {
                case COMPLETED -> "Completed " + r.id() + ": " + r.outcome();
                case FAILED -> "Request " + r.id() + " FAILED: " + r.outcome();
                default -> "Request " + r.id() + " is " + r.status()
                        + ": the service that owns the call will run it (its executor picks it up).";
            };
        }
    }

    @Command(name = "close-review", description = "Close the post-emergency review of a break-glass request.")
    public static final class CloseReview extends RequestAction {
        @Option(names = "--notes", required = true, description = "What the review found (required).")
        String notes;

        @Override
        ApprovalRequest apply(ApprovalService approvals, Principal me) {
            return approvals.closePostReview(id, me, notes);
        }

        @Override
        String done(ApprovalRequest r) {
            return "Closed the post-emergency review of " + r.id() + ".";
        }
    }
}

package dev.maa.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maa.cli.Json;
import dev.maa.cli.RequestViews;
import dev.maa.cli.backend.Backend;
import dev.maa.core.RequestAction;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The commands that change one request: approve, reject, withdraw, cancel, complete, close-review. */
public final class ReviewCommands {

    private ReviewCommands() {}

    /** Shared plumbing: pick the backend, act, print the request after. */
    abstract static class ActionCommand implements Runnable {

        @Spec
        CommandSpec spec;

        @Mixin
        DevOptions options;

        @Parameters(paramLabel = "ID", description = "The request id.")
        String id;

        abstract RequestAction action();

        abstract Map<String, String> body();

        abstract String done(JsonNode after);

        /**
         * A request of a passkey policy is reviewed in the console, where the approver's passkey signs: the CLI links out
         * to that review (the URL holds no secret) instead of recording an approval the host would refuse.
         */
        void requireSessionReview(JsonNode request) {
            for (JsonNode f : request.path("factors")) {
                if ("passkey".equals(f.path("approvalAssurance").asText())) {
                    java.net.URI server = options.server();
                    String url = (server == null
                                    ? "http://127.0.0.1:8080"
                                    : server.toString().replaceAll("/+$", "")) + "/console/#/requests/"
                            + java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8);
                    throw new dev.maa.cli.CliException(
                            dev.maa.cli.ExitCodes.NOT_ALLOWED,
                            "Request " + id + " needs a passkey-signed review (policy "
                                    + f.path("policy").asText()
                                    + ": approval_assurance passkey). Review it in the web console, where your passkey"
                                    + " signs what you approve:\n  " + url
                                    + (server == null ? "\n(start the console with `maa serve` first)" : ""));
                }
            }
        }

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            try (Backend backend = options.backend(spec.commandLine().getErr())) {
                if (action() == RequestAction.APPROVE || action() == RequestAction.REJECT) {
                    JsonNode request;
                    try {
                        request = backend.show(id);
                    } catch (RuntimeException e) {
                        request = null; // the action itself reports it (not found, --as missing), as before
                    }
                    if (request != null) {
                        requireSessionReview(request);
                    }
                }
                JsonNode after = backend.act(id, action(), body());
                if (options.json) {
                    Json.print(out, after);
                } else {
                    out.println(done(after));
                    out.flush();
                }
            }
        }
    }

    @Command(name = "approve", description = "Approve a request you may review (not your own).")
    public static final class Approve extends ActionCommand {
        @Option(names = "--notes", description = "Approver notes, shown to the requester and kept in the audit log.")
        String notes = "";

        @Option(
                names = "--digest",
                description = "The digest you reviewed (`maa requests show ID` prints it); the"
                        + " approval is refused if the parked call no longer has it.")
        String digest;

        @Override
        RequestAction action() {
            return RequestAction.APPROVE;
        }

        @Override
        Map<String, String> body() {
            Map<String, String> body = new LinkedHashMap<>();
            body.put("notes", notes);
            if (digest != null) {
                body.put("digest", digest.startsWith("sha256:") ? digest.substring("sha256:".length()) : digest);
            }
            return body;
        }

        @Override
        String done(JsonNode r) {
            boolean manual = r.path("status").asText().equals("APPROVED")
                    && r.path("completion").asText().equals("manual");
            return "Approved " + r.path("id").asText() + " (" + RequestViews.approvals(r) + "); it is now "
                    + r.path("status").asText()
                    + (manual
                            ? ". The requester " + r.path("requester").asText() + " can run it with `maa complete "
                                    + r.path("id").asText() + "`."
                            : ".");
        }
    }

    @Command(name = "reject", description = "Reject a request you may review.")
    public static final class Reject extends ActionCommand {
        @Option(names = "--notes", required = true, description = "Why it is rejected (required).")
        String notes;

        @Override
        RequestAction action() {
            return RequestAction.REJECT;
        }

        @Override
        Map<String, String> body() {
            return Map.of("notes", notes);
        }

        @Override
        String done(JsonNode r) {
            return "Rejected " + r.path("id").asText() + "; it is now "
                    + r.path("status").asText() + ". Nothing will run.";
        }
    }

    @Command(
            name = "withdraw",
            description = "Withdraw your own approval of a request before it starts completing; the quorum is counted"
                    + " again.")
    public static final class Withdraw extends ActionCommand {
        @Option(names = "--notes", description = "Why you withdraw it, shown to the requester and the approvers.")
        String notes = "";

        @Override
        RequestAction action() {
            return RequestAction.WITHDRAW;
        }

        @Override
        Map<String, String> body() {
            return Map.of("notes", notes);
        }

        @Override
        String done(JsonNode r) {
            return "Withdrew your approval of " + r.path("id").asText() + " (" + RequestViews.approvals(r)
                    + "); it is now " + r.path("status").asText() + ".";
        }
    }

    @Command(name = "cancel", description = "Cancel your own request before it completes.")
    public static final class Cancel extends ActionCommand {
        @Option(names = "--reason", description = "Why you cancel it.")
        String reason = "";

        @Override
        RequestAction action() {
            return RequestAction.CANCEL;
        }

        @Override
        Map<String, String> body() {
            return Map.of("reason", reason);
        }

        @Override
        String done(JsonNode r) {
            return "Canceled " + r.path("id").asText() + ". Nothing will run.";
        }
    }

    @Command(name = "complete", description = "Run your approved request (exactly once).")
    public static final class Complete extends ActionCommand {
        @Override
        RequestAction action() {
            return RequestAction.COMPLETE;
        }

        @Override
        Map<String, String> body() {
            return Map.of();
        }

        @Override
        String done(JsonNode r) {
            String id = r.path("id").asText();
            return switch (r.path("status").asText()) {
                case "COMPLETED" -> "Completed " + id + ": " + r.path("outcome").asText();
                case "FAILED" ->
                    "Request " + id + " FAILED: " + r.path("outcome").asText();
                default ->
                    "Request " + id + " is " + r.path("status").asText()
                            + (r.path("waitingFor").isTextual()
                                    ? ", waiting for " + r.path("waitingFor").asText() + "."
                                    : ": the service that owns the call will run it (its executor picks it up).");
            };
        }
    }

    @Command(
            name = "close-review",
            description = "Close the post-emergency review of a break-glass request (notes required).")
    public static final class CloseReview extends ActionCommand {
        @Option(names = "--notes", required = true, description = "What the review found (required).")
        String notes;

        @Override
        RequestAction action() {
            return RequestAction.CLOSE_REVIEW;
        }

        @Override
        Map<String, String> body() {
            return Map.of("notes", notes);
        }

        @Override
        String done(JsonNode r) {
            return "Closed the post-emergency review of " + r.path("id").asText() + ".";
        }
    }
}

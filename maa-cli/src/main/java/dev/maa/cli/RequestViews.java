package dev.maa.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maa.api.DisplayText;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Requests on a terminal. Everything renders the REST API's JSON shapes (summary and detail), which is also what
 * {@code --json} prints, in dev mode and against a server alike.
 */
public final class RequestViews {

    private static final String WARNING = "  [! hidden characters, shown as ⟨U+…⟩]";
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private RequestViews() {}

    /** "1/2": approvals given over approvals required by all factors. */
    public static String approvals(JsonNode r) {
        JsonNode a = r.path("approvals");
        int required = a.path("required").asInt();
        return required == 0 ? "-" : a.path("given").asInt() + "/" + required;
    }

    public static void table(PrintWriter out, JsonNode page) {
        JsonNode items = page.path("items");
        if (items.isEmpty()) {
            out.println("No requests match.");
            out.flush();
            return;
        }
        Table t = Table.of(
                "ID", "STATUS", "RESOURCE", "ACTION", "OBJECT", "REQUESTER", "APPROVALS", "REMINDERS", "CREATED (UTC)");
        for (JsonNode r : items) {
            t.row(
                    r.path("id").asText(),
                    r.path("status").asText() + (r.path("emergency").asBoolean() ? " (emergency)" : ""),
                    r.path("resource").path("type").asText(),
                    r.path("action").asText(),
                    flagged(r.path("resource").path("objectId").asText()),
                    flagged(r.path("requester").asText()),
                    approvals(r),
                    r.path("reminderState").path("text").asText("-"),
                    time(r.path("createdAt").asText()));
        }
        t.print(out);
        if (page.path("hasMore").asBoolean()) {
            out.println("(more: --offset "
                    + (page.path("offset").asInt() + page.path("limit").asInt()) + ")");
        }
        out.flush();
    }

    public static void show(PrintWriter out, JsonNode r) {
        JsonNode resource = r.path("resource");
        String platform = resource.path("platform").asText();
        out.println(
                "Request " + r.path("id").asText() + "  [" + r.path("status").asText() + "]"
                        + (r.path("emergency").asBoolean() ? "  EMERGENCY (break-glass)" : ""));
        if (!r.path("digestVerified").asBoolean(true)) {
            out.println("  !! PAYLOAD DOES NOT MATCH ITS DIGEST — do not approve. It was altered in the store after"
                    + " it was parked (payload sha256:"
                    + r.path("payloadDigest").asText() + "); approving and"
                    + " rejecting are refused. Tell the operator.");
        }
        out.println("  Resource        " + resource.path("type").asText() + " "
                + flagged(resource.path("objectId").asText())
                + (platform.isEmpty() || platform.equals("UNSPECIFIED") ? "" : " (" + platform + ")"));
        out.println("  Action          " + r.path("action").asText());
        out.println("  Requested by    " + flagged(r.path("requester").asText()) + " at "
                + time(r.path("createdAt").asText()) + " UTC");
        String justification = r.path("justification").asText();
        out.println("  Justification   " + (justification.isEmpty() ? "(none)" : flagged(justification)));
        JsonNode call = r.path("call");
        boolean hiddenArgs = false;
        for (JsonNode a : call.path("arguments")) {
            hiddenArgs |= a.path("hiddenCharacters").asBoolean();
        }
        out.println("  Parked call     " + call.path("readable").asText() + (hiddenArgs ? WARNING : ""));
        out.println("  Digest          sha256:" + call.path("digest").asText());
        out.println("  Approve by      "
                + time(r.path("approvalExpiresAt").asText(r.path("expiresAt").asText())) + " UTC"
                + (r.path("urgent").asBoolean() ? " (urgent)" : ""));
        String window = r.path("executionWindow").asText("");
        if (!window.isEmpty() || r.path("executeBy").isTextual()) {
            out.println("  Run within      " + (window.isEmpty() ? "its expiry" : window + " of approval")
                    + (r.path("executeBy").isTextual()
                            ? ", by " + time(r.path("executeBy").asText()) + " UTC"
                            : ""));
        }
        int stages = r.path("approvals").path("stages").asInt(1);
        if (stages > 1) {
            int stage = r.path("approvals").path("stage").asInt();
            out.println("  Stage           " + (stage == 0 ? "all " + stages + " met" : stage + " of " + stages));
        }
        out.println("  Completion      " + r.path("completion").asText());
        for (JsonNode f : r.path("factors")) {
            out.println("  Needs           " + f.path("requiredApprovals").asInt() + " approval(s) from "
                    + f.path("approverGroups")
                    + (stages > 1 ? " in stage " + f.path("stage").asInt(1) : "") + "  (policy: "
                    + f.path("policy").asText()
                    + ("passkey".equals(f.path("approvalAssurance").asText()) ? ", passkey-signed" : "") + ")");
        }
        out.println("  Approvals       " + approvals(r)
                + (r.path("approvals").path("met").asBoolean() ? " (quorum met)" : "")
                + factorProgress(r.path("approvals").path("factors")));
        reminders(out, r.path("reminders"));
        for (JsonNode v : r.path("reviews")) {
            String notes = v.path("notes").asText();
            out.println("    " + v.path("verdict").asText() + " by "
                    + flagged(v.path("reviewer").asText()) + " at "
                    + time(v.path("at").asText()) + " UTC" + (notes.isEmpty() ? "" : ": \"" + flagged(notes) + "\""));
        }
        if (!r.path("outcome").asText().isEmpty()) {
            out.println("  Outcome         " + flagged(r.path("outcome").asText()));
        }
        if (r.path("waitingFor").isTextual()) {
            out.println("  Waiting for     " + r.path("waitingFor").asText());
        }
        JsonNode post = r.path("postReview");
        if (!post.isMissingNode()) {
            out.println("  Post-review     "
                    + (post.path("open").asBoolean()
                            ? "OPEN — an approver must close it"
                            : "closed by " + flagged(post.path("reviewer").asText()) + ": "
                                    + flagged(post.path("notes").asText())));
        }
        JsonNode diff = r.path("diff");
        if (diff.isObject()) {
            out.println("  Changes         " + flagged(diff.path("title").asText())
                    + ("captured".equals(diff.path("source").asText())
                            ? "  (captured at park, "
                                    + time(diff.path("capturedAt").asText()) + " UTC)"
                            : "  (computed now from the current state; none was captured at park)"));
            diff.path("unified").asText().lines().forEach(l -> out.println("    " + l));
        }
        impact(out, r.path("impact"));
        if (!r.path("actions").isEmpty()) {
            List<String> commands = new ArrayList<>();
            r.path("actions")
                    .forEach(a -> commands.add(command(a.asText(), r.path("id").asText())));
            out.println("  You can         " + String.join("  |  ", commands));
        }
        if (!r.path("history").isEmpty()) {
            out.println("  History");
            for (JsonNode e : r.path("history")) {
                out.println("    " + historyLine(e));
            }
        }
        out.flush();
    }

    /** The reminder schedule and escalation: when the next is due, or when it escalated and which groups it added. */
    static void reminders(PrintWriter out, JsonNode rm) {
        if (!rm.isObject()) {
            return;
        }
        if (rm.path("remindAfter").isTextual()) {
            out.println("  Reminders       every " + rm.path("remindAfter").asText()
                    + (rm.path("nextReminderAt").isTextual()
                            ? ", next at " + time(rm.path("nextReminderAt").asText()) + " UTC"
                            : "")
                    + " (" + rm.path("remindersSent").asInt() + " sent"
                    + (rm.path("lastRemindedAt").isTextual()
                            ? ", last at " + time(rm.path("lastRemindedAt").asText()) + " UTC"
                            : "")
                    + ")");
        }
        if (rm.path("escalated").asBoolean()) {
            List<String> added = new ArrayList<>();
            rm.path("groupsAdded").forEach(g -> added.add(flagged(g.asText())));
            out.println("  Escalated       at " + time(rm.path("escalatedAt").asText()) + " UTC: "
                    + String.join(", ", added) + " added to the approvers"
                    + (rm.path("escalatedStage").isInt()
                            ? " of stage " + rm.path("escalatedStage").asInt()
                            : ""));
        } else if (rm.path("escalateAfter").isTextual()) {
            List<String> groups = new ArrayList<>();
            rm.path("escalationGroups").forEach(g -> groups.add(flagged(g.asText())));
            out.println("  Escalates       to " + String.join(", ", groups) + " after "
                    + rm.path("escalateAfter").asText()
                    + (rm.path("escalateAt").isTextual()
                            ? ", at " + time(rm.path("escalateAt").asText()) + " UTC"
                            : " (not while it needs no approval)"));
        }
    }

    /**
     * A policy change's impact (what-if over the recent decision log), by policy and method, or that it is computing;
     * the request page's and {@code maa policy push --dry-run}'s.
     */
    public static void impact(PrintWriter out, JsonNode impact) {
        if (!impact.isObject()) {
            return;
        }
        if (impact.path("state").asText().equals("computing")) {
            out.println("  Impact          computing: replaying the decisions recorded since "
                    + time(impact.path("since").asText())
                    + " UTC against this change; show the request again to see it");
            return;
        }
        if (impact.has("error")) {
            out.println(
                    "  Impact          unknown: " + flagged(impact.path("error").asText()));
            return;
        }
        out.println("  Impact          " + flagged(impact.path("summary").asText()) + " (decisions since "
                + time(impact.path("since").asText()) + " UTC)");
        for (String by : List.of("policy", "method")) {
            for (JsonNode row : impact.path("by_" + by)) {
                out.println("    " + by + " " + flagged(row.path(by).asText()) + ": "
                        + row.path("from").asText() + " -> " + row.path("to").asText() + "  x"
                        + row.path("count").asLong());
            }
        }
    }

    /** " (scripts 1/1, cab 0/1)" when a request has more than one factor: one approver may count for several. */
    private static String factorProgress(JsonNode factors) {
        if (factors.size() < 2) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        factors.forEach(f -> parts.add(f.path("policy").asText() + " "
                + f.path("given").asInt() + "/" + f.path("required").asInt()));
        return "  (" + String.join(", ", parts) + ")";
    }

    /** The command that performs an action the engine offers (the engine's messages name no CLI syntax). */
    static String command(String action, String id) {
        return "maa " + action + " " + id
                + switch (action) {
                    case "reject", "close-review" -> " --notes TEXT";
                    default -> "";
                };
    }

    /** "2026-03-02 09:15 UTC · bob · Approved · notes: looks right" (details: the server's readable line). */
    static String historyLine(JsonNode e) {
        String event = e.path("event").asText().toLowerCase(Locale.ROOT).replace('_', ' ');
        String details = e.path("details").asText();
        return time(e.path("at").asText()) + " UTC · " + flagged(e.path("actor").asText()) + " · "
                + (event.isEmpty() ? "" : Character.toUpperCase(event.charAt(0)) + event.substring(1))
                + (details.isEmpty() ? "" : " · " + details);
    }

    /** A text from a request as shown: hidden characters escaped, with a warning when there were any. */
    static String flagged(String text) {
        return DisplayText.hasHidden(text) ? DisplayText.escape(text) + WARNING : text;
    }

    public static String time(Instant t) {
        return t == null ? "" : TIME.format(t);
    }

    public static String time(String iso) {
        try {
            return iso.isEmpty() ? "" : TIME.format(Instant.parse(iso));
        } catch (DateTimeParseException e) {
            return iso;
        }
    }
}

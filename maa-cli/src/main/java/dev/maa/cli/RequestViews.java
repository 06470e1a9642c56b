package dev.maa.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Requests on a terminal. Everything renders the REST API's JSON shapes (summary and detail), which is also what
 * {@code --json} prints, in dev mode and against a server alike.
 */
public final class RequestViews {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private RequestViews() {
    }

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
        Table t = Table.of("ID", "STATUS", "RESOURCE", "ACTION", "OBJECT", "REQUESTER", "APPROVALS", "CREATED (UTC)");
        for (JsonNode r : items) {
            t.row(r.path("id").asText(), r.path("status").asText() + (r.path("emergency").asBoolean() ? " (emergency)" : ""),
                    r.path("resource").path("type").asText(), r.path("action").asText(),
                    r.path("resource").path("objectId").asText(), r.path("requester").asText(), approvals(r),
                    time(r.path("createdAt").asText()));
        }
        t.print(out);
        if (page.path("hasMore").asBoolean()) {
            out.println("(more: --offset " + (page.path("offset").asInt() + page.path("limit").asInt()) + ")");
        }
        out.flush();
    }

    public static void show(PrintWriter out, JsonNode r) {
        JsonNode resource = r.path("resource");
        String platform = resource.path("platform").asText();
        out.println("Request " + r.path("id").asText() + "  [" + r.path("status").asText() + "]"
                + (r.path("emergency").asBoolean() ? "  EMERGENCY (break-glass)" : ""));
        out.println("  Resource        " + resource.path("type").asText() + " " + resource.path("objectId").asText()
                + (platform.isEmpty() || platform.equals("UNSPECIFIED") ? "" : " (" + platform + ")"));
        out.println("  Action          " + r.path("action").asText());
        out.println("  Requested by    " + r.path("requester").asText() + " at " + time(r.path("createdAt").asText()) + " UTC");
        String justification = r.path("justification").asText();
        out.println("  Justification   " + (justification.isEmpty() ? "(none)" : justification));
        JsonNode call = r.path("call");
        out.println("  Parked call     " + call.path("readable").asText());
        out.println("  Digest          sha256:" + call.path("digest").asText());
        out.println("  Expires         " + time(r.path("expiresAt").asText()) + " UTC" + (r.path("urgent").asBoolean() ? " (urgent)" : ""));
        out.println("  Completion      " + r.path("completion").asText());
        for (JsonNode f : r.path("factors")) {
            out.println("  Needs           " + f.path("requiredApprovals").asInt() + " approval(s) from "
                    + f.path("approverGroups") + "  (policy: " + f.path("policy").asText() + ")");
        }
        out.println("  Approvals       " + approvals(r));
        for (JsonNode v : r.path("reviews")) {
            String notes = v.path("notes").asText();
            out.println("    " + v.path("verdict").asText() + " by " + v.path("reviewer").asText() + " at "
                    + time(v.path("at").asText()) + " UTC" + (notes.isEmpty() ? "" : ": \"" + notes + "\""));
        }
        if (!r.path("outcome").asText().isEmpty()) {
            out.println("  Outcome         " + r.path("outcome").asText());
        }
        if (r.path("waitingFor").isTextual()) {
            out.println("  Waiting for     " + r.path("waitingFor").asText());
        }
        JsonNode post = r.path("postReview");
        if (!post.isMissingNode()) {
            out.println("  Post-review     " + (post.path("open").asBoolean() ? "OPEN — an approver must close it"
                    : "closed by " + post.path("reviewer").asText() + ": " + post.path("notes").asText()));
        }
        JsonNode diff = r.path("diff");
        if (diff.isObject()) {
            out.println("  Changes         " + diff.path("title").asText());
            diff.path("unified").asText().lines().forEach(l -> out.println("    " + l));
        }
        if (!r.path("history").isEmpty()) {
            out.println("  History");
            for (JsonNode e : r.path("history")) {
                String detail = e.path("detail").asText();
                out.println("    #" + e.path("seq").asLong() + " " + time(e.path("at").asText()) + "  " + e.path("event").asText()
                        + " by " + e.path("actor").asText() + (detail.isEmpty() ? "" : " — " + detail));
            }
        }
        out.flush();
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

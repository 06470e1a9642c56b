package dev.maa.cli;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.AuditEntry;
import dev.maa.api.Factor;
import dev.maa.api.Review;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** How requests look on a terminal and in {@code --json}: the same fields, two renderings. */
public final class RequestViews {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private RequestViews() {
    }

    /** The stable JSON shape of a request (the API record minus the raw payload). */
    public static Map<String, Object> summary(ApprovalRequest r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("status", r.status().name());
        m.put("resource", r.resource().typeName());
        m.put("objectId", r.resource().objectId());
        m.put("platform", r.resource().platform().name());
        m.put("action", r.action().name());
        m.put("requester", r.requester().id());
        m.put("justification", r.justification());
        m.put("urgent", r.urgent());
        m.put("emergency", r.emergency());
        m.put("createdAt", r.createdAt().toString());
        m.put("expiresAt", r.expiresAt().toString());
        m.put("approvals", approvals(r));
        return m;
    }

    public static Map<String, Object> detail(ApprovalRequest r, List<AuditEntry> history) {
        Map<String, Object> m = summary(r);
        m.put("operation", r.operation().signature());
        m.put("digest", r.digest());
        m.put("completion", r.completion().wireName());
        m.put("factors", r.factors().stream().map(f -> Map.of("policy", f.policy(),
                "approverGroups", new TreeSet<>(f.approverGroups()), "requiredApprovals", f.requiredApprovals())).toList());
        List<Map<String, Object>> reviews = new ArrayList<>();
        for (Review v : r.reviews()) {
            Map<String, Object> rv = new LinkedHashMap<>();
            rv.put("reviewer", v.reviewer());
            rv.put("verdict", v.verdict().name());
            rv.put("notes", v.notes());
            rv.put("at", v.at().toString());
            reviews.add(rv);
        }
        m.put("reviews", reviews);
        m.put("outcome", r.outcome());
        m.put("payload", r.payload());
        if (r.emergency()) {
            m.put("postReview", r.postReview() == null ? "open" : r.postReview().reviewer() + ": " + r.postReview().notes());
        }
        m.put("history", history.stream().map(e -> Map.of("seq", e.seq(), "at", e.event().at().toString(),
                "actor", e.event().actor(), "event", e.event().type(), "detail", e.event().detail())).toList());
        return m;
    }

    /** "1/2" style progress over all factors. */
    public static String approvals(ApprovalRequest r) {
        int required = r.factors().stream().mapToInt(Factor::requiredApprovals).sum();
        long given = r.reviews().stream().filter(v -> v.verdict() == dev.maa.api.Verdict.APPROVE).count();
        return required == 0 ? "-" : given + "/" + required;
    }

    public static void table(PrintWriter out, List<ApprovalRequest> requests) {
        if (requests.isEmpty()) {
            out.println("No requests match.");
            out.flush();
            return;
        }
        Table t = Table.of("ID", "STATUS", "RESOURCE", "ACTION", "OBJECT", "REQUESTER", "APPROVALS", "CREATED (UTC)");
        for (ApprovalRequest r : requests) {
            t.row(r.id(), r.status() + (r.emergency() ? " (emergency)" : ""), r.resource().typeName(), r.action(),
                    r.resource().objectId(), r.requester().id(), approvals(r), time(r.createdAt()));
        }
        t.print(out);
    }

    public static void show(PrintWriter out, ApprovalRequest r, List<AuditEntry> history) {
        out.println("Request " + r.id() + "  [" + r.status() + "]" + (r.emergency() ? "  EMERGENCY (break-glass)" : ""));
        out.println("  Resource        " + r.resource().typeName() + " " + r.resource().objectId()
                + (r.resource().platform().name().equals("UNSPECIFIED") ? "" : " (" + r.resource().platform() + ")"));
        out.println("  Action          " + r.action());
        out.println("  Requested by    " + r.requester().id() + " at " + time(r.createdAt()) + " UTC");
        out.println("  Justification   " + (r.justification().isEmpty() ? "(none)" : r.justification()));
        out.println("  Operation       " + r.operation().signature());
        out.println("  Digest          sha256:" + r.digest());
        out.println("  Expires         " + time(r.expiresAt()) + " UTC" + (r.urgent() ? " (urgent)" : ""));
        out.println("  Completion      " + r.completion().wireName());
        for (Factor f : r.factors()) {
            out.println("  Needs           " + f.requiredApprovals() + " approval(s) from " + new TreeSet<>(f.approverGroups())
                    + "  (policy: " + f.policy() + ")");
        }
        out.println("  Approvals       " + approvals(r));
        for (Review v : r.reviews()) {
            out.println("    " + v.verdict() + " by " + v.reviewer() + " at " + time(v.at()) + " UTC"
                    + (v.notes().isEmpty() ? "" : ": \"" + v.notes() + "\""));
        }
        if (!r.outcome().isEmpty()) {
            out.println("  Outcome         " + r.outcome());
        }
        if (r.emergency()) {
            out.println("  Post-review     " + (r.postReview() == null ? "OPEN — an approver must close it"
                    : "closed by " + r.postReview().reviewer() + ": " + r.postReview().notes()));
        }
        out.println("  Parked call     " + r.payload());
        if (!history.isEmpty()) {
            out.println("  History");
            for (AuditEntry e : history) {
                out.println("    #" + e.seq() + " " + time(e.event().at()) + "  " + e.event().type() + " by "
                        + e.event().actor() + (e.event().detail().isEmpty() ? "" : " — " + e.event().detail()));
            }
        }
        out.flush();
    }

    public static String time(Instant t) {
        return t == null ? "" : TIME.format(t);
    }
}

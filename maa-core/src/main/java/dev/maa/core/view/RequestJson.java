package dev.maa.core.view;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maa.api.ApprovalRequest;
import dev.maa.api.AuditEntry;
import dev.maa.api.AuditEventType;
import dev.maa.api.CapturedDiff;
import dev.maa.api.DisplayText;
import dev.maa.api.Durations;
import dev.maa.api.Factor;
import dev.maa.api.Reminders;
import dev.maa.api.Review;
import dev.maa.api.Status;
import dev.maa.core.DueReminders;
import dev.maa.core.QuorumProgress;
import dev.maa.core.RequestAction;
import dev.maa.core.codec.ParkedCallCodec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeSet;

/**
 * The JSON shapes of requests in the REST API: a summary for lists, a detail for one request. Public because they
 * are the API's contract, and here in the core because every surface sends the same shapes: {@code maa serve}'s
 * REST API, the CLI's {@code --json} in local mode and the Spring Boot starter's in-app API (one view, so the web
 * console reads every one of them alike).
 */
public final class RequestJson {

    private RequestJson() {}

    /** A request in lists. */
    public static Map<String, Object> summary(ApprovalRequest r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("status", r.status().name());
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("type", r.resource().typeName());
        resource.put("objectId", r.resource().objectId());
        resource.put("platform", r.resource().platform().name());
        resource.put("scopeTags", new TreeSet<>(r.resource().scopeTags()));
        m.put("resource", resource);
        m.put("action", r.action().name());
        m.put("requester", r.requester().id());
        m.put("justification", r.justification());
        m.put("urgent", r.urgent());
        m.put("emergency", r.emergency());
        m.put("createdAt", r.createdAt().toString());
        m.put("expiresAt", r.expiresAt().toString());
        // both windows: approval until approvalExpiresAt; once approved, executeBy (the execution window's end)
        m.put("approvalExpiresAt", r.approvalDeadline().toString());
        m.put("executionWindow", r.executionWindow() == null ? null : Durations.format(r.executionWindow()));
        m.put("executeBy", r.status() == Status.APPROVED ? r.expiresAt().toString() : null);
        m.put("updatedAt", r.updatedAt().toString());
        m.put("version", r.version());
        m.put("approvals", approvals(QuorumProgress.of(r)));
        m.put("waitingFor", waitingFor(r));
        m.put("reminderState", reminderState(r));
        return m;
    }

    /**
     * A list row's reminder state, from the request alone (lists read no audit trail), or {@code null} when its
     * policy set no reminders: {@code nextReminderAt} and {@code escalateAt} while it waits for approval,
     * {@code escalated} and {@code escalatedAt}, and {@code text}, the one line every list shows (console, CLI).
     */
    public static Map<String, Object> reminderState(ApprovalRequest r) {
        Reminders rm = r.reminders();
        if (rm == null) {
            return null;
        }
        Instant next = DueReminders.nextReminder(r);
        Instant escalates = DueReminders.escalateAt(r);
        List<String> parts = new ArrayList<>();
        if (rm.escalatedAt() != null) {
            parts.add("escalated " + seconds(rm.escalatedAt()));
        }
        if (escalates != null) {
            parts.add("escalates " + seconds(escalates));
        }
        if (next != null) {
            parts.add("next reminder " + seconds(next));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nextReminderAt", text(next));
        m.put("escalateAt", text(escalates));
        m.put("escalated", rm.escalatedAt() != null);
        m.put("escalatedAt", text(rm.escalatedAt()));
        m.put("text", parts.isEmpty() ? "none due" : String.join("; ", parts));
        return m;
    }

    /**
     * The quorum as the engine counts it: {@code given} of {@code required} approvals that count (per factor at most
     * its requirement, so {@code given == required} exactly when {@code met}), and each factor's own count.
     */
    static Map<String, Object> approvals(QuorumProgress progress) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("given", progress.given());
        m.put("required", progress.required());
        m.put("met", progress.met());
        m.put("stage", progress.currentStage()); // 0 once every stage is met
        m.put("stages", progress.stages());
        List<Map<String, Object>> factors = new ArrayList<>();
        for (QuorumProgress.FactorProgress f : progress.factors()) {
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("policy", f.policy());
            fm.put("given", f.given());
            fm.put("required", f.required());
            fm.put("met", f.met());
            fm.put("stage", f.stage());
            factors.add(fm);
        }
        m.put("factors", factors);
        return m;
    }

    /**
     * A page of summaries. {@code found} holds up to {@code limit + 1} requests from the store: the one past the page
     * only says whether there is more.
     */
    public static Map<String, Object> page(String view, int offset, int limit, List<ApprovalRequest> found) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < Math.min(limit, found.size()); i++) {
            items.add(summary(found.get(i)));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("view", view);
        m.put("offset", offset);
        m.put("limit", limit);
        m.put("hasMore", found.size() > limit);
        m.put("items", items);
        return m;
    }

    /**
     * What an approved request waits for, in words, or {@code null}: a COMPLETING request no executor has claimed
     * waits for a host JVM that has the method and an executor (the server itself runs no protected code), which
     * is otherwise invisible from the status alone.
     */
    public static String waitingFor(ApprovalRequest r) {
        if (r.status() != Status.COMPLETING || r.claimOwner() != null) {
            return null;
        }
        return "a host that can run this call: a service with MAA's executor running and "
                + r.operation().signature() + " registered claims it (see docs/deployment.md)";
    }

    /**
     * One request in full. {@code digestVerified} says whether the stored payload still has the digest the request
     * is bound to (recomputed here, on every read): readers must not offer approval when it is {@code false}.
     *
     * @param liveDiff a diff computed now, shown (marked {@code "source": "live"}, without its {@code capturedAt})
     *                 only when none was captured at park; {@code null} for none
     * @param actions  what the reader may do now ({@code ApprovalService.allowedActions}), shown by wire name
     */
    public static Map<String, Object> detail(
            ApprovalRequest r, List<AuditEntry> history, CapturedDiff liveDiff, Collection<RequestAction> actions) {
        Map<String, Object> m = summary(r);
        m.put("completion", r.completion().wireName());
        m.put("policyRevision", r.policyRevision());
        List<Map<String, Object>> factors = new ArrayList<>();
        for (Factor f : r.factors()) {
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("policy", f.policy());
            fm.put("approverGroups", new TreeSet<>(f.approverGroups()));
            fm.put("requiredApprovals", f.requiredApprovals());
            fm.put("approvalAssurance", f.assurance().wireName());
            fm.put("stage", f.stage());
            factors.add(fm);
        }
        m.put("factors", factors);
        m.put("call", CallRenderer.render(r));
        String payloadDigest = ParkedCallCodec.digest(r.payload());
        m.put("digestVerified", payloadDigest.equals(r.digest()));
        m.put("payloadDigest", payloadDigest);
        m.put("diff", diff(r, liveDiff));
        m.put("impact", payloadDigest.equals(r.digest()) ? impact(r, history) : null);
        List<Map<String, Object>> reviews = new ArrayList<>();
        for (Review v : r.reviews()) {
            Map<String, Object> rv = new LinkedHashMap<>();
            rv.put("reviewer", v.reviewer());
            rv.put("verdict", v.verdict().name());
            rv.put("notes", v.notes());
            rv.put("at", v.at().toString());
            rv.put("digest", v.digest());
            reviews.add(rv);
        }
        m.put("reviews", reviews);
        m.put("outcome", r.outcome());
        m.put("reminders", reminders(r, history));
        if (r.emergency()) {
            Map<String, Object> pr = new LinkedHashMap<>();
            pr.put("open", r.postReview() == null);
            if (r.postReview() != null) {
                pr.put("reviewer", r.postReview().reviewer());
                pr.put("notes", r.postReview().notes());
            }
            m.put("postReview", pr);
        }
        List<Map<String, Object>> hist = new ArrayList<>();
        for (AuditEntry e : history) {
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("seq", e.seq());
            h.put("at", e.event().at().toString());
            h.put("actor", e.event().actor());
            h.put("event", e.event().type());
            h.put("detail", e.event().detail());
            h.put("details", details(e.event().detail()));
            hist.add(h);
        }
        m.put("history", hist);
        m.put("actions", actions.stream().sorted().map(RequestAction::wireName).toList());
        return m;
    }

    /**
     * A request's reminder and escalation state, or {@code null} when its policy set neither: the schedule
     * ({@code remindAfter}, {@code escalateAfter}, {@code escalationGroups}), while it waits for approval when the
     * next reminder is due ({@code nextReminderAt}) and when it escalates ({@code escalateAt}, {@code null} once
     * escalated), and what fired: {@code remindersSent} and {@code lastRemindedAt}, {@code escalated},
     * {@code escalatedAt}, and the stage and groups the {@code ESCALATED} audit event sealed ({@code escalatedStage},
     * {@code groupsAdded}).
     */
    public static Map<String, Object> reminders(ApprovalRequest r, List<AuditEntry> history) {
        Reminders rm = r.reminders();
        if (rm == null) {
            return null;
        }
        JsonNode escalation = null;
        TreeSet<String> added = new TreeSet<>(); // every escalation's groups (one per policy that escalated)
        int sent = 0;
        for (AuditEntry e : history) {
            if (AuditEventType.REMINDED.name().equals(e.event().type())) {
                sent++;
            } else if (AuditEventType.ESCALATED.name().equals(e.event().type())) {
                escalation = StoredJson.readOrNull(e.event().detail());
                if (escalation != null) {
                    escalation.path("groups").forEach(g -> added.add(g.asText()));
                }
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("remindAfter", rm.remindAfter() == null ? null : Durations.format(rm.remindAfter()));
        m.put("nextReminderAt", text(DueReminders.nextReminder(r)));
        m.put("remindersSent", sent);
        m.put("lastRemindedAt", text(rm.lastRemindedAt()));
        m.put("escalateAfter", rm.escalateAfter() == null ? null : Durations.format(rm.escalateAfter()));
        m.put("escalationGroups", new TreeSet<>(rm.escalationGroups()));
        m.put("escalateAt", text(DueReminders.escalateAt(r)));
        m.put("escalated", rm.escalatedAt() != null);
        m.put("escalatedAt", text(rm.escalatedAt()));
        if (escalation == null && rm.escalatedAt() != null) {
            added.addAll(rm.escalationGroups()); // a history read without the trail
        }
        m.put(
                "escalatedStage",
                escalation != null && escalation.path("stage").isInt()
                        ? escalation.path("stage").asInt()
                        : null);
        m.put("groupsAdded", added);
        return m;
    }

    /** An instant as a list shows it: whole seconds, UTC. */
    private static String seconds(Instant at) {
        return at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }

    /**
     * An audit detail (a JSON object) as a line people read: {@code notes: looks right, quorum: App changes 1/1},
     * hidden characters escaped. The console and the CLI print this rather than the raw JSON.
     */
    static String details(String detail) {
        JsonNode node = detail == null || detail.isEmpty() ? null : StoredJson.readOrNull(detail);
        if (node == null || !node.isObject()) {
            return DisplayText.escapeLine(detail == null ? "" : detail);
        }
        StringJoiner line = new StringJoiner(", ");
        node.fields().forEachRemaining(f -> {
            String text = readable(f.getValue());
            if (!text.isEmpty()) {
                line.add(f.getKey() + ": " + text);
            }
        });
        return DisplayText.escapeLine(line.toString());
    }

    /** A detail value as words: lists joined by {@code "; "}, objects as {@code (key=value, ...)}, never raw JSON. */
    private static String readable(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return "";
        }
        if (v.isArray()) {
            StringJoiner items = new StringJoiner("; ");
            v.forEach(item -> items.add(readable(item)));
            return items.toString();
        }
        if (v.isObject()) {
            StringJoiner fields = new StringJoiner(", ", "(", ")");
            v.fields().forEachRemaining(f -> fields.add(f.getKey() + "=" + readable(f.getValue())));
            return fields.toString();
        }
        return v.asText();
    }

    /**
     * A policy-change request's impact (docs/rollout.md), or {@code null} for other requests, for a change submitted
     * without a decision log, and for a payload that no longer matches its digest. The parked change seals the window
     * with {@code "state": "computing"}; the report computed in the background comes from the trail's
     * {@code IMPACT_COMPUTED} event for this request's digest ({@code "state": "computed"}). Changes parked before
     * that carry their report in the payload itself.
     */
    public static JsonNode impact(ApprovalRequest r, List<AuditEntry> history) {
        if (!"ACCESS_POLICY".equals(r.resource().typeName())) {
            return null;
        }
        JsonNode payload = StoredJson.readOrNull(r.payload());
        String impact = payload == null
                ? ""
                : payload.path("args").path(0).path("value").path("impact").asText("");
        JsonNode node = impact.isEmpty() ? null : StoredJson.readOrNull(impact);
        if (node == null || !node.isObject()) {
            return null;
        }
        if (!"computing".equals(node.path("state").asText())) {
            return node;
        }
        JsonNode computed = null;
        for (AuditEntry e : history) {
            if (AuditEventType.IMPACT_COMPUTED.name().equals(e.event().type())) {
                JsonNode d = StoredJson.readOrNull(e.event().detail());
                if (d != null
                        && r.digest().equals(d.path("digest").asText())
                        && d.path("impact").isObject()) {
                    computed = d.path("impact");
                }
            }
        }
        return computed != null ? computed : node;
    }

    /** The captured diff if there is one (never recomputed), else the live one, else {@code null}. */
    private static Map<String, Object> diff(ApprovalRequest r, CapturedDiff liveDiff) {
        CapturedDiff captured = r.diff();
        CapturedDiff shown = captured != null ? captured : liveDiff;
        if (shown == null) {
            return null;
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("title", shown.title());
        d.put("before", shown.before());
        d.put("after", shown.after());
        d.put("unified", shown.unified().isEmpty() ? null : shown.unified());
        d.put("source", captured != null ? "captured" : "live");
        d.put("capturedAt", captured != null ? captured.capturedAt().toString() : null);
        return d;
    }
}

package dev.maa.notify.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.maa.api.ApprovalRequest;
import dev.maa.api.DisplayText;
import dev.maa.api.Factor;
import dev.maa.api.Notification;
import dev.maa.api.Review;
import dev.maa.api.Status;
import dev.maa.core.QuorumProgress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.TreeSet;

/**
 * What a notification looks like on the wire: webhook JSON, e-mail subject and body. Texts people read (the
 * webhook's {@code text}, the e-mail) show hidden characters escaped ({@link DisplayText}), with a warning line in
 * the e-mail; the webhook's structured fields stay raw for automation, as in the REST API.
 */
public final class Rendering {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String linkTemplate;

    /** @param linkTemplate e.g. {@code https://maa.example.com/requests/{id}}, or {@code null} for no link */
    public Rendering(String linkTemplate) {
        if (linkTemplate != null && !linkTemplate.isBlank() && !linkTemplate.contains("{id}")) {
            throw new IllegalArgumentException("link template '" + linkTemplate + "' has no {id} placeholder; e.g."
                    + " https://maa.example.com/requests/{id}");
        }
        this.linkTemplate = linkTemplate == null || linkTemplate.isBlank() ? null : linkTemplate;
    }

    /** The console link of the request, or "" without a template. */
    public String link(ApprovalRequest r) {
        return linkTemplate == null
                ? ""
                : linkTemplate.replace("{id}", URLEncoder.encode(r.id(), StandardCharsets.UTF_8));
    }

    /** Slack/Teams read {@code text}; automation reads the structured fields. */
    public byte[] webhookBody(Notification n) {
        ApprovalRequest r = n.request();
        String link = link(r);
        ObjectNode o = JSON.createObjectNode();
        String text = chatEscape(DisplayText.escape(n.text()));
        o.put("text", link.isEmpty() ? text : text + " " + link);
        o.put("kind", n.kind().name());
        o.put("event_id", n.eventId());
        o.put("request_id", r.id());
        o.put("resource", r.resource().key());
        o.put("resource_type", r.resource().typeName());
        o.put("object_id", r.resource().objectId());
        o.put("action", r.action().name());
        o.put("operation", r.operation().className() + "#" + r.operation().methodName());
        o.put("requester", r.requester().id());
        o.put("status", r.status().name());
        o.put("justification", r.justification());
        o.put("urgent", r.urgent());
        o.put("emergency", r.emergency());
        o.put("link", link);
        QuorumProgress progress = QuorumProgress.of(r);
        o.put("stage", r.status() == Status.NEEDS_APPROVAL ? progress.currentStage() : 0);
        o.put("stages", progress.stages());
        o.put("stage_text", openStage(r));
        ArrayNode groups = o.putArray("approver_groups");
        approverGroups(r).forEach(groups::add);
        ArrayNode recipients = o.putArray("recipients");
        new TreeSet<>(n.recipients()).forEach(recipients::add);
        o.put("expires_at", r.expiresAt().toString());
        o.put("updated_at", r.updatedAt().toString());
        try {
            return JSON.writeValueAsBytes(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }

    public String subject(Notification n) {
        ApprovalRequest r = n.request();
        String what = title(n.kind());
        return DisplayText.escapeLine(
                "[MAA] " + what + ": " + r.action() + " " + r.resource().key() + " (request " + r.id() + ")");
    }

    /** What happened, for subjects and card titles: e.g. "Approval needed". */
    public static String title(Notification.Kind kind) {
        return switch (kind) {
            case SUBMITTED -> "Approval needed";
            case APPROVED -> "Approved";
            case REJECTED -> "Rejected";
            case CANCELED -> "Canceled";
            case EXPIRED -> "Expired";
            case COMPLETED -> "Completed";
            case FAILED -> "Failed";
            case EMERGENCY -> "Break-glass used, review needed";
            case WITHDRAWN -> "Approval withdrawn";
            case REMINDER -> "Reminder: approval needed";
            case ESCALATED -> "Escalated, approval needed";
            case VOIDED -> "Voided by a policy change";
        };
    }

    public String body(Notification n) {
        ApprovalRequest r = n.request();
        StringBuilder b = new StringBuilder(DisplayText.escape(n.text())).append("\n\n");
        if (hasHidden(n)) {
            b.append("WARNING: this request's texts hold invisible or direction-changing characters, shown below as")
                    .append(" ⟨U+...⟩. Read them as shown before you act.\n\n");
        }
        field(b, "Request", r.id());
        field(b, "Resource", r.resource().key());
        field(b, "Action", r.action().name());
        field(b, "Operation", r.operation().className() + "#" + r.operation().methodName());
        field(b, "Requested by", r.requester().id());
        field(b, "Justification", r.justification().isEmpty() ? "(none)" : r.justification());
        field(b, "Status", r.status().name());
        field(b, "Approver groups", String.join(", ", approverGroups(r)));
        String stage = openStage(r);
        if (!stage.isEmpty()) {
            field(b, "Waiting for", stage);
        }
        field(b, "Expires", r.expiresAt().toString());
        if (!r.outcome().isEmpty()) {
            field(b, "Outcome", r.outcome());
        }
        for (Review review : r.reviews()) {
            field(
                    b,
                    "Review",
                    review.verdict() + " by " + review.reviewer()
                            + (review.notes().isEmpty() ? "" : ": " + review.notes()));
        }
        String link = link(r);
        if (!link.isEmpty()) {
            b.append('\n')
                    .append(
                            switch (n.kind()) {
                                case SUBMITTED, REMINDER, ESCALATED -> "Review it: ";
                                default -> "Details: ";
                            })
                    .append(link)
                    .append('\n');
        }
        b.append("\n-- \n")
                .append(
                        switch (n.kind()) {
                            case SUBMITTED, EMERGENCY, REMINDER, ESCALATED ->
                                "You receive this as a member of an approver group of this request.";
                            default -> "You receive this because you made this request.";
                        })
                .append('\n');
        return b.toString();
    }

    /**
     * Chat apps read {@code <...>} in {@code text} as markup: {@code <!channel>} pings everyone and
     * {@code <https://evil|Approve>} disguises a link. The text carries ids and notes that requesters and
     * reviewers choose, so it is escaped as Slack documents ({@code & < >}); structured fields stay raw.
     */
    public static String chatEscape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /**
     * The open stage of a request that waits for approval in one of several stages, as people read it: {@code "stage
     * 2 of 3: security"} (the policies of that stage's factors); {@code ""} for a request of one stage or one that
     * waits for no approval. Counted by {@link QuorumProgress}, as the engine counts it.
     */
    public static String openStage(ApprovalRequest r) {
        QuorumProgress progress = QuorumProgress.of(r);
        int stage = progress.currentStage();
        if (r.status() != Status.NEEDS_APPROVAL || progress.stages() < 2 || stage == 0) {
            return "";
        }
        TreeSet<String> policies = new TreeSet<>();
        r.factors().stream().filter(f -> f.stage() == stage).forEach(f -> policies.add(f.policy()));
        return "stage " + stage + " of " + progress.stages() + ": " + String.join(", ", policies);
    }

    /**
     * What happened, in the engine's own sentence, for the kinds whose title alone does not say it (a reminder, an
     * escalation, a voided request, a withdrawn approval); {@code ""} for the others.
     */
    public static String whatHappened(Notification n) {
        return switch (n.kind()) {
            case REMINDER, ESCALATED, VOIDED, WITHDRAWN -> n.text();
            default -> "";
        };
    }

    /** The approver groups of all factors, sorted. */
    public static TreeSet<String> approverGroups(ApprovalRequest r) {
        TreeSet<String> groups = new TreeSet<>();
        for (Factor f : r.factors()) {
            groups.addAll(f.approverGroups());
        }
        return groups;
    }

    private static void field(StringBuilder b, String name, String value) {
        b.append(name).append(": ").append(DisplayText.escape(value)).append('\n');
    }

    private static boolean hasHidden(Notification n) {
        ApprovalRequest r = n.request();
        if (DisplayText.hasHidden(n.text())
                || DisplayText.hasHidden(r.resource().key())
                || DisplayText.hasHidden(r.requester().id())
                || DisplayText.hasHidden(r.justification())
                || DisplayText.hasHidden(r.outcome())) {
            return true;
        }
        return r.reviews().stream()
                .anyMatch(v -> DisplayText.hasHidden(v.notes()) || DisplayText.hasHidden(v.reviewer()));
    }
}

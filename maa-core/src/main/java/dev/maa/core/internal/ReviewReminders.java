package dev.maa.core.internal;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.AuditEventType;
import dev.maa.api.Durations;
import dev.maa.api.Factor;
import dev.maa.api.IllegalRequestStateException;
import dev.maa.api.Notification;
import dev.maa.api.Reminders;
import dev.maa.api.RequestQuery;
import dev.maa.api.Review;
import dev.maa.api.Status;
import dev.maa.core.QuorumProgress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reminders and escalation of requests that wait for approval (issue 21; Entra's and Teleport's): every
 * {@code remind_after} the approvers of the open stage who have not reviewed are reminded; once, {@code escalate_after}
 * after submission, the policy's escalation groups become approvers of the stage open then.
 *
 * <p>Escalation rewrites the factors of that stage (approver groups plus the escalation groups) and seals the new
 * factors in the {@code ESCALATED} audit event, so {@link Quorum} counts them without knowing about escalation, an
 * escalation approver is refused until it happened, and the completion-time trail check ({@link ApprovalEvidence})
 * takes the factors from that event. Each firing is one conditional update, so two nodes never fire one twice.
 */
final class ReviewReminders {

    private final EngineContext ctx;
    private final DefaultApprovalService service;

    ReviewReminders(EngineContext ctx, DefaultApprovalService service) {
        this.ctx = ctx;
        this.service = service;
    }

    /**
     * Fires what is due now; returns how many reminders and escalations. Reads only the requests the store says are
     * due ({@link dev.maa.api.RequestStore#remindersDue}), a batch at a time while whole batches fire (a batch in
     * which nothing fired is left to the next run, so a request that cannot fire never keeps a run going).
     */
    int remindDue() {
        Instant now = ctx.clock().instant();
        int fired = 0;
        List<ApprovalRequest> batch;
        int firedInBatch;
        do {
            batch = DefaultApprovalService.guard(() -> ctx.store().remindersDue(now, RequestQuery.MAX_LIMIT));
            firedInBatch = 0;
            for (ApprovalRequest r : batch) {
                firedInBatch += fire(r, now);
            }
            fired += firedInBatch;
        } while (batch.size() == RequestQuery.MAX_LIMIT && firedInBatch > 0);
        return fired;
    }

    private int fire(ApprovalRequest r, Instant now) {
        Reminders rm = r.reminders();
        if (rm == null || RequestGuards.isDue(r, now)) {
            return 0; // the expiry sweep ends it
        }
        int fired = 0;
        try {
            if (due(rm.escalationDue(r.createdAt()), now)) {
                service.transition(r.id(), this::escalate);
                fired++;
            }
            if (due(rm.nextReminder(r.createdAt()), now)) {
                service.transition(r.id(), this::remind);
                fired++;
            }
        } catch (IllegalRequestStateException e) {
            // approved, rejected, canceled or fired by another node meanwhile
        }
        return fired;
    }

    private static boolean due(Instant at, Instant now) {
        return at != null && !now.isBefore(at);
    }

    private DefaultApprovalService.Step escalate(ApprovalRequest r) {
        Instant now = ctx.clock().instant();
        Reminders rm = r.reminders();
        if (r.status() != Status.NEEDS_APPROVAL || !due(rm.escalationDue(r.createdAt()), now)) {
            throw notDue(r, "escalation");
        }
        int stage = Quorum.currentStage(r.factors(), r.reviews());
        List<Factor> factors = escalate(r.factors(), stage, rm.escalationGroups());
        Set<String> added = added(r.factors(), factors);
        ApprovalRequest u = r.toBuilder()
                .factors(factors)
                .reminders(rm.escalatedAt(now))
                .updatedAt(now)
                .version(r.version() + 1)
                .build();
        String text = "Request " + u.id() + " by " + u.requester().id() + " to " + u.action() + " "
                + u.resource().key() + " waited " + Durations.format(rm.escalateAfter())
                + " and is escalated to " + added + ": it needs your approval ("
                + QuorumProgress.of(u) + ")";
        return new DefaultApprovalService.Step(
                u,
                DefaultApprovalService.event(
                        now,
                        r,
                        EngineContext.SYSTEM,
                        AuditEventType.ESCALATED,
                        "stage",
                        stage,
                        "groups",
                        AuditDetails.groups(added),
                        "approvals",
                        AuditDetails.factors(factors)),
                () -> {
                    ctx.notifications().toApprovers(Notification.Kind.ESCALATED, u, Set.of(), text);
                    ctx.notifications().toRequester(Notification.Kind.ESCALATED, u, text);
                },
                null);
    }

    /**
     * {@code factors} with those of {@code stage} escalated: each gains its own escalation groups, and only those. A
     * request stored before escalation groups were per factor names none on its factors; then every factor of the
     * stage gains {@code requestGroups}, the request's (merged) escalation groups, as it did then.
     */
    static List<Factor> escalate(List<Factor> factors, int stage, Set<String> requestGroups) {
        boolean perFactor = factors.stream().anyMatch(f -> !f.escalationGroups().isEmpty());
        List<Factor> out = new ArrayList<>();
        for (Factor f : factors) {
            if (f.stage() != stage) {
                out.add(f);
            } else {
                out.add((perFactor ? f : f.escalatingTo(requestGroups)).escalated());
            }
        }
        return out;
    }

    /** The groups escalation added to any factor (for the event and the people told). */
    private static Set<String> added(List<Factor> before, List<Factor> after) {
        Set<String> added = new TreeSet<>();
        for (int i = 0; i < after.size(); i++) {
            Set<String> gained = new TreeSet<>(after.get(i).approverGroups());
            gained.removeAll(before.get(i).approverGroups());
            added.addAll(gained);
        }
        return added;
    }

    private DefaultApprovalService.Step remind(ApprovalRequest r) {
        Instant now = ctx.clock().instant();
        Reminders rm = r.reminders();
        if (r.status() != Status.NEEDS_APPROVAL || !due(rm.nextReminder(r.createdAt()), now)) {
            throw notDue(r, "reminder");
        }
        ApprovalRequest u = r.toBuilder()
                .reminders(rm.remindedAt(now))
                .updatedAt(now)
                .version(r.version() + 1)
                .build();
        QuorumProgress progress = QuorumProgress.of(u);
        Set<String> reviewed = new TreeSet<>();
        u.reviews().stream().map(Review::reviewer).forEach(reviewed::add);
        String text = "Reminder: request " + u.id() + " by " + u.requester().id() + " to " + u.action() + " "
                + u.resource().key() + " still needs your approval (" + progress + "); it expires at "
                + u.expiresAt();
        return new DefaultApprovalService.Step(
                u,
                DefaultApprovalService.event(
                        now,
                        r,
                        EngineContext.SYSTEM,
                        AuditEventType.REMINDED,
                        "stage",
                        progress.currentStage(),
                        "quorum",
                        progress.toString()),
                () -> ctx.notifications().toWaitingApprovers(Notification.Kind.REMINDER, u, reviewed, text),
                null);
    }

    private static IllegalRequestStateException notDue(ApprovalRequest r, String what) {
        return new IllegalRequestStateException(
                "No " + what + " of request " + r.id() + " is due (" + r.status() + ")", r.status());
    }
}

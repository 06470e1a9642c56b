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
import dev.maa.core.DueReminders;
import dev.maa.core.QuorumProgress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reminders and escalation of requests that wait for approval (issue 21; Entra's and Teleport's), per factor policy:
 * every {@code remind_after} of a policy, the approvers of its unmet factors in the open stage who have not reviewed
 * are reminded; once, {@code escalate_after} after its factors' stage opened, those factors gain their own escalation
 * groups. Each policy fires on its own ({@link DueReminders}): its own audit event, inbox rows and notifications, and
 * the requester is told who was reminded or escalated to. A request parked before schedules were per policy keeps its
 * one schedule: every {@code remind_after} the open stage's approvers, once, {@code escalate_after} after submission,
 * the factors of the stage open then.
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
        if (rm.perPolicy()) {
            return firePerPolicy(r, now);
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

    /** Fires each policy's due escalation and reminder of {@code r}, one transition each. */
    private int firePerPolicy(ApprovalRequest r, Instant now) {
        int fired = 0;
        for (DueReminders.Due d : DueReminders.due(r, now)) {
            String policy = d.schedule().policy();
            try {
                service.transition(
                        r.id(),
                        d.kind() == DueReminders.Kind.ESCALATION ? x -> escalate(x, policy) : x -> remind(x, policy));
                fired++;
            } catch (IllegalRequestStateException e) {
                // approved, rejected, canceled, its stage moved on, or fired by another node meanwhile
            }
        }
        return fired;
    }

    /** {@code r}'s firing of {@code kind} for {@code policy} if it is due now, else a refusal. */
    private DueReminders.Due dueNow(ApprovalRequest r, DueReminders.Kind kind, String policy) {
        return DueReminders.due(r, ctx.clock().instant()).stream()
                .filter(d -> d.kind() == kind && d.schedule().policy().equals(policy))
                .findFirst()
                .orElseThrow(() -> notDue(r, kind == DueReminders.Kind.ESCALATION ? "escalation" : "reminder"));
    }

    /** The escalation of {@code policy}'s factors: each gains its own escalation groups. */
    private DefaultApprovalService.Step escalate(ApprovalRequest r, String policy) {
        Instant now = ctx.clock().instant();
        DueReminders.Due d = dueNow(r, DueReminders.Kind.ESCALATION, policy);
        List<Factor> factors = new ArrayList<>();
        for (Factor f : r.factors()) {
            factors.add(f.policy().equals(policy) && f.stage() == d.stage() ? f.escalated() : f);
        }
        ApprovalRequest u = r.toBuilder()
                .factors(factors)
                .reminders(r.reminders().with(d.schedule().escalatedAt(now)))
                .updatedAt(now)
                .version(r.version() + 1)
                .build();
        return escalated(
                r,
                u,
                now,
                d.schedule().escalateAfter(),
                policy,
                d.stage(),
                f -> f.policy().equals(policy));
    }

    /**
     * The {@code ESCALATED} step from {@code r} to {@code u}, which waited {@code waited}: audited with the policy
     * (none for a request with one schedule), stage, groups added and the new factors; the approvers of the factors
     * {@code which} picks and the requester are told who it is escalated to.
     */
    private DefaultApprovalService.Step escalated(
            ApprovalRequest r,
            ApprovalRequest u,
            Instant now,
            java.time.Duration waited,
            String policy,
            int stage,
            java.util.function.Predicate<Factor> which) {
        Set<String> added = added(r.factors(), u.factors());
        String after =
                " waited " + Durations.format(waited) + (policy == null ? "" : " for the approvers of " + policy);
        String text = "Request " + u.id() + " by " + u.requester().id() + " to " + u.action() + " "
                + u.resource().key() + after + " and is escalated to " + added + ": it needs your approval ("
                + QuorumProgress.of(u) + ")";
        String told = "Your request " + u.id() + " to " + u.action() + " "
                + u.resource().key() + after + "; it is escalated to " + added + ", who may now approve it ("
                + QuorumProgress.of(u) + ")";
        List<Object> details = new ArrayList<>();
        if (policy != null) {
            details.addAll(List.of("policy", policy));
        }
        details.addAll(List.of(
                "stage", stage, "groups", AuditDetails.groups(added), "approvals", AuditDetails.factors(u.factors())));
        return new DefaultApprovalService.Step(
                u,
                DefaultApprovalService.event(now, r, EngineContext.SYSTEM, AuditEventType.ESCALATED, details.toArray()),
                () -> {
                    ctx.notifications().toFactorApprovers(Notification.Kind.ESCALATED, u, which, Set.of(), text);
                    ctx.notifications().toRequester(Notification.Kind.ESCALATED, u, told);
                },
                null);
    }

    /** The reminder to the approvers of {@code policy}'s unmet factors who have not reviewed. */
    private DefaultApprovalService.Step remind(ApprovalRequest r, String policy) {
        Instant now = ctx.clock().instant();
        DueReminders.Due d = dueNow(r, DueReminders.Kind.REMINDER, policy);
        ApprovalRequest u = r.toBuilder()
                .reminders(r.reminders().with(d.schedule().remindedAt(now)))
                .updatedAt(now)
                .version(r.version() + 1)
                .build();
        return reminded(r, u, now, policy, d.stage(), f -> f.policy().equals(policy));
    }

    /**
     * The {@code REMINDED} step from {@code r} to {@code u}: the approvers of the unmet factors of {@code stage} that
     * {@code which} picks, who have not reviewed, are reminded; audited with the policy (none for a request with one
     * schedule), stage, groups and quorum; the requester is told which groups were reminded.
     */
    private DefaultApprovalService.Step reminded(
            ApprovalRequest r,
            ApprovalRequest u,
            Instant now,
            String policy,
            int stage,
            java.util.function.Predicate<Factor> which) {
        QuorumProgress progress = QuorumProgress.of(u);
        Set<Factor> waiting = new java.util.HashSet<>();
        Set<String> groups = new TreeSet<>();
        for (int i = 0; i < u.factors().size(); i++) {
            Factor f = u.factors().get(i);
            if (which.test(f)
                    && f.stage() == stage
                    && !progress.factors().get(i).met()) {
                waiting.add(f);
                groups.addAll(f.approverGroups());
            }
        }
        String text = "Reminder: request " + u.id() + " by " + u.requester().id() + " to " + u.action() + " "
                + u.resource().key() + " still needs your approval (" + progress + "); it expires at "
                + u.expiresAt();
        String told = "Your request " + u.id() + " to " + u.action() + " "
                + u.resource().key()
                + " still waits for approval (" + progress + "): the approvers"
                + (policy == null ? "" : " of " + policy) + " in " + groups + " who have not reviewed were reminded";
        List<Object> details = new ArrayList<>();
        if (policy != null) {
            details.addAll(List.of("policy", policy));
        }
        details.addAll(List.of("stage", stage, "groups", AuditDetails.groups(groups), "quorum", progress.toString()));
        return new DefaultApprovalService.Step(
                u,
                DefaultApprovalService.event(now, r, EngineContext.SYSTEM, AuditEventType.REMINDED, details.toArray()),
                () -> {
                    ctx.notifications()
                            .toFactorApprovers(Notification.Kind.REMINDER, u, waiting::contains, reviewed(u), text);
                    ctx.notifications().toRequester(Notification.Kind.REMINDER, u, told);
                },
                null);
    }

    private static Set<String> reviewed(ApprovalRequest u) {
        Set<String> reviewed = new TreeSet<>();
        u.reviews().stream().map(Review::reviewer).forEach(reviewed::add);
        return reviewed;
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
        ApprovalRequest u = r.toBuilder()
                .factors(factors)
                .reminders(rm.escalatedAt(now))
                .updatedAt(now)
                .version(r.version() + 1)
                .build();
        return escalated(r, u, now, rm.escalateAfter(), null, stage, f -> f.stage() == stage);
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
        return reminded(r, u, now, null, Quorum.currentStage(u.factors(), u.reviews()), f -> true);
    }

    private static IllegalRequestStateException notDue(ApprovalRequest r, String what) {
        return new IllegalRequestStateException(
                "No " + what + " of request " + r.id() + " is due (" + r.status() + ")", r.status());
    }
}

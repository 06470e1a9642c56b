package dev.maa.core;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.Factor;
import dev.maa.api.Reminders;
import dev.maa.api.Status;
import dev.maa.core.internal.Quorum;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * When a request's reminders and escalations are due, per factor policy (issue 21): the one answer the engine fires
 * by, the stores index ({@link dev.maa.api.RequestStore#remindersDue}) and the views show.
 *
 * <p>A policy's schedule ({@link Reminders.Schedule}) runs only while its factors' stage is the open one and one of
 * them is unmet, and counts from when that stage opened: a met factor's approvers are not reminded, a later stage's
 * not before it opens. Because this depends on the reviews, a store rewrites a waiting request's due entry with every
 * update. A request parked before schedules were per policy keeps its one schedule from submission
 * ({@link Reminders#nextDue}).
 */
public final class DueReminders {

    private DueReminders() {}

    /** What fires. */
    public enum Kind {
        ESCALATION,
        REMINDER
    }

    /**
     * One firing due for one factor policy.
     *
     * @param kind     escalation or reminder
     * @param schedule the policy's schedule as it is now
     * @param at       when it was due
     * @param stage    the open stage its factors belong to
     */
    public record Due(Kind kind, Reminders.Schedule schedule, Instant at, int stage) {}

    /** When the next reminder or escalation of {@code r} is due, {@code null} = none while it is as it is now. */
    public static Instant next(ApprovalRequest r) {
        if (!waiting(r)) {
            return null;
        }
        Reminders rm = r.reminders();
        return rm.perPolicy()
                ? Reminders.earliest(upcoming(r).stream().map(Due::at).toList())
                : rm.nextDue(r.createdAt());
    }

    /** When the next reminder of {@code r} is due, {@code null} = none. */
    public static Instant nextReminder(ApprovalRequest r) {
        return next(r, Kind.REMINDER);
    }

    /** When {@code r} next escalates, {@code null} = never again. */
    public static Instant escalateAt(ApprovalRequest r) {
        return next(r, Kind.ESCALATION);
    }

    private static Instant next(ApprovalRequest r, Kind kind) {
        if (!waiting(r)) {
            return null;
        }
        Reminders rm = r.reminders();
        if (!rm.perPolicy()) {
            return kind == Kind.REMINDER ? rm.nextReminder(r.createdAt()) : rm.escalationDue(r.createdAt());
        }
        return Reminders.earliest(
                upcoming(r).stream().filter(d -> d.kind() == kind).map(Due::at).toList());
    }

    /**
     * The per-policy firings of {@code r} due at {@code now}, escalations first (so a reminder that fires with one
     * names the new approvers too), each policy in its own entry. Empty for a request with one schedule for all.
     */
    public static List<Due> due(ApprovalRequest r, Instant now) {
        if (!waiting(r) || !r.reminders().perPolicy()) {
            return List.of();
        }
        return upcoming(r).stream()
                .filter(d -> !d.at().isAfter(now))
                .sorted(Comparator.comparing(Due::kind).thenComparing(Due::at))
                .toList();
    }

    /** The factors of {@code r} a schedule of {@code policy} reminds and escalates. */
    public static List<Factor> factorsOf(ApprovalRequest r, String policy) {
        return r.factors().stream().filter(f -> f.policy().equals(policy)).toList();
    }

    /** Every schedule's next firing, for the schedules that run now. */
    private static List<Due> upcoming(ApprovalRequest r) {
        QuorumProgress progress = QuorumProgress.of(r);
        int open = progress.currentStage();
        if (open == 0) {
            return List.of();
        }
        Instant opened = Quorum.stageOpenedAt(r.factors(), r.reviews(), r.createdAt());
        List<Due> out = new ArrayList<>();
        for (Reminders.Schedule s : r.reminders().schedules()) {
            if (!runs(r, progress, open, s.policy())) {
                continue;
            }
            Instant escalate = s.escalationDue(opened);
            if (escalate != null) {
                out.add(new Due(Kind.ESCALATION, s, escalate, open));
            }
            Instant remind = s.nextReminder(opened);
            if (remind != null) {
                out.add(new Due(Kind.REMINDER, s, remind, open));
            }
        }
        return out;
    }

    /** Whether {@code policy}'s factors are in the open stage and one of them is unmet. */
    private static boolean runs(ApprovalRequest r, QuorumProgress progress, int open, String policy) {
        boolean any = false;
        for (int i = 0; i < r.factors().size(); i++) {
            Factor f = r.factors().get(i);
            if (f.policy().equals(policy)
                    && f.stage() == open
                    && !progress.factors().get(i).met()) {
                any = true;
            }
        }
        return any;
    }

    private static boolean waiting(ApprovalRequest r) {
        return r.status() == Status.NEEDS_APPROVAL && r.reminders() != null;
    }
}

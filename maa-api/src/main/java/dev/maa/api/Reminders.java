package dev.maa.api;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A request's reminder and escalation schedule (its policies' {@code remind_after}, {@code escalate_after} and
 * {@code escalation_groups}) and what of it has fired.
 *
 * <p>Why on the request: a request keeps the rules it was parked under, and the sweep that fires reminders must
 * know, from the store alone, when the next one is due on any node.
 *
 * <p>Since issue 21's remainder each factor keeps its own policy's timing: {@code schedules} holds one
 * {@link Schedule} per factor policy (a factor's {@link Factor#policy()}), so a request whose factors come from
 * several policies reminds and escalates each at its own policy's times, each with its own groups; a policy without
 * {@code escalate_after} never escalates its factors. The first five components then summarise (shortest intervals,
 * every escalation group, the latest reminder, the first escalation) for the views. A request parked before has no
 * schedules and keeps the one schedule of the first five for all its factors: every {@code remindAfter} from
 * submission (then from the last reminder) its open stage's approvers who have not reviewed are reminded, and once,
 * {@code escalateAfter} after submission, {@code escalationGroups} join the factors of the stage open then.
 *
 * @param remindAfter      the interval between reminders (the shortest of the schedules), {@code null} = none
 * @param escalateAfter    when, after submission, to escalate (the shortest), {@code null} = never
 * @param escalationGroups the groups escalation adds; non-empty exactly when {@code escalateAfter} is set
 * @param lastRemindedAt   when the last reminder went out, {@code null} = none yet
 * @param escalatedAt      when the request was (first) escalated, {@code null} = not yet
 * @param schedules        one per factor policy with a schedule; empty: a request parked before schedules were per
 *                         policy (the first five are its one schedule)
 */
public record Reminders(
        Duration remindAfter,
        Duration escalateAfter,
        Set<String> escalationGroups,
        Instant lastRemindedAt,
        Instant escalatedAt,
        List<Schedule> schedules) {

    /**
     * One factor policy's timing and what of it fired. Its times count from when its factors' stage opened
     * (submission for stage 1): stage {@code n + 1}'s approvers are not late while stage {@code n} waits.
     *
     * @param policy         the {@link Factor#policy()} of the factors it reminds and escalates
     * @param remindAfter    the interval between reminders to those factors' approvers, {@code null} = none
     * @param escalateAfter  when, after the factors' stage opened, they gain their own escalation groups,
     *                       {@code null} = never
     * @param lastRemindedAt when this policy's last reminder went out, {@code null} = none yet
     * @param escalatedAt    when this policy's factors escalated, {@code null} = not yet
     */
    public record Schedule(
            String policy, Duration remindAfter, Duration escalateAfter, Instant lastRemindedAt, Instant escalatedAt) {

        public Schedule {
            Objects.requireNonNull(policy, "policy");
            positive(remindAfter, "remindAfter");
            positive(escalateAfter, "escalateAfter");
        }

        /** A schedule nothing of which fired yet; {@code null} when it would do nothing. */
        public static Schedule of(String policy, Duration remindAfter, Duration escalateAfter) {
            return remindAfter == null && escalateAfter == null
                    ? null
                    : new Schedule(policy, remindAfter, escalateAfter, null, null);
        }

        /** When the next reminder is due if the factors' stage opened at {@code openedAt}, {@code null} = never. */
        public Instant nextReminder(Instant openedAt) {
            if (remindAfter == null) {
                return null;
            }
            Instant from = lastRemindedAt != null && lastRemindedAt.isAfter(openedAt) ? lastRemindedAt : openedAt;
            return from.plus(remindAfter);
        }

        /** When escalation is due if the factors' stage opened at {@code openedAt}, {@code null} = never or done. */
        public Instant escalationDue(Instant openedAt) {
            return escalateAfter == null || escalatedAt != null ? null : openedAt.plus(escalateAfter);
        }

        public Schedule remindedAt(Instant at) {
            return new Schedule(policy, remindAfter, escalateAfter, Objects.requireNonNull(at), escalatedAt);
        }

        public Schedule escalatedAt(Instant at) {
            return new Schedule(policy, remindAfter, escalateAfter, lastRemindedAt, Objects.requireNonNull(at));
        }
    }

    public Reminders {
        escalationGroups = Set.copyOf(escalationGroups == null ? Set.of() : escalationGroups);
        schedules = List.copyOf(schedules == null ? List.of() : schedules);
        positive(remindAfter, "remindAfter");
        positive(escalateAfter, "escalateAfter");
        if ((escalateAfter == null) != escalationGroups.isEmpty()) {
            throw new IllegalArgumentException(
                    escalateAfter == null
                            ? "escalation groups " + escalationGroups + " need an escalate_after: when to add them"
                            : "escalate_after " + Durations.format(escalateAfter)
                                    + " needs escalation_groups: whom to add");
        }
        if (schedules.stream().map(Schedule::policy).distinct().count() != schedules.size()) {
            throw new IllegalArgumentException("two reminder schedules name one policy: " + schedules);
        }
    }

    /** One schedule for all factors (the form before schedules were per policy). */
    public Reminders(
            Duration remindAfter,
            Duration escalateAfter,
            Set<String> escalationGroups,
            Instant lastRemindedAt,
            Instant escalatedAt) {
        this(remindAfter, escalateAfter, escalationGroups, lastRemindedAt, escalatedAt, List.of());
    }

    /** A schedule nothing of which has fired yet; {@code null} when it would do nothing. */
    public static Reminders of(Duration remindAfter, Duration escalateAfter, Set<String> escalationGroups) {
        if (remindAfter == null && escalateAfter == null) {
            return null;
        }
        return new Reminders(remindAfter, escalateAfter, escalationGroups, null, null);
    }

    /**
     * Per-policy schedules, nothing fired yet, summarised for the views; {@code escalationGroups} are every group the
     * factors' own {@link Factor#escalationGroups()} may add. {@code null} when no schedule would do anything. A
     * schedule's escalation without groups to add is dropped: it would add nobody.
     */
    public static Reminders of(List<Schedule> schedules, Set<String> escalationGroups) {
        List<Schedule> kept = new ArrayList<>();
        Duration remind = null;
        Duration escalate = null;
        for (Schedule s : schedules) {
            Schedule k =
                    Schedule.of(s.policy(), s.remindAfter(), escalationGroups.isEmpty() ? null : s.escalateAfter());
            if (k == null) {
                continue;
            }
            kept.add(k);
            remind = shorter(remind, k.remindAfter());
            escalate = shorter(escalate, k.escalateAfter());
        }
        if (kept.isEmpty()) {
            return null;
        }
        return new Reminders(remind, escalate, escalate == null ? Set.of() : escalationGroups, null, null, kept);
    }

    /** Whether each factor policy has its own schedule ({@link #schedules}); else one schedule serves them all. */
    public boolean perPolicy() {
        return !schedules.isEmpty();
    }

    /** The schedule of factor policy {@code policy}, {@code null} if it has none. */
    public Schedule schedule(String policy) {
        return schedules.stream()
                .filter(s -> s.policy().equals(policy))
                .findFirst()
                .orElse(null);
    }

    /**
     * These reminders with {@code updated} instead of the schedule of its policy, the summary following: the latest
     * reminder, the first escalation.
     */
    public Reminders with(Schedule updated) {
        List<Schedule> out = new ArrayList<>();
        for (Schedule s : schedules) {
            out.add(s.policy().equals(updated.policy()) ? updated : s);
        }
        Instant reminded = later(lastRemindedAt, updated.lastRemindedAt());
        Instant escalated = escalatedAt != null ? escalatedAt : updated.escalatedAt();
        return new Reminders(remindAfter, escalateAfter, escalationGroups, reminded, escalated, out);
    }

    /** When the latest escalation of any schedule happened, {@code null} = none yet. */
    public Instant lastEscalatedAt() {
        Instant last = escalatedAt;
        for (Schedule s : schedules) {
            last = later(last, s.escalatedAt());
        }
        return last;
    }

    /**
     * When the next reminder of a request submitted at {@code createdAt} is due, {@code null} = never. With per-policy
     * schedules this counts from submission, never later than the engine, which counts from each stage's opening.
     */
    public Instant nextReminder(Instant createdAt) {
        if (perPolicy()) {
            return earliest(
                    schedules.stream().map(s -> s.nextReminder(createdAt)).toList());
        }
        return remindAfter == null ? null : (lastRemindedAt == null ? createdAt : lastRemindedAt).plus(remindAfter);
    }

    /** When escalation of a request submitted at {@code createdAt} is due, {@code null} = never or done. */
    public Instant escalationDue(Instant createdAt) {
        if (perPolicy()) {
            return earliest(
                    schedules.stream().map(s -> s.escalationDue(createdAt)).toList());
        }
        return escalateAfter == null || escalatedAt != null ? null : createdAt.plus(escalateAfter);
    }

    /**
     * When the next reminder or escalation of a request submitted at {@code createdAt} is due, whichever comes first;
     * {@code null} = nothing more to fire. What a store that keeps no index of its own ({@link
     * RequestStore#remindersDue}) compares; the built-in stores ask the engine's stage-aware answer.
     */
    public Instant nextDue(Instant createdAt) {
        return earliest(java.util.Arrays.asList(nextReminder(createdAt), escalationDue(createdAt)));
    }

    public Reminders remindedAt(Instant at) {
        return new Reminders(
                remindAfter, escalateAfter, escalationGroups, Objects.requireNonNull(at), escalatedAt, schedules);
    }

    public Reminders escalatedAt(Instant at) {
        return new Reminders(
                remindAfter, escalateAfter, escalationGroups, lastRemindedAt, Objects.requireNonNull(at), schedules);
    }

    /** The earliest of {@code times} that is not {@code null}, {@code null} if none. */
    public static Instant earliest(List<Instant> times) {
        Instant first = null;
        for (Instant t : times) {
            if (t != null && (first == null || t.isBefore(first))) {
                first = t;
            }
        }
        return first;
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null || !b.isAfter(a) ? a : b;
    }

    private static Duration shorter(Duration a, Duration b) {
        return a == null ? b : b == null || b.compareTo(a) >= 0 ? a : b;
    }

    private static void positive(Duration d, String name) {
        if (d != null && (d.isNegative() || d.isZero())) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }
}

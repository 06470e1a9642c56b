package dev.maa.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A request's reminder and escalation schedule (a policy's {@code remind_after}, {@code escalate_after} and
 * {@code escalation_groups}) and what of it has fired.
 *
 * <p>Why on the request: a request keeps the rules it was parked under, and the sweep that fires reminders must
 * know, from the store alone, when the next one is due on any node. Approvers of the open stage who have not
 * reviewed are reminded every {@code remindAfter} from submission; once, {@code escalateAfter} after submission,
 * the {@code escalationGroups} become approvers of the stage open then (never before: they cannot approve early).
 *
 * @param remindAfter      the interval between reminders, {@code null} = none
 * @param escalateAfter    when, after submission, to escalate, {@code null} = never
 * @param escalationGroups the groups escalation adds; non-empty exactly when {@code escalateAfter} is set
 * @param lastRemindedAt   when the last reminder went out, {@code null} = none yet
 * @param escalatedAt      when the request was escalated, {@code null} = not yet
 */
public record Reminders(
        Duration remindAfter,
        Duration escalateAfter,
        Set<String> escalationGroups,
        Instant lastRemindedAt,
        Instant escalatedAt) {

    public Reminders {
        escalationGroups = Set.copyOf(escalationGroups == null ? Set.of() : escalationGroups);
        positive(remindAfter, "remindAfter");
        positive(escalateAfter, "escalateAfter");
        if ((escalateAfter == null) != escalationGroups.isEmpty()) {
            throw new IllegalArgumentException(
                    escalateAfter == null
                            ? "escalation groups " + escalationGroups + " need an escalate_after: when to add them"
                            : "escalate_after " + Durations.format(escalateAfter)
                                    + " needs escalation_groups: whom to add");
        }
    }

    /** A schedule nothing of which has fired yet; {@code null} when it would do nothing. */
    public static Reminders of(Duration remindAfter, Duration escalateAfter, Set<String> escalationGroups) {
        if (remindAfter == null && escalateAfter == null) {
            return null;
        }
        return new Reminders(remindAfter, escalateAfter, escalationGroups, null, null);
    }

    /** When the next reminder of a request submitted at {@code createdAt} is due, {@code null} = never. */
    public Instant nextReminder(Instant createdAt) {
        return remindAfter == null ? null : (lastRemindedAt == null ? createdAt : lastRemindedAt).plus(remindAfter);
    }

    /** When escalation of a request submitted at {@code createdAt} is due, {@code null} = never or done. */
    public Instant escalationDue(Instant createdAt) {
        return escalateAfter == null || escalatedAt != null ? null : createdAt.plus(escalateAfter);
    }

    /**
     * When the next reminder or escalation of a request submitted at {@code createdAt} is due, whichever comes first;
     * {@code null} = nothing more to fire. What a store's index of due requests ({@link RequestStore#remindersDue})
     * keeps.
     */
    public Instant nextDue(Instant createdAt) {
        Instant remind = nextReminder(createdAt);
        Instant escalate = escalationDue(createdAt);
        if (remind == null || escalate == null) {
            return remind == null ? escalate : remind;
        }
        return remind.isBefore(escalate) ? remind : escalate;
    }

    public Reminders remindedAt(Instant at) {
        return new Reminders(remindAfter, escalateAfter, escalationGroups, Objects.requireNonNull(at), escalatedAt);
    }

    public Reminders escalatedAt(Instant at) {
        return new Reminders(remindAfter, escalateAfter, escalationGroups, lastRemindedAt, Objects.requireNonNull(at));
    }

    private static void positive(Duration d, String name) {
        if (d != null && (d.isNegative() || d.isZero())) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }
}

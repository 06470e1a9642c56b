package dev.maa.server;

import dev.maa.api.CapturedDiff;
import dev.maa.policies.UnifiedDiff;
import java.time.Instant;
import java.util.Objects;

/**
 * A before/after view of what an approval request would change, shown to approvers like Intune's comparison of a
 * script's old and new content.
 *
 * @param title   what is compared, e.g. {@code app app-42}
 * @param before  the current state as text (empty when the object does not exist yet, or when only a unified
 *                diff is known)
 * @param after   the state after the parked call, as text (empty for a delete)
 * @param unified the change as a unified diff; computed from {@code before} and {@code after} when {@code null}
 */
public record Diff(String title, String before, String after, String unified) {

    public Diff {
        Objects.requireNonNull(title, "title");
        before = before == null ? "" : before;
        after = after == null ? "" : after;
        unified = unified != null ? unified : UnifiedDiff.diff("before", before, "after", after, UnifiedDiff.CONTEXT);
    }

    /** A diff of two texts, with three lines of context. */
    public static Diff of(String title, String before, String after) {
        return new Diff(title, before, after, null);
    }

    /** A diff already rendered as unified text (e.g. a policy change across several files). */
    public static Diff ofUnified(String title, String unified) {
        return new Diff(title, "", "", Objects.requireNonNull(unified, "unified"));
    }

    /** This diff as seen at {@code at}, in the shape requests keep and every request view shows. */
    public CapturedDiff asOf(Instant at) {
        return new CapturedDiff(title, before, after, unified, at);
    }
}

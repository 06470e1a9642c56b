package dev.maa.server;

import dev.maa.policies.UnifiedDiff;

import java.util.Objects;

/**
 * A before/after view of what an approval request would change, shown to approvers like Intune's comparison of a
 * script's old and new content.
 *
 * @param title  what is compared, e.g. {@code app app-42}
 * @param before the current state as text (empty when the object does not exist yet)
 * @param after  the state after the parked call, as text (empty for a delete)
 */
public record Diff(String title, String before, String after) {

    public Diff {
        Objects.requireNonNull(title, "title");
        before = before == null ? "" : before;
        after = after == null ? "" : after;
    }

    public static Diff of(String title, String before, String after) {
        return new Diff(title, before, after);
    }

    /** The change as a unified diff with three lines of context. */
    public String unified() {
        return UnifiedDiff.diff("before", before, "after", after, UnifiedDiff.CONTEXT);
    }
}

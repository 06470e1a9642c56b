package dev.maa.policies;

import dev.maa.api.MaaCallerException;
import dev.maa.api.MaaException;

/**
 * An edit or push based on a revision that is no longer the active one: another change was activated since the
 * author loaded the policies. Nothing was parked; {@link #diff()} is what changed between the author's base and the
 * active revision, so the author can re-apply their edit on the active one and submit again.
 */
public class StalePolicyBaseException extends MaaCallerException {

    private static final long serialVersionUID = 1L;

    private final long base;
    private final long active;
    private final String diff;

    public StalePolicyBaseException(long base, long active, String diff) {
        super(
                MaaException.Kind.CONFLICT,
                "The change is based on policy revision " + base + " but revision " + active
                        + " is active now: reload the policies, re-apply your change on revision " + active
                        + " and submit again. Nothing was submitted.");
        this.base = base;
        this.active = active;
        this.diff = diff == null ? "" : diff;
    }

    /** The revision number the change was based on. */
    public long base() {
        return base;
    }

    /** The revision number active now. */
    public long active() {
        return active;
    }

    /** A unified diff from the base revision's set to the active one's (empty if the base is unknown). */
    public String diff() {
        return diff;
    }
}

package dev.maa.api;

import java.util.EnumSet;
import java.util.Set;

/**
 * The life cycle of an approval request.
 *
 * <pre>
 * NEEDS_APPROVAL ─approve (quorum)─► APPROVED ─complete─► COMPLETING ─► COMPLETED | FAILED
 *       │ reject / cancel / expire      │ cancel / expire
 *       ▼                               ▼
 *  REJECTED | CANCELED | EXPIRED    CANCELED | EXPIRED
 *
 * NEEDS_APPROVAL | APPROVED ─the active policy changed its factors or now denies─► VOIDED
 * </pre>
 */
public enum Status {
    NEEDS_APPROVAL,
    APPROVED,
    COMPLETING,
    COMPLETED,
    FAILED,
    REJECTED,
    CANCELED,
    EXPIRED,
    /**
     * Ended because the active policy set changed under it: its factors, stages or approver groups differ now, or the
     * call would now be denied (AWS multi-party approval's {@code CONFIGURATION_CHANGED}). Never runs; its outcome
     * names the reason and the policy revision.
     */
    VOIDED;

    private static final Set<Status> OPEN = EnumSet.of(NEEDS_APPROVAL, APPROVED, COMPLETING);

    /** Whether the request still holds its object's pending slot (it is not yet in a final state). */
    public boolean isOpen() {
        return OPEN.contains(this);
    }

    /** Whether nothing can happen to the request any more. */
    public boolean isFinal() {
        return !isOpen();
    }
}

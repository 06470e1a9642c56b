package dev.maa.policies;

import java.util.Objects;

/**
 * A proposed policy change: the parked argument of {@link PolicyAdmin#activate(PolicyChange)}, so the
 * approval request carries (and its digest seals) the complete new policy set.
 *
 * @param target        which policy the change is for; the one-pending-request-per-object key
 * @param policySet     the complete new policy set
 * @param baseNumber    the revision number active when the change was pushed (0 = none); activation is
 *                      refused if another revision was activated since, so approvers saw the real diff
 * @param testOverride  empty, or the recorded justification for pushing despite failing policy tests
 * @param impact        empty, or the impact computed at submission from the recent decision log (a JSON object:
 *                      {@link PolicyService#impactOf}); sealed with the change, so approvers see what the submitter saw
 */
public record PolicyChange(String target, PolicySet policySet, long baseNumber, String testOverride, String impact) {

    /** The target of a deployment's single policy. */
    public static final String DEFAULT_TARGET = "access-policies";

    public PolicyChange {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(policySet, "policySet");
        testOverride = testOverride == null ? "" : testOverride;
        impact = impact == null ? "" : impact;
    }

    /** A change without an impact report (no decision log to replay). */
    public PolicyChange(String target, PolicySet policySet, long baseNumber, String testOverride) {
        this(target, policySet, baseNumber, testOverride, "");
    }
}

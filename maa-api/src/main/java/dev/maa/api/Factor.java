package dev.maa.api;

import java.util.Objects;
import java.util.Set;

/**
 * One approval requirement: {@code requiredApprovals} distinct members of any of {@code approverGroups}, each
 * approval proven at least as strongly as {@code assurance} asks. A decision carries one factor per matching access
 * policy and a request is approved only when every factor is met (Vault control groups work the same way).
 */
public record Factor(String policy, Set<String> approverGroups, int requiredApprovals, ApprovalAssurance assurance) {

    /** A factor with {@link ApprovalAssurance#SESSION} assurance (the form before assurance existed). */
    public Factor(String policy, Set<String> approverGroups, int requiredApprovals) {
        this(policy, approverGroups, requiredApprovals, ApprovalAssurance.SESSION);
    }

    public Factor {
        Objects.requireNonNull(policy, "policy");
        assurance = assurance == null ? ApprovalAssurance.SESSION : assurance;
        approverGroups = Set.copyOf(approverGroups);
        if (approverGroups.isEmpty()) {
            throw new IllegalArgumentException(
                    "Factor '" + policy + "' has no approver groups; name at least one group");
        }
        if (requiredApprovals < 1) {
            throw new IllegalArgumentException(
                    "Factor '" + policy + "' requires " + requiredApprovals + " approvals; it must require at least 1");
        }
    }

    public static Factor of(String policy, int requiredApprovals, String... approverGroups) {
        return new Factor(policy, Set.of(approverGroups), requiredApprovals);
    }

    /** This factor with {@code assurance} instead of its own. */
    public Factor withAssurance(ApprovalAssurance assurance) {
        return new Factor(policy, approverGroups, requiredApprovals, assurance);
    }

    /** Whether approvals toward this factor must be passkey signatures verified by the host. */
    public boolean needsSignature() {
        return assurance == ApprovalAssurance.PASSKEY;
    }

    /** Whether a principal holding {@code groups} may count toward this factor (names compared canonically). */
    public boolean admits(Set<String> groups) {
        return Identities.anyShared(approverGroups, groups);
    }
}

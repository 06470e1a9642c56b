package dev.maa.api;

import java.util.Objects;
import java.util.Set;

/**
 * One approval requirement: {@code requiredApprovals} distinct members of any of {@code approverGroups}.
 * A decision carries one factor per matching access policy and a request is approved only when every
 * factor is met (Vault control groups work the same way).
 */
public record Factor(String policy, Set<String> approverGroups, int requiredApprovals) {

    public Factor {
        Objects.requireNonNull(policy, "policy");
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

    /** Whether a principal holding {@code groups} may count toward this factor (names compared canonically). */
    public boolean admits(Set<String> groups) {
        return Identities.anyShared(approverGroups, groups);
    }
}

package dev.maa.api;

import java.util.Objects;
import java.util.Set;

/**
 * One approval requirement: {@code requiredApprovals} distinct members of any of {@code approverGroups}, each
 * approval proven at least as strongly as {@code assurance} asks. A decision carries one factor per matching access
 * policy (or per factor of each stage of a staged policy) and a request is approved only when every factor is met
 * (Vault control groups work the same way).
 *
 * <p>{@code stage} orders factors into sequential stages (GCP PAM's and Entra's approval levels): the factors of
 * stage {@code n + 1} take approvals only once every factor of stage {@code n} is met. Factors of one stage are
 * parallel; a policy without {@code stages:} gives stage 1 factors, so requests without stages work as before.
 *
 * <p>{@code escalationGroups} are the groups its policy's {@code escalation_groups} add to this factor alone when the
 * request escalates while the factor's stage is open (empty: the factor's policy does not escalate). Per factor, not
 * per request: escalating one policy's factor must not open another policy's factor to strangers.
 */
public record Factor(
        String policy,
        Set<String> approverGroups,
        int requiredApprovals,
        ApprovalAssurance assurance,
        int stage,
        Set<String> escalationGroups) {

    /** A factor with {@link ApprovalAssurance#SESSION} assurance (the form before assurance existed). */
    public Factor(String policy, Set<String> approverGroups, int requiredApprovals) {
        this(policy, approverGroups, requiredApprovals, ApprovalAssurance.SESSION);
    }

    /** A factor of stage 1 (the form before stages existed). */
    public Factor(String policy, Set<String> approverGroups, int requiredApprovals, ApprovalAssurance assurance) {
        this(policy, approverGroups, requiredApprovals, assurance, 1);
    }

    /** A factor that does not escalate (the form before escalation groups were per factor). */
    public Factor(
            String policy, Set<String> approverGroups, int requiredApprovals, ApprovalAssurance assurance, int stage) {
        this(policy, approverGroups, requiredApprovals, assurance, stage, Set.of());
    }

    public Factor {
        Objects.requireNonNull(policy, "policy");
        assurance = assurance == null ? ApprovalAssurance.SESSION : assurance;
        stage = stage == 0 ? 1 : stage; // bodies stored before stages existed read as stage 1
        if (stage < 1) {
            throw new IllegalArgumentException("Factor '" + policy + "' has stage " + stage + "; stages count from 1");
        }
        approverGroups = Set.copyOf(approverGroups);
        escalationGroups = Set.copyOf(escalationGroups == null ? Set.of() : escalationGroups);
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
        return new Factor(policy, approverGroups, requiredApprovals, assurance, stage, escalationGroups);
    }

    /** This factor in stage {@code stage}. */
    public Factor inStage(int stage) {
        return new Factor(policy, approverGroups, requiredApprovals, assurance, stage, escalationGroups);
    }

    /** This factor escalating to {@code groups} (its policy's {@code escalation_groups}). */
    public Factor escalatingTo(Set<String> groups) {
        return new Factor(policy, approverGroups, requiredApprovals, assurance, stage, groups);
    }

    /** This factor once escalated: its escalation groups join its approver groups (and stay named, for comparison). */
    public Factor escalated() {
        Set<String> all = new java.util.TreeSet<>(approverGroups);
        all.addAll(escalationGroups);
        return new Factor(policy, all, requiredApprovals, assurance, stage, escalationGroups);
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

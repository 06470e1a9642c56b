package dev.maa.core;

import java.util.Objects;
import java.util.Set;

/**
 * Break-glass settings (Intune's emergency access): the emergency principals whose protected calls in a
 * {@code Maa.emergency(...)} scope run at once whatever the policy says, and who reviews them afterwards.
 *
 * <p>Such a call is recorded as a request with {@code emergency = true}, status COMPLETED or FAILED, audited
 * {@code EMERGENCY_EXECUTED}, and waits in the post-emergency review queue until a member of the decision's
 * approver groups or of {@link #reviewerGroups()} (never the emergency principal itself) closes it with notes.
 *
 * @param principals            ids of the emergency accounts; empty disables break-glass
 * @param justificationRequired whether the emergency scope must carry a justification (it always does when
 *                              opened with {@code Maa.emergency(text)}; a host provider might not)
 * @param reviewerGroups        groups whose members may close post-emergency reviews, besides the approvers
 */
public record BreakGlass(Set<String> principals, boolean justificationRequired, Set<String> reviewerGroups) {

    public BreakGlass {
        principals = Set.copyOf(Objects.requireNonNull(principals, "principals"));
        reviewerGroups = Set.copyOf(Objects.requireNonNull(reviewerGroups, "reviewerGroups"));
        for (String p : principals) {
            if (p.isBlank()) {
                throw new IllegalArgumentException("A break-glass principal id is blank");
            }
        }
    }

    /** No emergency accounts: every call gets the normal decision. */
    public static BreakGlass disabled() {
        return new BreakGlass(Set.of(), true, Set.of());
    }

    /** Emergency accounts, justification required, reviewed by the approver groups and {@code reviewerGroups}. */
    public static BreakGlass of(Set<String> principals, Set<String> reviewerGroups) {
        return new BreakGlass(principals, true, reviewerGroups);
    }

    public boolean enabled() {
        return !principals.isEmpty();
    }

    public boolean isEmergencyPrincipal(String principalId) {
        return principals.contains(principalId);
    }
}

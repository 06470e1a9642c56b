package dev.maa.core;

import dev.maa.api.Identities;
import dev.maa.api.InvalidIdentityException;
import dev.maa.api.MaaConfigurationException;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Break-glass settings (Intune's emergency access): the emergency principals whose protected calls in a
 * {@code Maa.emergency(...)} scope run at once whatever the policy says, and who reviews them afterwards.
 *
 * <p>Such a call is recorded as a request with {@code emergency = true}, status COMPLETED or FAILED, audited
 * {@code EMERGENCY_EXECUTED}, and waits in the post-emergency review queue until a member of the decision's
 * approver groups or of {@link #reviewerGroups()} (never the emergency principal itself) closes it with notes.
 *
 * @param principals            ids of the emergency accounts, kept in canonical form; empty disables break-glass
 * @param justificationRequired whether the emergency scope must carry a justification (it always does when
 *                              opened with {@code Maa.emergency(text)}; a host provider might not)
 * @param reviewerGroups        groups whose members may close post-emergency reviews, besides the approvers
 */
public record BreakGlass(Set<String> principals, boolean justificationRequired, Set<String> reviewerGroups) {

    public BreakGlass {
        Set<String> canonical = new TreeSet<>();
        for (String p : Objects.requireNonNull(principals, "principals")) {
            if (p == null || p.isBlank()) {
                throw new IllegalArgumentException("A break-glass principal id is blank");
            }
            try {
                canonical.add(Identities.canonical(p));
            } catch (InvalidIdentityException e) {
                throw new MaaConfigurationException(
                        "breakGlass: the emergency principal " + e.shownId() + " is not accepted: " + e.problem()
                                + ". List it as the directory spells it.",
                        e);
            }
        }
        principals = Set.copyOf(canonical);
        reviewerGroups = Set.copyOf(Objects.requireNonNull(reviewerGroups, "reviewerGroups"));
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

    /** Whether {@code principalId} is an emergency account, compared canonically ({@link Identities}). */
    public boolean isEmergencyPrincipal(String principalId) {
        return Identities.contains(principals, principalId);
    }

    /** Whether one of {@code groups} is a break-glass reviewer group, compared canonically. */
    public boolean isReviewer(Set<String> groups) {
        return Identities.anyShared(reviewerGroups, groups);
    }
}

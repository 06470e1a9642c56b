package dev.maa.policies;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One activated policy set, kept forever: what was active when, who pushed it and who approved it.
 *
 * @param number        1, 2, 3… in activation order; the highest is the active revision
 * @param policySet     the complete policy set
 * @param revision      the engine revision (content hash of the set plus the built-in package)
 * @param activatedAt   when it became active
 * @param requester     who pushed it
 * @param approvers     who approved the push (empty if a policy allowed it directly, or for the initial import)
 * @param requestId     the approval request of the push, or empty
 * @param justification the push's business justification
 * @param testOverride  empty, or the justification recorded when the push was forced despite failing tests
 */
public record PolicyRevision(
        long number,
        PolicySet policySet,
        String revision,
        Instant activatedAt,
        String requester,
        List<String> approvers,
        String requestId,
        String justification,
        String testOverride) {

    public PolicyRevision {
        Objects.requireNonNull(policySet, "policySet");
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(activatedAt, "activatedAt");
        if (number < 1) {
            throw new IllegalArgumentException("revision numbers start at 1, was " + number);
        }
        requester = requester == null ? "" : requester;
        approvers = List.copyOf(approvers == null ? List.of() : approvers);
        requestId = requestId == null ? "" : requestId;
        justification = justification == null ? "" : justification;
        testOverride = testOverride == null ? "" : testOverride;
    }
}

package dev.maa.api;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * A filter over stored requests. Unset fields match everything; results are newest first. Ids and group names
 * compare in canonical form ({@link Identities#key}), however the query or the stored request spells them.
 *
 * <p>Why the store excludes the caller's own requests ({@link #excludedRequesterId}): "received" is paged, so a
 * filter applied after paging would give short pages and an offset that means something else on every surface.
 *
 * @param requesterId     only requests made by this principal ("My requests")
 * @param approverGroups  only requests with a factor naming one of these groups ("Received requests")
 * @param statuses        only these statuses (empty: all)
 * @param expiringBefore  only open requests whose expiry is before this instant
 * @param postReviewOpen  only break-glass requests still awaiting their post-emergency review
 * @param offset          rows to skip
 * @param limit           maximum rows
 * @param excludedRequesterId leave out requests made by this principal (a reviewer's "Received requests")
 */
public record RequestQuery(
        String requesterId,
        Set<String> approverGroups,
        Set<Status> statuses,
        Instant expiringBefore,
        boolean postReviewOpen,
        int offset,
        int limit,
        String excludedRequesterId) {

    public static final int MAX_LIMIT = 1000;

    public RequestQuery {
        approverGroups = Set.copyOf(approverGroups == null ? Set.of() : approverGroups);
        statuses = statuses == null || statuses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(statuses));
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0, was " + offset);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
    }

    /** A filter that excludes nobody. */
    public RequestQuery(
            String requesterId,
            Set<String> approverGroups,
            Set<Status> statuses,
            Instant expiringBefore,
            boolean postReviewOpen,
            int offset,
            int limit) {
        this(requesterId, approverGroups, statuses, expiringBefore, postReviewOpen, offset, limit, null);
    }

    public static RequestQuery all() {
        return new RequestQuery(null, Set.of(), Set.of(), null, false, 0, 100);
    }

    public RequestQuery mine(String principalId) {
        return new RequestQuery(
                principalId,
                approverGroups,
                statuses,
                expiringBefore,
                postReviewOpen,
                offset,
                limit,
                excludedRequesterId);
    }

    public RequestQuery received(Set<String> groups) {
        return new RequestQuery(
                requesterId, groups, statuses, expiringBefore, postReviewOpen, offset, limit, excludedRequesterId);
    }

    /** A reviewer's "Received requests": sent to {@code groups}, not made by {@code reviewerId}. */
    public RequestQuery receivedBy(String reviewerId, Set<String> groups) {
        return received(groups).excluding(reviewerId);
    }

    /** Leaves out the requests {@code principalId} made. */
    public RequestQuery excluding(String principalId) {
        return new RequestQuery(
                requesterId, approverGroups, statuses, expiringBefore, postReviewOpen, offset, limit, principalId);
    }

    public RequestQuery withStatuses(Set<Status> s) {
        return new RequestQuery(
                requesterId, approverGroups, s, expiringBefore, postReviewOpen, offset, limit, excludedRequesterId);
    }

    public RequestQuery expiringBefore(Instant t) {
        return new RequestQuery(
                requesterId, approverGroups, statuses, t, postReviewOpen, offset, limit, excludedRequesterId);
    }

    public RequestQuery onlyPostReviewOpen() {
        return new RequestQuery(
                requesterId, approverGroups, statuses, expiringBefore, true, offset, limit, excludedRequesterId);
    }

    public RequestQuery page(int newOffset, int newLimit) {
        return new RequestQuery(
                requesterId,
                approverGroups,
                statuses,
                expiringBefore,
                postReviewOpen,
                newOffset,
                newLimit,
                excludedRequesterId);
    }

    /** Whether {@code r} passes this filter (offset and limit aside); stores may use it or translate it to SQL. */
    public boolean matches(ApprovalRequest r) {
        if (requesterId != null && !Identities.same(r.requester().id(), requesterId)) {
            return false;
        }
        if (excludedRequesterId != null && Identities.same(r.requester().id(), excludedRequesterId)) {
            return false;
        }
        if (!approverGroups.isEmpty() && r.factors().stream().noneMatch(f -> f.admits(approverGroups))) {
            return false;
        }
        if (!statuses.isEmpty() && !statuses.contains(r.status())) {
            return false;
        }
        if (expiringBefore != null && !(r.status().isOpen() && r.expiresAt().isBefore(expiringBefore))) {
            return false;
        }
        return !postReviewOpen || r.awaitsPostReview();
    }
}

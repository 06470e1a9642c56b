package dev.maa.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Optional capability of a {@link RequestStore} shared by several nodes: hand out work to executors without
 * any node reading every waiting request.
 *
 * <p>A store that implements this (the JDBC store: {@code SELECT ... FOR UPDATE SKIP LOCKED} on PostgreSQL)
 * lets executors claim in small batches and find expired claims with one indexed query. Without it the
 * executor falls back to listing COMPLETING requests and claiming each by conditional
 * {@link RequestStore#update}, which is just as safe but reads them all.
 *
 * <p>Claims are leases. A request whose claim expired is never claimed again: its executor may have run it,
 * so it is reported through {@link #expiredClaims} and marked FAILED ("outcome unknown") instead.
 */
public interface ClaimingStore {

    /**
     * Claims up to {@code limit} COMPLETING requests that no executor holds, for {@code owner} until
     * {@code now + lease}, each with version + 1 and a CLAIMED audit entry. Concurrent callers on any node
     * receive disjoint requests.
     *
     * @return the claimed requests as stored (claim owner and expiry set)
     * @throws StoreUnavailableException if the store cannot be reached
     */
    List<ApprovalRequest> claimReady(String owner, Duration lease, int limit, Instant now);

    /** Up to {@code limit} COMPLETING requests whose claim lease ended before {@code now}, oldest lease first. */
    List<ApprovalRequest> expiredClaims(Instant now, int limit);

    /**
     * Takes or renews the cluster-wide lease on {@code job} for {@code owner} until {@code now + lease}, so that
     * a periodic job (the expiry sweep) runs on one node at a time.
     *
     * @return whether {@code owner} holds the lease now; false while another owner's lease is live
     */
    boolean tryAcquireJobLock(String job, String owner, Duration lease, Instant now);

    /**
     * Gives up {@code owner}'s lease on {@code job} (a one-off job, such as one request's policy-change impact, leaves
     * no row behind); false if it did not hold it. By default the lease just runs out.
     */
    default boolean releaseJobLock(String job, String owner) {
        return false;
    }
}

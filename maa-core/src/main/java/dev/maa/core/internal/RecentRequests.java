package dev.maa.core.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.maa.api.ApprovalRequest;

/**
 * The open requests this engine last stored or read, by id: where its next transition of a request starts, so
 * that a request going through park, approve and complete on one node is not read back from the store before
 * every step (with PostgreSQL that read is a round trip of its own, a third of the cycle's).
 *
 * <p>A copy here may be stale: another node or thread may have moved the request on. That is harmless because
 * every transition is a conditional update on the version its copy has: a stale copy loses that race and the
 * transition reads the store and tries again. A refusal (wrong status, not the requester, ...) is only ever
 * given after a fresh read. The payload and digest that run never come from here either: the store returns
 * its own with every update (see {@link dev.maa.api.RequestStore#update}).
 *
 * <p>Bounded by weight, roughly characters held: a payload may be up to a million characters (a policy set under
 * approval), so a count alone would not bound the memory. A request that reaches a final status is dropped.
 */
final class RecentRequests {

    /** About 32 million characters: 16,000 requests of an ordinary size, or 32 of the largest payloads. */
    static final long MAXIMUM_WEIGHT = 32_000_000;

    /** What a request weighs besides its payload (ids, factors, reviews, JSON-sized). */
    static final int BASE_WEIGHT = 2_000;

    private final Cache<String, ApprovalRequest> copies = Caffeine.newBuilder()
            .maximumWeight(MAXIMUM_WEIGHT)
            .weigher((String id, ApprovalRequest r) -> BASE_WEIGHT + r.payload().length())
            .executor(Runnable::run)
            .build();

    /** The last copy of request {@code id} this engine saw, or null. */
    ApprovalRequest get(String id) {
        return copies.getIfPresent(id);
    }

    /** Keeps {@code r} as the latest copy of its request while it is open. */
    void remember(ApprovalRequest r) {
        if (r.status().isOpen()) {
            copies.put(r.id(), r);
        } else {
            copies.invalidate(r.id());
        }
    }

    void forget(String id) {
        copies.invalidate(id);
    }
}

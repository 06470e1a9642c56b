package dev.maa.core.cache;

/**
 * Counters of a {@link CachingPolicyEngine}, since it was created.
 *
 * @param fastPathHits  calls admitted by {@link AllowFastPath} before any policy input was built
 * @param hits          decisions served from the cache by {@code decide} (not counting fast-path hits)
 * @param misses        decisions the wrapped engine had to make (including require-approval ones, never cached)
 * @param invalidations times a policy revision change emptied the cache
 */
public record DecisionCacheStats(long fastPathHits, long hits, long misses, long invalidations) {

    /** All calls answered without the wrapped engine. */
    public long totalHits() {
        return fastPathHits + hits;
    }
}

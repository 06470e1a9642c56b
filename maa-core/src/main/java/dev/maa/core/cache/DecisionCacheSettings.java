package dev.maa.core.cache;

import java.time.Duration;

/**
 * How long and how many decisions the cache keeps.
 *
 * @param ttl         how long a decision is reused; short, because the key cannot see time-of-day rules or
 *                    directory changes between calls
 * @param maximumSize how many distinct (principal, resource, action, platform, flags) decisions are kept
 */
public record DecisionCacheSettings(Duration ttl, long maximumSize) {

    /** Ten seconds, ten thousand decisions. */
    public static final DecisionCacheSettings DEFAULTS = new DecisionCacheSettings(Duration.ofSeconds(10), 10_000);

    public DecisionCacheSettings {
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("decision cache ttl must be positive, was " + ttl
                    + "; to turn caching off, do not wrap the policy engine");
        }
        if (ttl.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("decision cache ttl " + ttl + " is longer than 10 minutes; a cached"
                    + " allow outlives policy data that the revision does not capture (directory groups, time rules)."
                    + " Use a ttl of seconds.");
        }
        if (maximumSize < 1) {
            throw new IllegalArgumentException("decision cache maximumSize must be at least 1, was " + maximumSize);
        }
    }

    public static DecisionCacheSettings of(Duration ttl, long maximumSize) {
        return new DecisionCacheSettings(ttl, maximumSize);
    }
}

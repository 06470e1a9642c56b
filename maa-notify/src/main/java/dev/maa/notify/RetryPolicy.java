package dev.maa.notify;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * Bounded retries with exponential backoff and jitter: after failed attempt {@code n} the wait is
 * {@code min(maxBackoff, initialBackoff * multiplier^(n-1))}, reduced by a random share of up to {@code jitter}.
 * Jitter keeps many nodes that lost the same endpoint from retrying in lock step.
 *
 * @param maxAttempts    attempts in total, at least 1 (1 means no retry)
 * @param initialBackoff wait after the first failed attempt, before jitter
 * @param maxBackoff     cap of any wait
 * @param multiplier     growth per attempt, at least 1
 * @param jitter         share of the wait that is random, 0 (none) to 1 (full jitter)
 */
public record RetryPolicy(
        int maxAttempts, Duration initialBackoff, Duration maxBackoff, double multiplier, double jitter) {

    public RetryPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxAttempts < 1 || maxAttempts > 100) {
            throw new IllegalArgumentException("maxAttempts must be 1..100, was " + maxAttempts);
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff must satisfy 0 <= initialBackoff (" + initialBackoff
                    + ") <= maxBackoff (" + maxBackoff + ")");
        }
        if (!(multiplier >= 1.0) || multiplier > 100) {
            throw new IllegalArgumentException("multiplier must be 1..100, was " + multiplier);
        }
        if (!(jitter >= 0.0 && jitter <= 1.0)) {
            throw new IllegalArgumentException("jitter must be 0..1, was " + jitter);
        }
    }

    /** 5 attempts, waits of about 1s, 2s, 4s, 8s (at most 1 minute each), half of each wait random. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofMinutes(1), 2.0, 0.5);
    }

    /** One attempt, no retry. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, 1.0, 0.0);
    }

    public RetryPolicy withMaxAttempts(int value) {
        return new RetryPolicy(value, initialBackoff, maxBackoff, multiplier, jitter);
    }

    public RetryPolicy withBackoff(Duration initial, Duration max) {
        return new RetryPolicy(maxAttempts, initial, max, multiplier, jitter);
    }

    /**
     * The wait before the attempt after failed attempt {@code failedAttempt}.
     *
     * @param random a value in [0, 1), e.g. {@code ThreadLocalRandom.current()::nextDouble}
     */
    public Duration backoff(int failedAttempt, DoubleSupplier random) {
        return backoff(failedAttempt, null, random);
    }

    /**
     * As {@link #backoff(int, DoubleSupplier)}, but at least {@code retryAfter} (a server's {@code Retry-After}),
     * itself capped at {@code maxBackoff} so a server cannot park the queue for hours.
     */
    public Duration backoff(int failedAttempt, Duration retryAfter, DoubleSupplier random) {
        Duration computed = computed(failedAttempt, random);
        if (retryAfter == null || retryAfter.isNegative()) {
            return computed;
        }
        Duration asked = retryAfter.compareTo(maxBackoff) > 0 ? maxBackoff : retryAfter;
        return asked.compareTo(computed) > 0 ? asked : computed;
    }

    private Duration computed(int failedAttempt, DoubleSupplier random) {
        if (failedAttempt < 1) {
            throw new IllegalArgumentException("failedAttempt starts at 1, was " + failedAttempt);
        }
        double base = initialBackoff.toNanos() * Math.pow(multiplier, failedAttempt - 1.0);
        double capped = Math.min(base, maxBackoff.toNanos());
        double r = Math.min(Math.max(random.getAsDouble(), 0.0), 1.0);
        return Duration.ofNanos((long) (capped * (1.0 - jitter * r)));
    }
}

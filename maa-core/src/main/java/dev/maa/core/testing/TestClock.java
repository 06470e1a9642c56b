package dev.maa.core.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A clock that stands still until a test moves it ({@link #advance}): expiry, ttl and lease tests then depend on no
 * wall-clock time at all. Thread-safe, one time for every thread.
 *
 * <p>It lives in maa-core's main code, not in the test kit, because both maa-core's own tests and the test kit
 * (maa-test, which depends on maa-core) use it: one clock for both, without a module cycle (as Micrometer ships its
 * {@code MockClock} in its core).
 */
public final class TestClock extends Clock {

    /** Where every test clock starts unless told otherwise. */
    public static final Instant DEFAULT_START = Instant.parse("2026-01-05T09:00:00Z");

    private volatile Instant now;

    public TestClock(Instant start) {
        this.now = Objects.requireNonNull(start, "start");
    }

    public TestClock() {
        this(DEFAULT_START);
    }

    /** Moves the clock forward by {@code d} (time travel for expiry); returns the new time. */
    public synchronized Instant advance(Duration d) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException("advance needs a duration of zero or more, was " + d);
        }
        now = now.plus(d);
        return now;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (!ZoneOffset.UTC.equals(zone)) {
            throw new UnsupportedOperationException("TestClock runs in UTC only, as MAA records times");
        }
        return this;
    }
}

package dev.maa.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A clock that stands still until a test moves it ({@link #advance}): expiry, ttl and lease tests then depend on no
 * wall-clock time at all.
 */
public final class TestClock extends Clock {

    /** Where every kit's clock starts unless told otherwise. */
    public static final Instant DEFAULT_START = Instant.parse("2026-01-05T09:00:00Z");

    private volatile Instant now;

    public TestClock(Instant start) {
        this.now = Objects.requireNonNull(start, "start");
    }

    public TestClock() {
        this(DEFAULT_START);
    }

    /** Moves the clock forward by {@code d} (time travel for expiry). */
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

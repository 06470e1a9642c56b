package dev.maa.core.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A {@link Clock} tests move by hand; thread-safe, shared by every thread (no thread-local time). */
public final class TestClock extends Clock {

    public static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

    private final AtomicReference<Instant> now;

    public TestClock() {
        this(T0);
    }

    public TestClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    public TestClock advance(Duration d) {
        now.updateAndGet(t -> t.plus(d));
        return this;
    }

    public TestClock set(Instant t) {
        now.set(t);
        return this;
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}

package dev.maa.notify;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link QueuedNotifier} queues and retries.
 *
 * @param queueCapacity notifications waiting at most; more trigger {@code overflow}
 * @param overflow      what to drop when the queue is full
 * @param retry         attempts and backoff per notification
 * @param drainTimeout  how long {@link QueuedNotifier#close()} keeps delivering what is queued
 */
public record DeliveryOptions(int queueCapacity, Overflow overflow, RetryPolicy retry, Duration drainTimeout) {

    public DeliveryOptions {
        Objects.requireNonNull(overflow, "overflow");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(drainTimeout, "drainTimeout");
        if (queueCapacity < 1 || queueCapacity > 1_000_000) {
            throw new IllegalArgumentException("queueCapacity must be 1..1000000, was " + queueCapacity);
        }
        if (drainTimeout.isNegative()) {
            throw new IllegalArgumentException("drainTimeout must not be negative, was " + drainTimeout);
        }
    }

    /** 1000 queued, drop the oldest, {@link RetryPolicy#defaults()}, 10 seconds to drain. */
    public static DeliveryOptions defaults() {
        return new DeliveryOptions(1000, Overflow.DROP_OLDEST, RetryPolicy.defaults(), Duration.ofSeconds(10));
    }

    public DeliveryOptions withQueueCapacity(int value) {
        return new DeliveryOptions(value, overflow, retry, drainTimeout);
    }

    public DeliveryOptions withOverflow(Overflow value) {
        return new DeliveryOptions(queueCapacity, value, retry, drainTimeout);
    }

    public DeliveryOptions withRetry(RetryPolicy value) {
        return new DeliveryOptions(queueCapacity, overflow, value, drainTimeout);
    }

    public DeliveryOptions withDrainTimeout(Duration value) {
        return new DeliveryOptions(queueCapacity, overflow, retry, value);
    }
}

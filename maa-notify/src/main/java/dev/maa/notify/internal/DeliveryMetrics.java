package dev.maa.notify.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * The meters of one channel. Names (all tagged {@code channel}):
 * {@code maa.notify.enqueued}, {@code maa.notify.sent}, {@code maa.notify.failed} (gave up),
 * {@code maa.notify.retried} (one per retry), {@code maa.notify.dropped} (tag {@code reason}: {@code queue_full},
 * {@code closed}, {@code shutdown}), timer {@code maa.notify.attempt} (tag {@code outcome}: {@code success},
 * {@code failure}), gauge {@code maa.notify.queue.size}.
 */
public final class DeliveryMetrics {

    public static final String ENQUEUED = "maa.notify.enqueued";
    public static final String SENT = "maa.notify.sent";
    public static final String FAILED = "maa.notify.failed";
    public static final String RETRIED = "maa.notify.retried";
    public static final String DROPPED = "maa.notify.dropped";
    public static final String ATTEMPT = "maa.notify.attempt";
    public static final String QUEUE_SIZE = "maa.notify.queue.size";

    /** Why a notification was dropped without a delivery attempt to the end. */
    public enum DropReason {
        QUEUE_FULL,
        CLOSED,
        SHUTDOWN;

        String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final MeterRegistry registry;
    private final String channel;
    private final Counter enqueued;
    private final Counter sent;
    private final Counter failed;
    private final Counter retried;
    private final Timer success;
    private final Timer failure;

    public DeliveryMetrics(MeterRegistry registry, String channel, IntSupplier queueSize) {
        this.registry = registry;
        this.channel = channel;
        enqueued = counter(ENQUEUED, "Notifications accepted into the queue");
        sent = counter(SENT, "Notifications delivered");
        failed = counter(FAILED, "Notifications given up on after their last attempt or a permanent failure");
        retried = counter(RETRIED, "Delivery attempts repeated after a transient failure");
        success = timer("success");
        failure = timer("failure");
        Gauge.builder(QUEUE_SIZE, queueSize, s -> s.getAsInt())
                .description("Notifications waiting for delivery")
                .tag("channel", channel)
                .strongReference(true)
                .register(registry);
        for (DropReason r : DropReason.values()) {
            dropCounter(r);
        }
    }

    private Counter counter(String name, String description) {
        return Counter.builder(name)
                .description(description)
                .tag("channel", channel)
                .register(registry);
    }

    private Timer timer(String outcome) {
        return Timer.builder(ATTEMPT)
                .description("One delivery attempt")
                .tag("channel", channel)
                .tag("outcome", outcome)
                .register(registry);
    }

    private Counter dropCounter(DropReason reason) {
        return Counter.builder(DROPPED)
                .description("Notifications dropped without being delivered")
                .tag("channel", channel)
                .tag("reason", reason.tag())
                .register(registry);
    }

    public void enqueued() {
        enqueued.increment();
    }

    public void sent() {
        sent.increment();
    }

    public void failed() {
        failed.increment();
    }

    public void retried() {
        retried.increment();
    }

    public void dropped(DropReason reason) {
        dropCounter(reason).increment();
    }

    public void attempt(boolean ok, long nanos) {
        (ok ? success : failure).record(Duration.ofNanos(nanos));
    }
}

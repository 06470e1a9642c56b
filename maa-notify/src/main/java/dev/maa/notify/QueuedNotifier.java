package dev.maa.notify;

import dev.maa.api.Notification;
import dev.maa.api.Notifier;
import dev.maa.notify.internal.DeliveryMetrics;
import dev.maa.notify.internal.DeliveryMetrics.DropReason;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Notifier} that puts notifications on a bounded queue and delivers them through one {@link Channel} on
 * its own daemon thread, retrying transient failures with {@link RetryPolicy backoff}.
 *
 * <p>{@link #notify} never blocks and never throws: it only enqueues, so a slow or dead endpoint cannot hold up
 * an approval. When the queue is full, {@link Overflow} decides what is dropped. One worker per channel keeps
 * deliveries in order (a request's SUBMITTED goes out before its APPROVED) and keeps one failing channel from
 * delaying another; the price is that a retrying notification holds back the ones behind it, bounded by the
 * retry policy.
 *
 * <p>Everything that goes wrong is counted (see {@link DeliveryMetrics} for the meter names) and logged at WARN
 * with the request id and channel name; channels never put secrets into messages.
 *
 * <p>{@link #close()} stops accepting, keeps delivering for up to {@link DeliveryOptions#drainTimeout()}, then
 * interrupts the worker and counts what is left as dropped ({@code reason=shutdown}).
 */
public final class QueuedNotifier implements Notifier, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(QueuedNotifier.class);

    private enum State {
        RUNNING,
        DRAINING,
        ABORTED
    }

    private record Item(String id, Notification notification) {}

    private final Channel channel;
    private final DeliveryOptions options;
    private final DeliveryMetrics metrics;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final ArrayDeque<Item> queue = new ArrayDeque<>();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final Thread worker;
    private State state = State.RUNNING;
    private long drainDeadline;

    private QueuedNotifier(Channel channel, DeliveryOptions options, MeterRegistry registry) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.options = Objects.requireNonNull(options, "options");
        this.metrics = new DeliveryMetrics(Objects.requireNonNull(registry, "registry"), channel.name(), this::pending);
        this.worker = new Thread(this::work, "maa-notify-" + channel.name());
        worker.setDaemon(true);
    }

    /** Starts a notifier delivering through {@code channel}; its worker thread runs until {@link #close()}. */
    public static QueuedNotifier start(Channel channel, DeliveryOptions options, MeterRegistry registry) {
        QueuedNotifier n = new QueuedNotifier(channel, options, registry);
        n.worker.start();
        return n;
    }

    public String channelName() {
        return channel.name();
    }

    public DeliveryOptions options() {
        return options;
    }

    /** Notifications waiting in the queue (not counting the one being delivered). */
    public int pending() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** Enqueues {@code notification}; returns at once, never throws. */
    @Override
    public void notify(Notification notification) {
        try {
            offer(Objects.requireNonNull(notification, "notification"));
        } catch (RuntimeException e) {
            LOG.warn(
                    "Notification could not be queued for channel {} (the transition stands): {}",
                    channel.name(),
                    e.toString());
        }
    }

    private void offer(Notification n) {
        Item dropped;
        DropReason reason = DropReason.QUEUE_FULL;
        lock.lock();
        try {
            if (state != State.RUNNING) {
                dropped = new Item("", n);
                reason = DropReason.CLOSED;
            } else if (queue.size() < options.queueCapacity()) {
                queue.addLast(new Item(n.eventId(), n));
                metrics.enqueued();
                notEmpty.signal();
                return;
            } else if (options.overflow() == Overflow.DROP_OLDEST) {
                dropped = queue.pollFirst();
                queue.addLast(new Item(n.eventId(), n));
                metrics.enqueued();
                notEmpty.signal();
            } else {
                dropped = new Item("", n);
            }
        } finally {
            lock.unlock();
        }
        metrics.dropped(reason);
        LOG.warn(
                "Dropped {} notification for request {} on channel {}: {}",
                dropped.notification().kind(),
                dropped.notification().request().id(),
                channel.name(),
                reason == DropReason.CLOSED
                        ? "the notifier is closed"
                        : "the queue is full (" + options.queueCapacity() + ", overflow " + options.overflow()
                                + "); is the endpoint down? see maa.notify.failed");
    }

    private void work() {
        try {
            Item item;
            while ((item = take()) != null) {
                if (!deliver(item)) {
                    metrics.dropped(DropReason.SHUTDOWN);
                    LOG.warn(
                            "Dropped {} notification for request {} on channel {}: shut down before it was delivered",
                            item.notification().kind(),
                            item.notification().request().id(),
                            channel.name());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            // a channel bug must not leave a dead queue that silently swallows notifications
            LOG.error(
                    "Notification worker of channel {} died; later notifications are dropped and counted",
                    channel.name(),
                    e);
            abort();
            metrics.failed();
            if (e instanceof VirtualMachineError vme) {
                throw vme;
            }
        } finally {
            terminated.countDown();
        }
    }

    /** The next item, or {@code null} once closing and empty (or aborted). */
    private Item take() throws InterruptedException {
        lock.lock();
        try {
            while (queue.isEmpty()) {
                if (state != State.RUNNING) {
                    return null;
                }
                notEmpty.await();
            }
            return state == State.ABORTED ? null : queue.pollFirst();
        } finally {
            lock.unlock();
        }
    }

    /** Delivers with retries; {@code false} if interrupted by shutdown before a final outcome. */
    private boolean deliver(Item item) {
        RetryPolicy retry = options.retry();
        for (int attempt = 1; ; attempt++) {
            long start = System.nanoTime();
            DeliveryException failure;
            try {
                channel.deliver(new Delivery(item.id(), item.notification(), attempt));
                metrics.attempt(true, System.nanoTime() - start);
                metrics.sent();
                return true;
            } catch (InterruptedException e) {
                metrics.attempt(false, System.nanoTime() - start);
                return false;
            } catch (DeliveryException e) {
                failure = e;
            } catch (RuntimeException | LinkageError e) {
                failure = DeliveryException.transientFailure(channel.name(), "unexpected " + e, e);
            }
            metrics.attempt(false, System.nanoTime() - start);
            if (!failure.retryable() || attempt >= retry.maxAttempts()) {
                metrics.failed();
                LOG.warn(
                        "Gave up on {} notification for request {} on channel {} after {} attempt(s): {}",
                        item.notification().kind(),
                        item.notification().request().id(),
                        channel.name(),
                        attempt,
                        failure.getMessage());
                return true;
            }
            Duration wait =
                    retry.backoff(attempt, failure.retryAfter().orElse(null), ThreadLocalRandom.current()::nextDouble);
            LOG.info(
                    "Attempt {} of {} notification for request {} on channel {} failed, retrying in {} ms: {}",
                    attempt,
                    item.notification().kind(),
                    item.notification().request().id(),
                    channel.name(),
                    wait.toMillis(),
                    failure.getMessage());
            metrics.retried();
            try {
                TimeUnit.NANOSECONDS.sleep(wait.toNanos());
            } catch (InterruptedException e) {
                return false;
            }
        }
    }

    /** Stops accepting notifications and lets the worker drain the queue; returns at once. */
    public void shutdown() {
        lock.lock();
        try {
            if (state == State.RUNNING) {
                state = State.DRAINING;
                drainDeadline = System.nanoTime() + options.drainTimeout().toNanos();
                notEmpty.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Shuts down and waits up to {@link DeliveryOptions#drainTimeout()} (counted from the first
     * {@link #shutdown()}) for queued notifications to be delivered; what is left then is dropped and counted.
     */
    @Override
    public void close() {
        shutdown();
        long deadline;
        lock.lock();
        try {
            deadline = drainDeadline;
        } finally {
            lock.unlock();
        }
        boolean done = false;
        try {
            done = terminated.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!done) {
            abort();
        }
    }

    private void abort() {
        List<Item> left;
        lock.lock();
        try {
            state = State.ABORTED;
            left = new ArrayList<>(queue);
            queue.clear();
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
        worker.interrupt();
        for (Item item : left) {
            metrics.dropped(DropReason.SHUTDOWN);
        }
        if (!left.isEmpty()) {
            LOG.warn(
                    "Channel {} did not drain within {}; dropped {} queued notification(s), first for request {}",
                    channel.name(),
                    options.drainTimeout(),
                    left.size(),
                    left.get(0).notification().request().id());
        }
    }

    @Override
    public String toString() {
        return "QueuedNotifier[" + channel + ", " + options + "]";
    }
}

package dev.maa.notify;

import dev.maa.api.ChatMessages;
import dev.maa.api.ClaimingStore;
import dev.maa.api.Notification;
import dev.maa.api.NotificationOutbox;
import dev.maa.api.NotificationOutbox.OutboxEntry;
import dev.maa.api.Notifier;
import dev.maa.notify.internal.DeliveryMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers notifications from the store's transactional {@link NotificationOutbox}: the engine writes them with
 * their transition, this worker sends them through its {@link Channel}s, at least once, across restarts and nodes.
 *
 * <p>Why: a {@link QueuedNotifier} holds notifications in memory, so a process that dies loses what is queued
 * (issue 21). Here nothing is lost between the commit and the delivery: an entry leaves the outbox only when every
 * channel delivered it or the {@link RetryPolicy} gave up on it, and the retry state (attempts, next attempt, the
 * channels that already have it) is stored with it, so a restart or another node resumes where this one stopped.
 *
 * <p>One worker per cluster: when the store is also a {@link ClaimingStore} (the JDBC store) the worker delivers
 * only while it holds the job lease {@value #JOB}, renewed as it goes, so two nodes do not deliver the same entry.
 * A node that dies mid-delivery may leave an entry delivered but not marked: the next holder delivers it again
 * with the same {@link Notification#eventId()}, which receivers use to drop the repeat.
 *
 * <p>{@link #notify} only wakes the worker (the entry is already in the store); otherwise it polls every
 * {@code pollInterval}. Meters are those of {@link QueuedNotifier}, per channel ({@code maa.notify.queue.size}:
 * entries found due at the last poll).
 */
public final class OutboxNotifier implements Notifier, AutoCloseable {

    /** The job-lease name in {@link ClaimingStore#tryAcquireJobLock}. */
    public static final String JOB = "maa.notify-outbox";

    private static final Logger LOG = LoggerFactory.getLogger(OutboxNotifier.class);
    private static final int BATCH = 100;

    private final NotificationOutbox outbox;
    private final ClaimingStore lease;
    private final Map<Channel, DeliveryMetrics> channels = new LinkedHashMap<>();
    private final RetryPolicy retry;
    private final Duration pollInterval;
    /** Where chat channels keep their cards' message ids: the outbox's store, when it keeps them. */
    private final ChatMessages messages;

    private final Duration leaseDuration;
    private final String owner;
    private final Clock clock;
    private final Object wake = new Object();
    private final Thread worker;
    private boolean woken;
    private volatile boolean closed;
    private volatile int lastDue;
    private long leaseTakenAt = Long.MIN_VALUE;

    private OutboxNotifier(Builder b) {
        this.outbox = b.outbox;
        this.lease = b.outbox instanceof ClaimingStore c ? c : null;
        this.messages = b.outbox instanceof ChatMessages m ? m : null;
        this.retry = b.retry;
        this.pollInterval = b.pollInterval;
        this.leaseDuration = b.leaseDuration;
        this.owner = b.owner != null ? b.owner : "notify-" + UUID.randomUUID();
        this.clock = b.clock;
        for (Channel c : b.channels) {
            channels.put(c, new DeliveryMetrics(b.registry, c.name(), () -> lastDue));
        }
        this.worker = new Thread(this::work, "maa-notify-outbox");
        worker.setDaemon(true);
    }

    /**
     * A builder for a worker over {@code store}'s outbox.
     *
     * @throws IllegalArgumentException if {@code store} keeps no {@link NotificationOutbox}
     */
    public static Builder builder(Object store) {
        if (!(store instanceof NotificationOutbox o)) {
            throw new IllegalArgumentException("the store " + store.getClass().getName() + " keeps no notification"
                    + " outbox; use a JDBC or in-memory store, or QueuedNotifier (in memory, lost on a crash)");
        }
        return new Builder(o);
    }

    /** Always: the engine writes notifications into the outbox for this notifier. */
    @Override
    public boolean readsOutbox() {
        return true;
    }

    /** A hint that the outbox has new entries: wakes the worker. The entry itself is in the store. */
    @Override
    public void notify(Notification notification) {
        synchronized (wake) {
            woken = true;
            wake.notifyAll();
        }
    }

    /** Channel names, for logs and checks. */
    public List<String> channelNames() {
        return channels.keySet().stream().map(Channel::name).toList();
    }

    private void work() {
        while (!closed) {
            int delivered = 0;
            try {
                if (holdsLease(true)) {
                    delivered = deliverDue();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("Outbox delivery paused, retrying in {}: {}", pollInterval, e.toString());
            }
            if (delivered < BATCH && !await()) {
                return;
            }
        }
    }

    /** Takes or renews the lease ({@code force}), or renews it when a third of it has passed. */
    private boolean holdsLease(boolean force) {
        if (lease == null) {
            return true;
        }
        long now = System.nanoTime();
        if (!force && now - leaseTakenAt < leaseDuration.toNanos() / 3) {
            return true;
        }
        boolean held = lease.tryAcquireJobLock(JOB, owner, leaseDuration, clock.instant());
        leaseTakenAt = held ? now : Long.MIN_VALUE;
        return held;
    }

    private int deliverDue() throws InterruptedException {
        List<OutboxEntry> due = outbox.due(clock.instant(), BATCH);
        lastDue = due.size();
        int n = 0;
        for (OutboxEntry entry : due) {
            if (closed || !holdsLease(false)) {
                break;
            }
            deliver(entry);
            n++;
        }
        return n;
    }

    private void deliver(OutboxEntry entry) throws InterruptedException {
        Notification n = entry.notification();
        int attempt = entry.attempts() + 1;
        Set<String> done = new HashSet<>(entry.deliveredChannels());
        List<Channel> failing = new ArrayList<>();
        DeliveryException last = null;
        for (Map.Entry<Channel, DeliveryMetrics> c : channels.entrySet()) {
            Channel channel = c.getKey();
            if (done.contains(channel.name())) {
                continue;
            }
            DeliveryException failure = attempt(channel, c.getValue(), n, attempt);
            if (failure == null) {
                done.add(channel.name());
            } else if (!failure.retryable()) {
                c.getValue().failed();
                done.add(channel.name()); // given up on this channel, not on the others
                warnGaveUp(n, channel.name(), attempt, failure);
            } else {
                failing.add(channel);
                last = failure;
            }
        }
        if (failing.isEmpty()) {
            outbox.delivered(n.eventId());
        } else if (attempt >= retry.maxAttempts()) {
            for (Channel channel : failing) {
                channels.get(channel).failed();
                warnGaveUp(n, channel.name(), attempt, last);
            }
            outbox.gaveUp(n.eventId(), attempt, done);
        } else {
            Duration wait =
                    retry.backoff(attempt, last.retryAfter().orElse(null), ThreadLocalRandom.current()::nextDouble);
            failing.forEach(channel -> channels.get(channel).retried());
            LOG.info(
                    "Attempt {} of {} notification {} for request {} failed on {}, retrying in {} ms: {}",
                    attempt,
                    n.kind(),
                    n.eventId(),
                    n.request().id(),
                    failing.stream().map(Channel::name).toList(),
                    wait.toMillis(),
                    last.getMessage());
            outbox.retryLater(n.eventId(), attempt, clock.instant().plus(wait), done);
        }
    }

    /** One attempt on one channel; the failure, or null when delivered. */
    private DeliveryException attempt(Channel channel, DeliveryMetrics metrics, Notification n, int attempt)
            throws InterruptedException {
        long start = System.nanoTime();
        try {
            channel.deliver(new Delivery(n.eventId(), n, attempt, messages));
            metrics.attempt(true, System.nanoTime() - start);
            metrics.sent();
            return null;
        } catch (DeliveryException e) {
            metrics.attempt(false, System.nanoTime() - start);
            return e;
        } catch (RuntimeException | LinkageError e) {
            metrics.attempt(false, System.nanoTime() - start);
            return DeliveryException.transientFailure(channel.name(), "unexpected " + e, e);
        }
    }

    private static void warnGaveUp(Notification n, String channel, int attempt, DeliveryException failure) {
        LOG.warn(
                "Gave up on {} notification {} for request {} on channel {} after {} attempt(s): {}",
                n.kind(),
                n.eventId(),
                n.request().id(),
                channel,
                attempt,
                failure.getMessage());
    }

    /** Waits for a wake-up or the poll interval; false if interrupted by close. */
    private boolean await() {
        synchronized (wake) {
            try {
                long deadline = System.nanoTime() + pollInterval.toNanos();
                while (!woken && !closed) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    TimeUnit.NANOSECONDS.timedWait(wake, left);
                }
                woken = false;
                return true;
            } catch (InterruptedException e) {
                return false;
            }
        }
    }

    /**
     * Stops the worker: an attempt under way is interrupted, and what is not delivered stays in the outbox for the
     * next start or another node. Does not release the lease: it runs out ({@code lease}), then another node takes over.
     */
    @Override
    public void close() {
        closed = true;
        synchronized (wake) {
            wake.notifyAll();
        }
        worker.interrupt();
        try {
            worker.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "OutboxNotifier" + channelNames();
    }

    /** Configures an {@link OutboxNotifier}; every setter validates at once. */
    public static final class Builder {
        private final NotificationOutbox outbox;
        private final List<Channel> channels = new ArrayList<>();
        private RetryPolicy retry = RetryPolicy.defaults();
        private Duration pollInterval = Duration.ofSeconds(1);
        private Duration leaseDuration = Duration.ofSeconds(30);
        private String owner;
        private Clock clock = Clock.systemUTC();
        private MeterRegistry registry;

        private Builder(NotificationOutbox outbox) {
            this.outbox = outbox;
        }

        /** Adds a channel; each entry goes to every channel. Names must differ: they mark what was delivered. */
        public Builder channel(Channel value) {
            Objects.requireNonNull(value, "channel");
            if (channels.stream().anyMatch(c -> c.name().equals(value.name()))) {
                throw new IllegalArgumentException("two channels are named '" + value.name() + "'; give each its own"
                        + " name (notifications.webhook.name ...)");
            }
            channels.add(value);
            return this;
        }

        public Builder retry(RetryPolicy value) {
            retry = Objects.requireNonNull(value, "retry");
            return this;
        }

        /** How often the worker looks for due entries when nothing wakes it; default 1 second. */
        public Builder pollInterval(Duration value) {
            pollInterval = ChannelNames.positive(value, "pollInterval");
            return this;
        }

        /**
         * The job lease (default 30 seconds): how long another node waits after this one stopped renewing it, and
         * an upper bound on one delivery attempt's time (keep channel timeouts below it).
         */
        public Builder lease(Duration value) {
            leaseDuration = ChannelNames.positive(value, "lease");
            return this;
        }

        /** The lease owner, e.g. the node id; default a random one. */
        public Builder owner(String value) {
            owner = Objects.requireNonNull(value, "owner");
            return this;
        }

        public Builder clock(Clock value) {
            clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        public Builder registry(MeterRegistry value) {
            registry = Objects.requireNonNull(value, "registry");
            return this;
        }

        /** Starts the worker. */
        public OutboxNotifier start() {
            if (channels.isEmpty()) {
                throw new IllegalStateException("no channel: add one with channel(...)");
            }
            if (registry == null) {
                registry = io.micrometer.core.instrument.Metrics.globalRegistry;
            }
            OutboxNotifier n = new OutboxNotifier(this);
            n.worker.start();
            return n;
        }
    }
}

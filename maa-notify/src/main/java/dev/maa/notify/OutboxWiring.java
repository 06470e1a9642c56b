package dev.maa.notify;

import dev.maa.api.Notification;
import dev.maa.api.Notifier;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;

/**
 * The notifier of a server whose store opens after the engine's notifier is chosen ({@code maa serve}): it tells
 * the engine to write notifications into the store's transactional outbox from the first transition on, and
 * delivers them with an {@link OutboxNotifier} once {@link #start} gave it the open store. What the engine wrote
 * before that waits in the outbox; nothing is lost. Built, with every channel validated, by {@link
 * Notifiers#outbox}.
 *
 * <p>Without channels it neither writes nor delivers anything (an outbox nobody reads would only grow).
 */
public final class OutboxWiring implements Notifier, AutoCloseable {

    private final List<Channel> channels;
    private final RetryPolicy retry;
    private final Duration pollInterval;
    private final Duration lease;
    private final MeterRegistry registry;
    private volatile OutboxNotifier worker;

    OutboxWiring(
            List<Channel> channels, RetryPolicy retry, Duration pollInterval, Duration lease, MeterRegistry registry) {
        this.channels = List.copyOf(channels);
        this.retry = retry;
        this.pollInterval = pollInterval;
        this.lease = lease;
        this.registry = registry;
    }

    /**
     * Starts delivering from {@code store}'s outbox under the cluster's job lease, as {@code owner} (e.g. the node
     * name).
     *
     * @throws IllegalArgumentException if the store keeps no outbox
     * @throws IllegalStateException    if already started
     */
    public synchronized void start(Object store, String owner) {
        if (worker != null) {
            throw new IllegalStateException("the outbox worker is already started");
        }
        if (channels.isEmpty()) {
            return;
        }
        OutboxNotifier.Builder b =
                OutboxNotifier.builder(store).retry(retry).owner(owner).registry(registry);
        channels.forEach(b::channel);
        if (pollInterval != null) {
            b.pollInterval(pollInterval);
        }
        if (lease != null) {
            b.lease(lease);
        }
        worker = b.start();
    }

    /** Whether there is a channel to deliver to: only then does the engine write into the outbox. */
    @Override
    public boolean readsOutbox() {
        return !channels.isEmpty();
    }

    /** Wakes the worker, once started; the notification itself is in the outbox already. */
    @Override
    public void notify(Notification notification) {
        OutboxNotifier w = worker;
        if (w != null) {
            w.notify(notification);
        }
    }

    /** The channels' names, for logs and checks. */
    public List<String> channelNames() {
        return channels.stream().map(Channel::name).toList();
    }

    /** Stops the worker; what is not delivered stays in the outbox for the next start or another node. */
    @Override
    public synchronized void close() {
        if (worker != null) {
            worker.close();
        }
    }

    @Override
    public String toString() {
        return "OutboxWiring" + channelNames();
    }
}

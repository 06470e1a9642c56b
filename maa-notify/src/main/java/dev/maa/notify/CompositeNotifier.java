package dev.maa.notify;

import dev.maa.api.Notification;
import dev.maa.api.Notifier;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands every notification to each of its notifiers; one that throws does not keep the others from it.
 * {@link #close()} first tells every {@link QueuedNotifier} to shut down, so they drain in parallel, then waits
 * for each and closes any other {@link AutoCloseable} child.
 */
public final class CompositeNotifier implements Notifier, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CompositeNotifier.class);

    private final List<Notifier> notifiers;

    CompositeNotifier(List<Notifier> notifiers) {
        this.notifiers = List.copyOf(notifiers);
        this.notifiers.forEach(n -> Objects.requireNonNull(n, "notifier"));
    }

    public List<Notifier> notifiers() {
        return notifiers;
    }

    @Override
    public void notify(Notification notification) {
        for (Notifier n : notifiers) {
            try {
                n.notify(notification);
            } catch (RuntimeException e) {
                LOG.warn(
                        "Notifier {} failed for {} of request {}: {}",
                        n,
                        notification.kind(),
                        notification.request().id(),
                        e.toString());
            }
        }
    }

    /** Whether one of its notifiers delivers from the store's outbox (the others get {@link #notify} as before). */
    @Override
    public boolean readsOutbox() {
        return notifiers.stream().anyMatch(Notifier::readsOutbox);
    }

    @Override
    public void close() {
        for (Notifier n : notifiers) {
            if (n instanceof QueuedNotifier q) {
                q.shutdown();
            }
        }
        for (Notifier n : notifiers) {
            if (n instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    if (e instanceof InterruptedException) {
                        Thread.currentThread().interrupt();
                    }
                    LOG.warn("Closing notifier {} failed: {}", n, e.toString());
                }
            }
        }
    }

    @Override
    public String toString() {
        return "CompositeNotifier" + notifiers;
    }
}

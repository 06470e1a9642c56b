package dev.maa.api;

/**
 * Delivers notifications (webhook, e-mail, ...). Called after a transition has committed; an
 * implementation must not block or throw into the approval flow: it queues and retries on its own.
 */
@FunctionalInterface
public interface Notifier {

    void notify(Notification notification);

    /**
     * Whether this notifier delivers from the store's {@link NotificationOutbox}. If it does and the store keeps
     * one, the engine writes each transition's notifications into the outbox in the same transaction as the
     * transition (so a crash after the commit loses none), and {@link #notify} is only a hint that new entries are
     * there. Otherwise notifications exist only in memory once the transition committed.
     */
    default boolean readsOutbox() {
        return false;
    }
}

package dev.maa.api;

/**
 * Delivers notifications (webhook, e-mail, ...). Called after a transition has committed; an
 * implementation must not block or throw into the approval flow: it queues and retries on its own.
 */
@FunctionalInterface
public interface Notifier {

    void notify(Notification notification);
}

package dev.maa.notify;

import dev.maa.api.Notification;
import java.util.Objects;

/**
 * One attempt at delivering a notification.
 *
 * @param id           stable across retries of the same notification, so receivers can drop duplicates
 *                     (a retry after a timeout may repeat a delivery that in fact arrived)
 * @param notification what to deliver
 * @param attempt      1 for the first attempt
 */
public record Delivery(String id, Notification notification, int attempt) {

    public Delivery {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(notification, "notification");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt starts at 1, was " + attempt);
        }
    }

    /** The request id, for log lines. */
    public String requestId() {
        return notification.request().id();
    }
}

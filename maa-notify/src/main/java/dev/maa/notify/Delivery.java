package dev.maa.notify;

import dev.maa.api.ChatMessages;
import dev.maa.api.Notification;
import java.util.Objects;

/**
 * One attempt at delivering a notification.
 *
 * @param id           stable across retries of the same notification, so receivers can drop duplicates
 *                     (a retry after a timeout may repeat a delivery that in fact arrived)
 * @param notification what to deliver
 * @param attempt      1 for the first attempt
 * @param messages     where chat channels find and record the card they posted for the request (the outbox's store,
 *                     so an update after a restart or on another node edits the same card); {@code null}: none kept,
 *                     a chat channel remembers in its own memory
 */
public record Delivery(String id, Notification notification, int attempt, ChatMessages messages) {

    /** A delivery without a store of chat messages (in-memory queues). */
    public Delivery(String id, Notification notification, int attempt) {
        this(id, notification, attempt, null);
    }

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

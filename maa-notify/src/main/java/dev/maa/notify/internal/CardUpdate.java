package dev.maa.notify.internal;

import dev.maa.api.ChatMessages;
import dev.maa.api.Notification;

/**
 * One delivery of a chat card that is updated in place (Slack's Web API, a Teams bot): the card posted before for the
 * request, if any, and the recording of the one now posted or updated. Written once for both platforms: where the
 * posted cards are kept (the delivery's store, else the channel's own memory) and that a card never goes back to an
 * older state of its request.
 *
 * @param messages  where the cards are kept
 * @param requestId the request
 * @param channel   the channel's name
 * @param version   the request version this delivery shows
 * @param before    the card posted before, {@code null} if none
 */
public record CardUpdate(
        ChatMessages messages, String requestId, String channel, long version, ChatMessages.Posted before) {

    /** The update of {@code n}'s card on {@code channel}, its cards kept in {@code delivered}, else {@code own}. */
    public static CardUpdate of(ChatMessages delivered, ChatMessages own, Notification n, String channel) {
        ChatMessages messages = delivered != null ? delivered : own;
        String requestId = n.request().id();
        return new CardUpdate(messages, requestId, channel, n.request().version(), messages.find(requestId, channel));
    }

    /** Whether the card already shows this state or a newer one (a repeated or late delivery): nothing to send. */
    public boolean current() {
        return before != null && before.version() >= version;
    }

    /** Records that the card {@code messageId} now shows this delivery's version. */
    public void shown(String messageId) {
        messages.record(requestId, channel, new ChatMessages.Posted(messageId, version));
    }
}

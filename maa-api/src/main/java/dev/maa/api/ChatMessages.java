package dev.maa.api;

/**
 * Optional capability of a {@link RequestStore}: where each chat channel posted its card of a request (a Slack
 * message, a Teams activity) and which version of the request it shows, so the card is updated in place after a
 * restart and from any node.
 *
 * <p>Why in the store: a chat channel that remembers its messages in memory posts a second card after a restart or
 * on another node; kept beside the notification outbox, every node's delivery worker finds the same message. The
 * built-in stores keep it (in memory; the JDBC stores in table {@code maa_chat_message}).
 */
public interface ChatMessages {

    /**
     * A posted card.
     *
     * @param messageId the platform's id of the message (Slack: channel and {@code ts}; Teams: the activity id)
     * @param version   the request version the card shows
     */
    record Posted(String messageId, long version) {}

    /** The card {@code channel} posted for request {@code requestId}, {@code null} if none is known. */
    Posted find(String requestId, String channel);

    /**
     * Records that {@code channel}'s card of {@code requestId} is {@code posted}, unless a newer version is recorded
     * already (a card never goes back to an older state).
     */
    void record(String requestId, String channel, Posted posted);
}

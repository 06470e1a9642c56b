package dev.maa.core.store;

import dev.maa.api.ChatMessages;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link ChatMessages} in memory, the last {@code capacity} cards: the in-memory store's, and what a chat channel
 * keeps itself when its delivery carries no store of them (in-memory queues). A restart forgets them, so the next
 * change posts a new card; the JDBC stores keep them in their database.
 */
public final class InMemoryChatMessages implements ChatMessages {

    private final Map<String, Posted> posted;

    public InMemoryChatMessages(int capacity) {
        this.posted = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Posted> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public synchronized Posted find(String requestId, String channel) {
        return posted.get(key(requestId, channel));
    }

    @Override
    public synchronized void record(String requestId, String channel, Posted p) {
        posted.merge(key(requestId, channel), p, (old, neu) -> neu.version() > old.version() ? neu : old);
    }

    private static String key(String requestId, String channel) {
        return channel + "\n" + requestId;
    }
}

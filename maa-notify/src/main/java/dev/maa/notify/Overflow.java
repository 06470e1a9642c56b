package dev.maa.notify;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.maa.api.MaaConfigurationException;
import java.util.Locale;

/**
 * What a {@link QueuedNotifier} does when its queue is full. Either way the dropped notification is counted
 * ({@code maa.notify.dropped}, {@code reason=queue_full}) and logged at WARN with its request id.
 */
public enum Overflow {

    /**
     * Drop the oldest queued notification to make room (the default). A full queue means the channel has been
     * failing for a while; the oldest notifications are the stalest (their requests may already be decided or
     * expired), while the newest one describes the current state and is the one people must see.
     */
    DROP_OLDEST,

    /** Drop the notification being offered and keep the queue as it is; preserves what was queued first. */
    REJECT_NEW;

    /** Reads {@code drop_oldest}, {@code DROP-OLDEST}, {@code reject_new}, ... (YAML). */
    @JsonCreator
    public static Overflow parse(String value) {
        String v = value == null ? "" : value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Overflow o : values()) {
            if (o.name().equals(v)) {
                return o;
            }
        }
        throw new MaaConfigurationException(
                "notifications overflow '" + value + "' is not known; use drop_oldest or reject_new");
    }
}

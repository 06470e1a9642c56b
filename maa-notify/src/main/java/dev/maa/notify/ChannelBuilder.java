package dev.maa.notify;

import dev.maa.notify.internal.ChatCards;
import dev.maa.notify.internal.HttpPost;
import dev.maa.notify.internal.Rendering;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The settings every channel builder shares (name, timeout, console link, clock; {@link Http}: and the HTTP client),
 * each setter and its check written once: all channels accept and refuse the same values with the same words, and a
 * new channel cannot forget one.
 *
 * @param <B> the channel's own builder, which every setter returns
 */
public abstract class ChannelBuilder<B extends ChannelBuilder<B>> {

    private final String kind;
    private final boolean chat;
    String name;
    Duration timeout;
    String linkTemplate;
    Clock clock = Clock.systemUTC();

    /**
     * @param kind    the default name and the word in messages ({@code webhook}, {@code email}, {@code slack} ...)
     * @param timeout the default timeout of one attempt
     * @param chat    whether the channel posts chat cards, whose button needs the console link
     */
    ChannelBuilder(String kind, Duration timeout, boolean chat) {
        this.kind = kind;
        this.name = kind;
        this.timeout = timeout;
        this.chat = chat;
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** Metrics and log name, and the key that marks delivered outbox entries; default the channel's kind. */
    public B name(String value) {
        name = ChannelNames.check(value);
        return self();
    }

    /** Connect and whole-request timeout of one attempt. */
    public B timeout(Duration value) {
        timeout = ChannelNames.positive(value, kind + " timeout");
        return self();
    }

    /**
     * The console's review page, e.g. {@code https://maa.example.com/requests/{id}}: required for chat cards (their
     * button opens it), optional for the others.
     */
    public B linkTemplate(String value) {
        if (chat) {
            new ChatCards(value);
        } else {
            new Rendering(value);
        }
        linkTemplate = value;
        return self();
    }

    /**
     * What a {@code notifications} section gives every channel, each applied only when set; a chat channel without
     * {@code link_template} is refused, naming it.
     */
    B configured(String name, Duration timeout, String linkTemplate) {
        if (chat && linkTemplate == null) {
            throw new IllegalArgumentException("notifications.link_template is required: the card's button opens"
                    + " the console's review page, e.g. https://maa.example.com/requests/{id}");
        }
        if (linkTemplate != null) {
            linkTemplate(linkTemplate);
        }
        if (timeout != null) {
            timeout(timeout);
        }
        if (name != null) {
            name(name);
        }
        return self();
    }

    /** The channel's clock (signature timestamps, token expiry); default the system clock. */
    public B clock(Clock value) {
        clock = Objects.requireNonNull(value, "clock");
        return self();
    }

    /**
     * The settings of a channel that speaks HTTP (webhook, Slack, Teams): the shared ones and the client.
     *
     * @param <B> the channel's own builder
     */
    public abstract static class Http<B extends Http<B>> extends ChannelBuilder<B> {

        private HttpClient client;

        Http(String kind, Duration timeout, boolean chat) {
            super(kind, timeout, chat);
        }

        /** A client to share or to customise (proxy, TLS); it should not follow redirects. */
        public B httpClient(HttpClient value) {
            client = Objects.requireNonNull(value, "httpClient");
            @SuppressWarnings("unchecked")
            B self = (B) this;
            return self;
        }

        /** The client set, or one of the channel's own that follows no redirect. */
        HttpClient client() {
            return client != null ? client : HttpPost.client(timeout);
        }
    }
}

package dev.maa.notify;

import dev.maa.notify.internal.ChatCards;
import dev.maa.notify.internal.HttpPost;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;

/**
 * Posts each notification to a Microsoft Teams channel as an Adaptive Card (version 1.5) showing the request, with
 * a button ({@code Action.OpenUrl}) that opens its review page in the console (the review happens there, signed in,
 * never in Teams).
 *
 * <p>Delivered to an incoming-webhook URL: a Teams Workflows "post to a channel when a webhook request is received"
 * URL, or a classic Office 365 connector URL; both take the card in a {@code message} with one attachment of type
 * {@code application/vnd.microsoft.card.adaptive}. Webhooks cannot edit what they posted, so every change of the
 * request posts a new card (updating a card needs a bot registered with the Bot Framework, which this channel does
 * not use). Failures are classified like {@link WebhookChannel}'s. Teams itself cannot be reached from the
 * project's tests: they check the cards against the published Adaptive Cards 1.5 JSON schema on loopback.
 */
public final class TeamsChannel implements Channel {

    private final String name;
    private final URI url;
    private final Duration timeout;
    private final HttpClient client;
    private final ChatCards cards;

    private TeamsChannel(Builder b) {
        this.name = b.name;
        this.url = b.url;
        this.timeout = b.timeout;
        this.client = b.client != null ? b.client : HttpPost.client(b.timeout);
        this.cards = new ChatCards(b.linkTemplate);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void deliver(Delivery delivery) throws InterruptedException {
        byte[] body = ChatCards.bytes(cards.teamsMessage(delivery.notification()));
        HttpPost.send(
                client,
                HttpPost.json(url, timeout, body).build(),
                name,
                "check notifications.teams.webhook_url (a removed workflow or connector answers 4xx)");
    }

    @Override
    public String toString() {
        return "TeamsChannel[" + name + ", " + HttpPost.redact(url) + "]";
    }

    /** Configures a Teams channel; every setter validates at once. */
    public static final class Builder {
        private String name = "teams";
        private URI url;
        private Duration timeout = Duration.ofSeconds(10);
        private HttpClient client;
        private String linkTemplate;

        private Builder() {}

        /** Metrics and log name; default {@code teams}. */
        public Builder name(String value) {
            name = ChannelNames.check(value);
            return this;
        }

        /** Required: the Workflows or connector webhook URL. */
        public Builder webhookUrl(URI value) {
            url = HttpPost.checkUrl(value, "teams webhook_url");
            return this;
        }

        /** The console's review page, e.g. {@code https://maa.example.com/requests/{id}}: required. */
        public Builder linkTemplate(String value) {
            new ChatCards(value);
            linkTemplate = value;
            return this;
        }

        /** Connect and whole-request timeout of one attempt; default 10 seconds. */
        public Builder timeout(Duration value) {
            timeout = ChannelNames.positive(value, "teams timeout");
            return this;
        }

        /** A client to share or to customise (proxy, TLS); it should not follow redirects. */
        public Builder httpClient(HttpClient value) {
            client = Objects.requireNonNull(value, "httpClient");
            return this;
        }

        public TeamsChannel build() {
            if (url == null || linkTemplate == null) {
                throw new IllegalStateException("TeamsChannel.builder(): webhookUrl(...) and linkTemplate(...) are"
                        + " required: the card's button opens the console's review page");
            }
            return new TeamsChannel(this);
        }
    }
}

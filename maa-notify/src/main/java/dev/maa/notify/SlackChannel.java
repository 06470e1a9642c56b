package dev.maa.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.maa.api.ChatMessages;
import dev.maa.api.Notification;
import dev.maa.core.store.InMemoryChatMessages;
import dev.maa.notify.internal.CardUpdate;
import dev.maa.notify.internal.ChatCards;
import dev.maa.notify.internal.HttpPost;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Set;

/**
 * Posts each notification to Slack as a Block Kit message showing the request, with a button that opens its review
 * page in the console (the review happens there, signed in, never in Slack).
 *
 * <p>Two ways in, one per channel: an <b>incoming webhook</b> URL posts a new message for every change of the
 * request (incoming webhooks cannot edit what they posted); a <b>bot token</b> and a channel id use the Web API:
 * {@code chat.postMessage} for the request's first notification, then {@code chat.update} of that message whenever
 * the request changes state, so the channel shows one card per request, always current. Delivered from the
 * transactional outbox, the message ids are kept in the store ({@link ChatMessages}, table {@code maa_chat_message}),
 * so after a restart, or on another node, the same message is updated; from in-memory queues the channel remembers
 * the last {@value #REMEMBERED} requests' messages itself. An update never replaces a newer state with an older one
 * (a repeated delivery of an old notification is skipped).
 *
 * <p>Failures are classified like {@link WebhookChannel}'s; a Web API answer {@code ok: false} is retried only
 * when it is {@code ratelimited}, otherwise it names Slack's error and what to check. Slack itself cannot be reached
 * from the project's tests: they check the messages against Block Kit's documented types and limits on loopback.
 */
public final class SlackChannel implements Channel {

    /** How many requests' messages the Web API mode remembers for {@code chat.update}. */
    public static final int REMEMBERED = 10_000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> GONE = Set.of("message_not_found", "cant_update_message", "edit_window_closed");

    private final String name;
    private final URI webhook;
    private final URI api;
    private final String token;
    private final String channel;
    private final Duration timeout;
    private final HttpClient client;
    private final ChatCards cards;
    private final ChatMessages remembered = new InMemoryChatMessages(REMEMBERED);

    private SlackChannel(Builder b) {
        this.name = b.name;
        this.webhook = b.webhook;
        this.api = b.api;
        this.token = b.token;
        this.channel = b.channel;
        this.timeout = b.timeout;
        this.client = b.client();
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
        Notification n = delivery.notification();
        ObjectNode message = cards.slackMessage(n);
        if (webhook != null) {
            HttpPost.send(
                    client,
                    HttpPost.json(webhook, timeout, ChatCards.bytes(message)).build(),
                    name,
                    "check notifications.slack.webhook_url (Slack answers 404 no_service for a removed webhook)");
            return;
        }
        CardUpdate card = CardUpdate.of(delivery.messages(), remembered, n, name);
        if (card.current()) {
            return;
        }
        if (card.before() != null) {
            String posted = card.before().messageId();
            int colon = posted.indexOf(':');
            message.put("channel", posted.substring(0, Math.max(colon, 0))).put("ts", posted.substring(colon + 1));
            if (call("chat.update", message) != null) {
                card.shown(posted);
                return;
            }
            message.remove("ts"); // the message is gone: post a new one
        }
        message.put("channel", channel);
        JsonNode answer = call("chat.postMessage", message);
        card.shown(
                answer.path("channel").asText(channel) + ":" + answer.path("ts").asText());
    }

    /** A Web API call; its answer, or null when {@code chat.update} found no message to update. */
    private JsonNode call(String method, ObjectNode body) throws InterruptedException {
        HttpRequest request = HttpPost.json(api.resolve(method), timeout, ChatCards.bytes(body))
                .header("Authorization", "Bearer " + token)
                .build();
        String text = HttpPost.send(client, request, name, "check notifications.slack.api_url");
        JsonNode answer;
        try {
            answer = JSON.readTree(text);
        } catch (IOException e) {
            throw DeliveryException.transientFailure(name, "Slack " + method + " answered no JSON: " + e, e);
        }
        if (answer.path("ok").asBoolean(false)) {
            return answer;
        }
        String error = answer.path("error").asText("(no error named)");
        if (method.equals("chat.update") && GONE.contains(error)) {
            return null;
        }
        if (error.equals("ratelimited")) {
            throw DeliveryException.transientFailure(
                    name, "Slack " + method + " answered ratelimited", (Duration) null);
        }
        throw DeliveryException.permanentFailure(
                name,
                "Slack " + method + " answered " + error + "; check notifications.slack.bot_token and channel, and that"
                        + " the app has chat:write and was invited to the channel (not retried)",
                null);
    }

    @Override
    public String toString() {
        return "SlackChannel[" + name + ", "
                + (webhook != null
                        ? "webhook " + HttpPost.redact(webhook)
                        : "Web API " + HttpPost.redact(api) + " channel " + channel)
                + "]";
    }

    /** Configures a Slack channel: either {@link #webhookUrl} or {@link #botToken} with {@link #channel}. */
    public static final class Builder extends ChannelBuilder.Http<Builder> {
        private URI webhook;
        private URI api = URI.create("https://slack.com/api/");
        private String token;
        private String channel;

        private Builder() {
            super("slack", Duration.ofSeconds(10), true);
        }

        /** An incoming-webhook URL: a new message for every change of a request. */
        public Builder webhookUrl(URI value) {
            webhook = HttpPost.checkUrl(value, "slack webhook_url");
            return this;
        }

        /** A bot token ({@code xoxb-...}, scope {@code chat:write}): the Web API, one message per request, updated. */
        public Builder botToken(String value) {
            if (value == null || value.isBlank() || !value.matches("\\S+")) {
                throw new IllegalArgumentException("slack bot_token must be a token without spaces, e.g. xoxb-...");
            }
            token = value;
            return this;
        }

        /** The channel id (e.g. {@code C0123456789}) the bot posts to; the bot must be invited there. */
        public Builder channel(String value) {
            if (value == null || !value.matches("[A-Za-z0-9#_.-]{1,80}")) {
                throw new IllegalArgumentException(
                        "slack channel must be a channel id like C0123456789, was '" + value + "'");
            }
            channel = value;
            return this;
        }

        /** The Web API's base URL; default {@code https://slack.com/api/} (tests point it at loopback). */
        public Builder apiUrl(URI value) {
            URI u = HttpPost.checkUrl(value, "slack api_url");
            api = u.getPath().endsWith("/") ? u : URI.create(u + "/");
            return this;
        }

        public SlackChannel build() {
            if (linkTemplate == null) {
                throw new IllegalStateException("SlackChannel.builder(): linkTemplate(...) is required: the card's"
                        + " button opens the console's review page");
            }
            if ((webhook == null) == (token == null)) {
                throw new IllegalStateException("SlackChannel.builder(): set either webhookUrl(...) or botToken(...)"
                        + " with channel(...), not both");
            }
            if (token != null && channel == null) {
                throw new IllegalStateException("SlackChannel.builder(): botToken(...) needs channel(...)");
            }
            return new SlackChannel(this);
        }
    }
}

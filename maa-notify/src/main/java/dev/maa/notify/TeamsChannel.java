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
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Posts each notification to a Microsoft Teams channel as an Adaptive Card (version 1.5) showing the request, with
 * a button ({@code Action.OpenUrl}) that opens its review page in the console (the review happens there, signed in,
 * never in Teams).
 *
 * <p>Two ways in. An <b>incoming webhook</b> (a Teams Workflows "post to a channel when a webhook request is
 * received" URL, or a classic Office 365 connector URL) takes the card in a {@code message} with one attachment of
 * type {@code application/vnd.microsoft.card.adaptive}; webhooks cannot edit what they posted, so every change of
 * the request posts a new card. A <b>bot</b> registered with the Bot Framework (app id and secret) posts the first
 * card as an activity ({@code POST {serviceUrl}/v3/conversations/{id}/activities}) and updates that activity in place
 * whenever the request changes ({@code PUT .../activities/{activityId}}), never back to an older state; the activity
 * ids are kept in the outbox's store ({@link ChatMessages}), so the same card is updated after a restart and from
 * any node. Its OAuth2 client-credentials token comes from the token endpoint (default Microsoft's Bot Framework
 * one) and is reused until shortly before it expires.
 *
 * <p>Failures are classified like {@link WebhookChannel}'s (4xx not retried, 429 and 5xx retried after
 * {@code Retry-After}). Teams itself cannot be reached from the project's tests: they check the cards against the
 * published Adaptive Cards 1.5 JSON schema, and the Bot Framework calls against a loopback receiver that answers as
 * the published REST API does.
 */
public final class TeamsChannel implements Channel {

    /** Microsoft's token endpoint for Bot Framework bots. */
    public static final URI BOT_TOKEN_URL =
            URI.create("https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token");

    /** How many requests' cards the bot remembers itself when its delivery carries no store of them. */
    public static final int REMEMBERED = 10_000;

    /** A token is renewed this long before it expires, so no call carries one that expires on the way. */
    static final Duration TOKEN_MARGIN = Duration.ofMinutes(5);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final URI url;
    private final Bot bot;
    private final Duration timeout;
    private final HttpClient client;
    private final Clock clock;
    private final ChatCards cards;
    private final ChatMessages remembered = new InMemoryChatMessages(REMEMBERED);
    private String token;
    private Instant tokenExpires = Instant.MIN;

    /** The Bot Framework settings. */
    private record Bot(String appId, String appSecret, URI serviceUrl, String conversationId, URI tokenUrl) {}

    private TeamsChannel(Builder b) {
        this.name = b.name;
        this.url = b.url;
        this.bot = b.appId == null ? null : new Bot(b.appId, b.appSecret, b.serviceUrl, b.conversationId, b.tokenUrl);
        this.timeout = b.timeout;
        this.client = b.client();
        this.clock = b.clock;
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
        ObjectNode message = cards.teamsMessage(n);
        if (bot == null) {
            HttpPost.send(
                    client,
                    HttpPost.json(url, timeout, ChatCards.bytes(message)).build(),
                    name,
                    "check notifications.teams.webhook_url (a removed workflow or connector answers 4xx)");
            return;
        }
        CardUpdate card = CardUpdate.of(delivery.messages(), remembered, n, name);
        if (card.current()) {
            return;
        }
        URI activities = bot.serviceUrl().resolve("v3/conversations/" + encode(bot.conversationId()) + "/activities");
        if (card.before() != null) {
            String posted = card.before().messageId();
            message.put("id", posted);
            URI activity = URI.create(activities + "/" + encode(posted));
            if (call(HttpPost.jsonPut(activity, timeout, ChatCards.bytes(message)), 404) != null) {
                card.shown(posted);
                return;
            }
            message.remove("id"); // the activity was deleted: post a new card
        }
        String answer = call(HttpPost.json(activities, timeout, ChatCards.bytes(message)), 0);
        String id = read(answer, "the activity POST").path("id").asText("");
        if (id.isEmpty()) {
            throw DeliveryException.permanentFailure(
                    name, "the Bot Framework answered the activity POST without an id; check service_url", null);
        }
        card.shown(id);
    }

    /** A Bot Framework call with the bot's token; its answer, or {@code null} when its status is {@code gone}. */
    private String call(HttpRequest.Builder request, int gone) throws InterruptedException {
        return HttpPost.send(
                client,
                request.header("Authorization", "Bearer " + token()).build(),
                name,
                "check notifications.teams.bot.service_url and conversation_id, and that the bot was added to the"
                        + " conversation",
                gone);
    }

    /** The bot's token, fetched with its client credentials when there is none or it expires soon. */
    private synchronized String token() throws InterruptedException {
        Instant now = clock.instant();
        if (token != null && now.isBefore(tokenExpires.minus(TOKEN_MARGIN))) {
            return token;
        }
        String form = "grant_type=client_credentials&client_id=" + encode(bot.appId()) + "&client_secret="
                + encode(bot.appSecret()) + "&scope=" + encode("https://api.botframework.com/.default");
        HttpRequest request = HttpRequest.newBuilder(bot.tokenUrl())
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("User-Agent", "maa-notify")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        JsonNode answer = read(
                HttpPost.send(
                        client, request, name, "check notifications.teams.bot.app_id, app_secret_env and token_url"),
                "the token endpoint");
        String value = answer.path("access_token").asText("");
        if (value.isEmpty()) {
            throw DeliveryException.permanentFailure(
                    name, "the token endpoint answered no access_token; check notifications.teams.bot.token_url", null);
        }
        token = value;
        tokenExpires = now.plusSeconds(answer.path("expires_in").asLong(3600));
        return token;
    }

    private JsonNode read(String text, String what) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw DeliveryException.transientFailure(name, what + " answered no JSON: " + e, e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "TeamsChannel[" + name + ", "
                + (bot == null
                        ? HttpPost.redact(url)
                        : "bot " + bot.appId() + " at " + HttpPost.redact(bot.serviceUrl()))
                + "]";
    }

    /** Configures a Teams channel: {@link #webhookUrl}, or {@link #bot}; every setter validates at once. */
    public static final class Builder extends ChannelBuilder.Http<Builder> {
        private URI url;
        private String appId;
        private String appSecret;
        private URI serviceUrl;
        private String conversationId;
        private URI tokenUrl = BOT_TOKEN_URL;

        private Builder() {
            super("teams", Duration.ofSeconds(10), true);
        }

        /** The Workflows or connector webhook URL: a new card for every change of a request. */
        public Builder webhookUrl(URI value) {
            url = HttpPost.checkUrl(value, "teams webhook_url");
            return this;
        }

        /**
         * A Bot Framework bot: one card per request, updated in place.
         *
         * @param appId          the bot's Microsoft app id
         * @param appSecret      its client secret
         * @param serviceUrl     the conversation's service URL, e.g. {@code https://smba.trafficmanager.net/teams/}
         * @param conversationId the channel's conversation id, e.g. {@code 19:abc@thread.tacv2}
         */
        public Builder bot(String appId, String appSecret, URI serviceUrl, String conversationId) {
            if (appId == null || !appId.matches("[A-Za-z0-9-]{1,64}")) {
                throw new IllegalArgumentException(
                        "teams bot app_id must be the bot's Microsoft app id (a GUID), was '" + appId + "'");
            }
            if (appSecret == null || appSecret.isBlank()) {
                throw new IllegalArgumentException("teams bot app_secret must not be empty");
            }
            if (conversationId == null || conversationId.isBlank() || conversationId.length() > 512) {
                throw new IllegalArgumentException(
                        "teams bot conversation_id must be the channel's conversation id, e.g. 19:abc@thread.tacv2");
            }
            URI u = HttpPost.checkUrl(serviceUrl, "teams bot service_url");
            this.serviceUrl = u.getPath().endsWith("/") ? u : URI.create(u + "/");
            this.appId = appId;
            this.appSecret = appSecret;
            this.conversationId = conversationId;
            return this;
        }

        /** The OAuth2 token endpoint of the bot; default {@link #BOT_TOKEN_URL} (tests point it at loopback). */
        public Builder tokenUrl(URI value) {
            tokenUrl = HttpPost.checkUrl(value, "teams bot token_url");
            return this;
        }

        public TeamsChannel build() {
            if ((url == null) == (appId == null) || linkTemplate == null) {
                throw new IllegalStateException("TeamsChannel.builder(): webhookUrl(...) or bot(...), not both, and"
                        + " linkTemplate(...) are required: the card's button opens the console's review page");
            }
            return new TeamsChannel(this);
        }
    }
}

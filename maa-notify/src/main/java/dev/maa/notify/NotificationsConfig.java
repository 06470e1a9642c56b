package dev.maa.notify;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.maa.api.Durations;
import dev.maa.api.MaaConfigurationException;
import dev.maa.notify.internal.FlexibleDuration;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code notifications:} section of the server's or the agent launcher's YAML; build notifiers from it with
 * {@link Notifiers#fromConfig}. Every field but the ones marked required may be left out.
 *
 * <pre>{@code
 * notifications:
 *   link_template: https://maa.example.com/requests/{id}
 *   delivery: {queue_capacity: 1000, overflow: drop_oldest, max_attempts: 5,
 *              initial_backoff: 1s, max_backoff: 1m, drain_timeout: 10s}
 *   webhook:
 *     url: https://hooks.example.com/maa          # required
 *     secret_env: MAA_WEBHOOK_SECRET              # required: the variable holding the HMAC secret
 *     timeout: 10s
 *   email:
 *     smtp_host: smtp.example.com                 # required
 *     smtp_port: 587
 *     from: maa@example.com                       # required
 *     address_template: "{id}@example.com"
 *     addresses: {alice: alice.smith@example.com}
 *     starttls: true
 *     username: maa
 *     password_env: MAA_SMTP_PASSWORD
 *     timeout: 30s
 *   slack:                                        # webhook_url, or bot_token_env with channel
 *     webhook_url: https://hooks.slack.com/services/...
 *     bot_token_env: MAA_SLACK_BOT_TOKEN          # the Web API: one card per request, updated
 *     channel: C0123456789
 *     api_url: https://slack.com/api/
 *   teams:                                        # webhook_url, or bot (one card per request, updated)
 *     webhook_url: https://example.webhook.office.com/...
 *   outbox: {enabled: true, poll_interval: 1s, lease: 30s}
 * }</pre>
 * A {@code delivery} block inside {@code webhook} or {@code email} replaces the shared one for that channel when
 * notifications are queued in memory; {@code maa serve} delivers from its store's transactional outbox instead
 * ({@link Outbox}), where one retry policy (the shared {@code delivery}) serves every channel.
 * Secrets are never in the file, only the names of the environment variables that hold them.
 *
 * @param webhook      the webhook channel, or {@code null} for none
 * @param email        the e-mail channel, or {@code null} for none
 * @param linkTemplate the console link of a request, containing {@code {id}}; or {@code null}
 * @param delivery     queue and retry settings shared by the channels; or {@code null} for the defaults
 * @param slack        the Slack channel, or {@code null} for none
 * @param teams        the Microsoft Teams channel, or {@code null} for none
 * @param outbox       the transactional outbox's worker, or {@code null} for the defaults
 */
public record NotificationsConfig(
        Webhook webhook,
        Email email,
        @JsonProperty("link_template") String linkTemplate,
        Delivery delivery,
        Slack slack,
        Teams teams,
        Outbox outbox) {

    private static final ObjectMapper YAML =
            new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** No channels: notifications go nowhere. */
    public static NotificationsConfig none() {
        return new NotificationsConfig(null, null, null, null, null, null, null);
    }

    /** Reads the {@code notifications:} section of a YAML file; a file without one configures no channels. */
    public static NotificationsConfig fromYaml(Path file) {
        try {
            return fromYaml(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new MaaConfigurationException("Cannot read notifications config " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads the {@code notifications:} section of YAML text; text without one configures no channels. */
    public static NotificationsConfig fromYaml(String yaml, String source) {
        try {
            JsonNode root = YAML.readTree(yaml);
            return root == null || !root.has("notifications") ? none() : fromTree(root.get("notifications"), source);
        } catch (IOException e) {
            throw new MaaConfigurationException(
                    "Cannot parse notifications config " + source + ": "
                            + e.getMessage().lines().findFirst().orElse(""),
                    e);
        }
    }

    /**
     * Binds the already parsed {@code notifications:} node (for a server that reads its whole file once). A bad
     * value is refused as every section of {@code maa.yaml} refuses one: {@code file: notifications.key: problem},
     * an unknown key with the known ones; durations take the one grammar of {@link Durations}.
     */
    public static NotificationsConfig fromTree(JsonNode section, String source) {
        if (section == null || section.isNull() || section.isMissingNode()) {
            return none();
        }
        try {
            return YAML.treeToValue(section, NotificationsConfig.class);
        } catch (IOException e) {
            throw new MaaConfigurationException(source + ": " + path(e) + ": " + problem(e), e);
        }
    }

    /** What is wrong, in the kit's words: an unknown key lists the known ones, a bad value quotes the parser. */
    private static String problem(IOException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            List<String> known = new ArrayList<>();
            u.getKnownPropertyIds().forEach(k -> known.add(String.valueOf(k)));
            known.sort(null);
            return "unknown key; known keys: " + known;
        }
        if (e instanceof InvalidFormatException f && f.getTargetType() == Duration.class) {
            try {
                Durations.parse(String.valueOf(f.getValue()));
            } catch (IllegalArgumentException why) {
                return why.getMessage();
            }
        }
        String m = e instanceof JsonMappingException j ? j.getOriginalMessage() : e.getMessage();
        return m.lines().findFirst().orElse("");
    }

    private static String path(IOException e) {
        StringBuilder b = new StringBuilder("notifications");
        if (e instanceof JsonMappingException m) {
            for (var ref : m.getPath()) {
                b.append(ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]");
            }
        }
        return b.toString();
    }

    /**
     * @param url       where to POST
     * @param secretEnv name of the environment variable holding the HMAC secret
     * @param timeout   per attempt; default 10s
     * @param name      metrics and log name; default {@code webhook}
     * @param delivery  overrides the shared delivery settings
     */
    public record Webhook(
            URI url,
            @JsonProperty("secret_env") String secretEnv,
            @JsonDeserialize(using = FlexibleDuration.class) Duration timeout,
            String name,
            Delivery delivery) {}

    /**
     * @param smtpHost        SMTP server
     * @param smtpPort        default 25
     * @param from            sender address
     * @param addressTemplate e.g. {@code {id}@example.com}, for ids that are not addresses themselves
     * @param addresses       explicit id to address entries, checked first
     * @param starttls        require STARTTLS; default false
     * @param username        SMTP login, if the server needs one
     * @param passwordEnv     name of the environment variable holding the SMTP password
     * @param timeout         per attempt; default 30s
     * @param name            metrics and log name; default {@code email}
     * @param delivery        overrides the shared delivery settings
     */
    public record Email(
            @JsonProperty("smtp_host") String smtpHost,
            @JsonProperty("smtp_port") Integer smtpPort,
            String from,
            @JsonProperty("address_template") String addressTemplate,
            Map<String, String> addresses,
            Boolean starttls,
            String username,
            @JsonProperty("password_env") String passwordEnv,
            @JsonDeserialize(using = FlexibleDuration.class) Duration timeout,
            String name,
            Delivery delivery) {}

    /**
     * @param webhookUrl  an incoming-webhook URL: a new message per change of a request
     * @param botTokenEnv name of the environment variable holding a bot token ({@code xoxb-...}): the Web API
     * @param channel     the channel id the bot posts to, with {@code bot_token_env}
     * @param apiUrl      the Web API's base URL; default {@code https://slack.com/api/}
     * @param timeout     per attempt; default 10s
     * @param name        metrics and log name; default {@code slack}
     */
    public record Slack(
            @JsonProperty("webhook_url") URI webhookUrl,
            @JsonProperty("bot_token_env") String botTokenEnv,
            String channel,
            @JsonProperty("api_url") URI apiUrl,
            @JsonDeserialize(using = FlexibleDuration.class) Duration timeout,
            String name) {}

    /**
     * @param webhookUrl a Teams Workflows or connector webhook URL (a new card per change), or
     * @param bot        a Bot Framework bot (one card per request, updated in place)
     * @param timeout    per attempt; default 10s
     * @param name       metrics and log name; default {@code teams}
     */
    public record Teams(
            @JsonProperty("webhook_url") URI webhookUrl,
            TeamsBot bot,
            @JsonDeserialize(using = FlexibleDuration.class) Duration timeout,
            String name) {}

    /**
     * @param appId          the bot's Microsoft app id
     * @param appSecretEnv   the environment variable holding its client secret
     * @param serviceUrl     the conversation's service URL, e.g. {@code https://smba.trafficmanager.net/teams/}
     * @param conversationId the channel's conversation id, e.g. {@code 19:abc@thread.tacv2}
     * @param tokenUrl       the OAuth2 token endpoint; default Microsoft's Bot Framework one
     */
    public record TeamsBot(
            @JsonProperty("app_id") String appId,
            @JsonProperty("app_secret_env") String appSecretEnv,
            @JsonProperty("service_url") URI serviceUrl,
            @JsonProperty("conversation_id") String conversationId,
            @JsonProperty("token_url") URI tokenUrl) {}

    /**
     * The transactional outbox ({@link OutboxNotifier}), where the server's store keeps one.
     *
     * @param enabled      default true; false queues notifications in memory (lost on a crash)
     * @param pollInterval how often the worker looks for due entries; default 1s
     * @param lease        the cluster-wide job lease of the one delivering node; default 30s
     */
    public record Outbox(
            Boolean enabled,

            @JsonProperty("poll_interval") @JsonDeserialize(using = FlexibleDuration.class)
            Duration pollInterval,

            @JsonDeserialize(using = FlexibleDuration.class) Duration lease) {

        /** Whether notifications go through the outbox. */
        public boolean on() {
            return enabled == null || enabled;
        }
    }

    /** Queue and retry settings; each missing field keeps its {@link DeliveryOptions#defaults() default}. */
    public record Delivery(
            @JsonProperty("queue_capacity") Integer queueCapacity,
            Overflow overflow,
            @JsonProperty("max_attempts") Integer maxAttempts,

            @JsonProperty("initial_backoff") @JsonDeserialize(using = FlexibleDuration.class)
            Duration initialBackoff,

            @JsonProperty("max_backoff") @JsonDeserialize(using = FlexibleDuration.class)
            Duration maxBackoff,

            @JsonProperty("drain_timeout") @JsonDeserialize(using = FlexibleDuration.class)
            Duration drainTimeout) {

        /** These settings over the defaults. */
        public DeliveryOptions toOptions() {
            DeliveryOptions d = DeliveryOptions.defaults();
            RetryPolicy r = d.retry();
            if (maxAttempts != null) {
                r = r.withMaxAttempts(maxAttempts);
            }
            if (initialBackoff != null || maxBackoff != null) {
                Duration initial = initialBackoff != null ? initialBackoff : r.initialBackoff();
                Duration max = maxBackoff != null
                        ? maxBackoff
                        : r.maxBackoff().compareTo(initial) < 0 ? initial : r.maxBackoff();
                r = r.withBackoff(initial, max);
            }
            d = d.withRetry(r);
            if (queueCapacity != null) {
                d = d.withQueueCapacity(queueCapacity);
            }
            if (overflow != null) {
                d = d.withOverflow(overflow);
            }
            if (drainTimeout != null) {
                d = d.withDrainTimeout(drainTimeout);
            }
            return d;
        }
    }
}

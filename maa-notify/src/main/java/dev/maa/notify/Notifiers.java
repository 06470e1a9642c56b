package dev.maa.notify;

import dev.maa.api.MaaConfigurationException;
import dev.maa.api.Notifier;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds notifiers: one {@link QueuedNotifier} per channel, combined with {@link #composite}.
 *
 * <pre>{@code
 * CompositeNotifier notifier = Notifiers.fromConfig(NotificationsConfig.fromYaml(Path.of("maa.yaml")), registry);
 * MaaEngine engine = MaaEngine.builder().policyEngine(policies).directory(directory).notifier(notifier).build();
 * ...
 * notifier.close();   // on shutdown: drains the queues for up to drain_timeout
 * }</pre>
 * Or by hand:
 * <pre>{@code
 * var webhook = Notifiers.queued(WebhookChannel.builder().url(url).secret(secret).build(), registry);
 * var email = Notifiers.queued(EmailChannel.builder().host("smtp.example.com").from("maa@example.com")
 *         .addresses(AddressResolver.standard(Map.of(), "{id}@example.com")).build(), registry);
 * Notifier notifier = Notifiers.composite(webhook, email);
 * }</pre>
 */
public final class Notifiers {

    private static final Logger LOG = LoggerFactory.getLogger(Notifiers.class);

    private Notifiers() {}

    /** Every notification goes to each of {@code notifiers}; see {@link CompositeNotifier}. */
    public static CompositeNotifier composite(Notifier... notifiers) {
        return new CompositeNotifier(Arrays.asList(notifiers));
    }

    public static CompositeNotifier composite(List<? extends Notifier> notifiers) {
        return new CompositeNotifier(new ArrayList<>(notifiers));
    }

    /** Queues and retries deliveries through {@code channel} with {@link DeliveryOptions#defaults()}. */
    public static QueuedNotifier queued(Channel channel, MeterRegistry registry) {
        return QueuedNotifier.start(channel, DeliveryOptions.defaults(), registry);
    }

    public static QueuedNotifier queued(Channel channel, DeliveryOptions options, MeterRegistry registry) {
        return QueuedNotifier.start(channel, options, registry);
    }

    /** The configured channels, with secrets read from the process environment. */
    public static CompositeNotifier fromConfig(NotificationsConfig config, MeterRegistry registry) {
        return fromConfig(config, registry, System::getenv);
    }

    /**
     * The configured channels; {@code env} looks up the variables named by {@code secret_env} and
     * {@code password_env}. Everything is validated before any worker starts.
     *
     * @param registry where the {@code maa.notify.*} meters go; {@code null} for Micrometer's global registry
     * @throws MaaConfigurationException naming the setting to fix
     */
    public static CompositeNotifier fromConfig(
            NotificationsConfig config, MeterRegistry registry, Function<String, String> env) {
        return fromConfig(config, registry, env, id -> Optional.empty());
    }

    /**
     * As {@link #fromConfig(NotificationsConfig, MeterRegistry, Function)}, e-mail addresses found in
     * {@code directoryMail} (the directory's, {@code Directory.emailOf}) after explicit {@code addresses} entries
     * ({@link AddressResolver#standard(Map, String, Function)}).
     */
    public static CompositeNotifier fromConfig(
            NotificationsConfig config,
            MeterRegistry registry,
            Function<String, String> env,
            Function<String, Optional<String>> directoryMail) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(env, "env");
        MeterRegistry meters = registry != null ? registry : Metrics.globalRegistry;
        List<QueuedNotifier> started = new ArrayList<>();
        for (Configured c : channels(config, env, directoryMail)) {
            started.add(QueuedNotifier.start(c.channel(), c.options(), meters));
        }
        return composite(started);
    }

    /**
     * The configured channels, delivering from the store's transactional outbox once {@link
     * OutboxWiring#start started} over the store: for a server whose store opens after its notifier is needed. The
     * shared {@code delivery} retry settings serve every channel; a channel's own {@code delivery} block is refused
     * (it needs {@code outbox.enabled: false}).
     *
     * @throws MaaConfigurationException naming the setting to fix
     */
    public static OutboxWiring outbox(
            NotificationsConfig config,
            MeterRegistry registry,
            Function<String, String> env,
            Function<String, Optional<String>> directoryMail) {
        Objects.requireNonNull(config, "config");
        List<Configured> channels = channels(config, env, directoryMail);
        for (Configured c : channels) {
            if (c.ownDelivery()) {
                throw new MaaConfigurationException("notifications." + c.section() + ".delivery: the outbox retries"
                        + " every channel with notifications.delivery; move these settings there, or set"
                        + " notifications.outbox.enabled: false to queue each channel in memory (lost on a crash)");
            }
        }
        NotificationsConfig.Outbox o = config.outbox();
        DeliveryOptions shared = options(config.delivery(), "notifications.delivery");
        return new OutboxWiring(
                channels.stream().map(Configured::channel).toList(),
                shared.retry(),
                o == null ? null : o.pollInterval(),
                o == null ? null : o.lease(),
                registry != null ? registry : Metrics.globalRegistry);
    }

    /** A configured channel, its delivery options, and whether it has its own {@code delivery} block. */
    private record Configured(Channel channel, String section, DeliveryOptions options, boolean ownDelivery) {}

    /** Every configured channel, validated, with unique names. */
    private static List<Configured> channels(
            NotificationsConfig config,
            Function<String, String> env,
            Function<String, Optional<String>> directoryMail) {
        DeliveryOptions shared = options(config.delivery(), "notifications.delivery");
        String link = config.linkTemplate();
        List<Configured> channels = new ArrayList<>();
        if (config.webhook() != null) {
            NotificationsConfig.Delivery own = config.webhook().delivery();
            channels.add(new Configured(
                    webhook(config.webhook(), link, env),
                    "webhook",
                    own != null ? options(own, "notifications.webhook.delivery") : shared,
                    own != null));
        }
        if (config.email() != null) {
            NotificationsConfig.Delivery own = config.email().delivery();
            channels.add(new Configured(
                    email(config.email(), link, env, directoryMail),
                    "email",
                    own != null ? options(own, "notifications.email.delivery") : shared,
                    own != null));
        }
        if (config.slack() != null) {
            channels.add(new Configured(slack(config.slack(), link, env), "slack", shared, false));
        }
        if (config.teams() != null) {
            channels.add(new Configured(teams(config.teams(), link, env), "teams", shared, false));
        }
        for (int i = 0; i < channels.size(); i++) {
            for (int j = i + 1; j < channels.size(); j++) {
                if (channels.get(i)
                        .channel()
                        .name()
                        .equals(channels.get(j).channel().name())) {
                    throw new MaaConfigurationException(
                            "notifications: " + channels.get(i).section() + " and "
                                    + channels.get(j).section() + " are both named '"
                                    + channels.get(i).channel().name()
                                    + "'; give them different names");
                }
            }
        }
        if (channels.isEmpty()) {
            LOG.info("No notification channels configured (notifications.webhook, email, slack, teams);"
                    + " nobody will be told about approval requests");
        }
        return channels;
    }

    private static SlackChannel slack(NotificationsConfig.Slack c, String link, Function<String, String> env) {
        return configure("notifications.slack", () -> {
            SlackChannel.Builder b = SlackChannel.builder().configured(c.name(), c.timeout(), link);
            if (c.webhookUrl() != null) {
                b.webhookUrl(c.webhookUrl());
            }
            if (c.botTokenEnv() != null) {
                b.botToken(secret(env, c.botTokenEnv(), "notifications.slack.bot_token_env", true));
            }
            if (c.channel() != null) {
                b.channel(c.channel());
            }
            if (c.apiUrl() != null) {
                b.apiUrl(c.apiUrl());
            }
            return b.build();
        });
    }

    private static TeamsChannel teams(NotificationsConfig.Teams c, String link, Function<String, String> env) {
        return configure("notifications.teams", () -> {
            TeamsChannel.Builder b = TeamsChannel.builder().configured(c.name(), c.timeout(), link);
            if ((c.webhookUrl() == null) == (c.bot() == null)) {
                throw new IllegalArgumentException("set webhook_url (a new card per change) or bot (one card per"
                        + " request, updated in place), not both");
            }
            if (c.webhookUrl() != null) {
                b.webhookUrl(c.webhookUrl());
            } else {
                NotificationsConfig.TeamsBot bot = c.bot();
                if (bot.serviceUrl() == null || bot.conversationId() == null) {
                    throw new IllegalArgumentException("bot.service_url and bot.conversation_id are required");
                }
                b.bot(
                        bot.appId(),
                        secret(env, bot.appSecretEnv(), "notifications.teams.bot.app_secret_env", true),
                        bot.serviceUrl(),
                        bot.conversationId());
                if (bot.tokenUrl() != null) {
                    b.tokenUrl(bot.tokenUrl());
                }
            }
            return b.build();
        });
    }

    private static WebhookChannel webhook(NotificationsConfig.Webhook w, String link, Function<String, String> env) {
        return configure("notifications.webhook", () -> {
            WebhookChannel.Builder b = WebhookChannel.builder();
            if (w.url() == null) {
                throw new IllegalArgumentException("url is required");
            }
            b.url(w.url())
                    .secret(secret(env, w.secretEnv(), "notifications.webhook.secret_env", true))
                    .configured(w.name(), w.timeout(), link);
            return b.build();
        });
    }

    private static EmailChannel email(
            NotificationsConfig.Email e,
            String link,
            Function<String, String> env,
            Function<String, Optional<String>> directoryMail) {
        return configure("notifications.email", () -> {
            EmailChannel.Builder b = EmailChannel.builder();
            if (e.smtpHost() == null || e.from() == null) {
                throw new IllegalArgumentException("smtp_host and from are required");
            }
            b.host(e.smtpHost())
                    .from(e.from())
                    .addresses(AddressResolver.standard(e.addresses(), e.addressTemplate(), directoryMail));
            if (e.smtpPort() != null) {
                b.port(e.smtpPort());
            }
            if (e.starttls() != null) {
                b.starttls(e.starttls());
            }
            if (e.username() != null) {
                b.credentials(e.username(), secret(env, e.passwordEnv(), "notifications.email.password_env", false));
            } else if (e.passwordEnv() != null) {
                throw new IllegalArgumentException("password_env is set but username is not; set both or neither");
            }
            return b.configured(e.name(), e.timeout(), link).build();
        });
    }

    /** The secret's value; the messages name the variable, never its content. */
    private static String secret(Function<String, String> env, String variable, String setting, boolean required) {
        if (variable == null || variable.isBlank()) {
            if (required) {
                throw new MaaConfigurationException(setting + " is required: name the environment variable that"
                        + " holds the secret, e.g. MAA_WEBHOOK_SECRET (generate one with `openssl rand -hex 32`)");
            }
            return "";
        }
        String value = env.apply(variable);
        if (value == null || value.isEmpty()) {
            throw new MaaConfigurationException(setting + " names the environment variable " + variable
                    + ", but it is not set or empty in this process; export it before starting, or remove the setting");
        }
        return value;
    }

    private static DeliveryOptions options(NotificationsConfig.Delivery d, String setting) {
        return d == null ? DeliveryOptions.defaults() : configure(setting, d::toOptions);
    }

    private static <T> T configure(String setting, Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new MaaConfigurationException(setting + ": " + e.getMessage(), e);
        }
    }
}

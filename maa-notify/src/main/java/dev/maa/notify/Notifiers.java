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
        DeliveryOptions shared = options(config.delivery(), "notifications.delivery");
        List<Channel> channels = new ArrayList<>();
        List<DeliveryOptions> options = new ArrayList<>();
        if (config.webhook() != null) {
            channels.add(webhook(config.webhook(), config.linkTemplate(), env));
            options.add(
                    config.webhook().delivery() != null
                            ? options(config.webhook().delivery(), "notifications.webhook.delivery")
                            : shared);
        }
        if (config.email() != null) {
            channels.add(email(config.email(), config.linkTemplate(), env, directoryMail));
            options.add(
                    config.email().delivery() != null
                            ? options(config.email().delivery(), "notifications.email.delivery")
                            : shared);
        }
        if (channels.size() == 2
                && channels.get(0).name().equals(channels.get(1).name())) {
            throw new MaaConfigurationException("notifications: webhook and email are both named '"
                    + channels.get(0).name() + "'; give them different names");
        }
        if (channels.isEmpty()) {
            LOG.info("No notification channels configured (notifications.webhook, notifications.email);"
                    + " nobody will be told about approval requests");
        }
        List<QueuedNotifier> started = new ArrayList<>();
        for (int i = 0; i < channels.size(); i++) {
            started.add(QueuedNotifier.start(channels.get(i), options.get(i), meters));
        }
        return composite(started);
    }

    private static WebhookChannel webhook(NotificationsConfig.Webhook w, String link, Function<String, String> env) {
        return configure("notifications.webhook", () -> {
            WebhookChannel.Builder b = WebhookChannel.builder();
            if (w.url() == null) {
                throw new IllegalArgumentException("url is required");
            }
            b.url(w.url()).secret(secret(env, w.secretEnv(), "notifications.webhook.secret_env", true));
            if (w.timeout() != null) {
                b.timeout(w.timeout());
            }
            if (w.name() != null) {
                b.name(w.name());
            }
            if (link != null) {
                b.linkTemplate(link);
            }
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
            if (e.timeout() != null) {
                b.timeout(e.timeout());
            }
            if (e.name() != null) {
                b.name(e.name());
            }
            if (link != null) {
                b.linkTemplate(link);
            }
            return b.build();
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

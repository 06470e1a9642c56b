package dev.maa.notify;

import static dev.maa.notify.testing.TestNotifications.submitted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.maa.api.MaaConfigurationException;
import dev.maa.notify.testing.WebhookServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotificationsConfigTest {

    private static final String YAML = """
            server: {port: 8080}
            notifications:
              link_template: https://maa.example.com/requests/{id}
              delivery: {queue_capacity: 50, overflow: reject_new, max_attempts: 7, initial_backoff: 250ms,
                         max_backoff: 2m, drain_timeout: 3s}
              webhook:
                url: https://hooks.example.com/maa
                secret_env: MAA_WEBHOOK_SECRET
                timeout: 5s
              email:
                smtp_host: smtp.example.com
                smtp_port: 587
                from: maa@example.com
                address_template: "{id}@example.com"
                addresses: {alice: alice.smith@example.com}
                starttls: true
                username: maa
                password_env: MAA_SMTP_PASSWORD
                delivery: {max_attempts: 2}
            """;

    private static final Map<String, String> ENV =
            Map.of("MAA_WEBHOOK_SECRET", "s3cr3t-s3cr3t-s3cr3t-s3cr3t", "MAA_SMTP_PASSWORD", "smtp-pass");

    @Test
    void fromYaml_readsTheSnakeCaseSection_withHumanDurations() {
        NotificationsConfig c = NotificationsConfig.fromYaml(YAML, "maa.yaml");

        assertThat(c.linkTemplate()).isEqualTo("https://maa.example.com/requests/{id}");
        assertThat(c.webhook().url()).isEqualTo(URI.create("https://hooks.example.com/maa"));
        assertThat(c.webhook().secretEnv()).isEqualTo("MAA_WEBHOOK_SECRET");
        assertThat(c.webhook().timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.email().smtpPort()).isEqualTo(587);
        assertThat(c.email().starttls()).isTrue();
        assertThat(c.email().addresses()).containsEntry("alice", "alice.smith@example.com");
        DeliveryOptions shared = c.delivery().toOptions();
        assertThat(shared.queueCapacity()).isEqualTo(50);
        assertThat(shared.overflow()).isEqualTo(Overflow.REJECT_NEW);
        assertThat(shared.retry().maxAttempts()).isEqualTo(7);
        assertThat(shared.retry().initialBackoff()).isEqualTo(Duration.ofMillis(250));
        assertThat(shared.retry().maxBackoff()).isEqualTo(Duration.ofMinutes(2));
        assertThat(shared.drainTimeout()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void fromConfig_buildsOneQueuedNotifierPerChannel_withChannelDeliveryOverrides() {
        try (CompositeNotifier n = Notifiers.fromConfig(
                NotificationsConfig.fromYaml(YAML, "maa.yaml"), new SimpleMeterRegistry(), ENV::get)) {
            assertThat(n.notifiers()).hasSize(2).allSatisfy(x -> assertThat(x).isInstanceOf(QueuedNotifier.class));
            QueuedNotifier webhook = (QueuedNotifier) n.notifiers().get(0);
            QueuedNotifier email = (QueuedNotifier) n.notifiers().get(1);
            assertThat(webhook.channelName()).isEqualTo("webhook");
            assertThat(webhook.options().retry().maxAttempts()).isEqualTo(7);
            assertThat(email.channelName()).isEqualTo("email");
            assertThat(email.options().retry().maxAttempts()).isEqualTo(2);
            assertThat(n.toString()).doesNotContain("s3cr3t").doesNotContain("smtp-pass");
        }
    }

    @Test
    void missingSecretVariable_isAConfigurationError_namingIt() {
        NotificationsConfig c = NotificationsConfig.fromYaml(YAML, "maa.yaml");

        assertThatThrownBy(() -> Notifiers.fromConfig(c, new SimpleMeterRegistry(), Map.<String, String>of()::get))
                .isInstanceOf(MaaConfigurationException.class)
                .hasMessageContaining("notifications.webhook.secret_env")
                .hasMessageContaining("MAA_WEBHOOK_SECRET");
    }

    @Test
    void shortSecret_isRefused_withoutEchoingIt() {
        NotificationsConfig c = NotificationsConfig.fromYaml(YAML, "maa.yaml");

        assertThatThrownBy(() -> Notifiers.fromConfig(
                        c,
                        new SimpleMeterRegistry(),
                        Map.of("MAA_WEBHOOK_SECRET", "tiny", "MAA_SMTP_PASSWORD", "x")::get))
                .isInstanceOf(MaaConfigurationException.class)
                .hasMessageContaining("notifications.webhook")
                .hasMessageContaining("16")
                .hasMessageNotContaining("tiny");
    }

    @Test
    void unknownKey_isRefused_withItsPath() {
        assertThatThrownBy(() -> NotificationsConfig.fromYaml("""
                notifications:
                  webhook: {url: https://h.example.com, secret: oops}
                """, "maa.yaml"))
                .isInstanceOf(MaaConfigurationException.class)
                .hasMessageContaining("maa.yaml")
                .hasMessageContaining("secret")
                .hasMessageContaining("notifications.webhook");
    }

    @Test
    void badDurationAndOverflow_areRefused() {
        assertThatThrownBy(() -> NotificationsConfig.fromYaml("notifications: {webhook: {timeout: soon}}", "a.yaml"))
                .isInstanceOf(MaaConfigurationException.class)
                .hasMessageContaining("soon");
        assertThatThrownBy(() -> NotificationsConfig.fromYaml("notifications: {delivery: {overflow: block}}", "a.yaml"))
                .isInstanceOf(MaaConfigurationException.class)
                .hasMessageContaining("block");
    }

    @Test
    void noSection_meansNoChannels() {
        try (CompositeNotifier n = Notifiers.fromConfig(
                NotificationsConfig.fromYaml("server: {}", "a.yaml"),
                new SimpleMeterRegistry(),
                Map.<String, String>of()::get)) {
            assertThat(n.notifiers()).isEmpty();
            n.notify(submitted("req-1"));
        }
    }

    @Test
    void configuredWebhook_delivers() {
        try (WebhookServer server = new WebhookServer();
                CompositeNotifier n = Notifiers.fromConfig(
                        NotificationsConfig.fromYaml(
                                "notifications: {webhook: {url: '" + server.url() + "', secret_env: S}}", "a.yaml"),
                        new SimpleMeterRegistry(),
                        Map.of("S", "0123456789abcdef0123")::get)) {
            n.notify(submitted("req-1"));

            await().until(() -> server.received().size() == 1);
            assertThat(server.received().get(0).header("X-MAA-Signature")).startsWith("sha256=");
        }
    }

    private static final String CHAT = """
            notifications:
              link_template: https://maa.example.com/requests/{id}
              delivery: {max_attempts: 4}
              slack: {bot_token_env: SLACK, channel: C0123456789, api_url: '%s', timeout: 3s}
              teams: {webhook_url: '%s'}
              outbox: {poll_interval: 20ms, lease: 5s}
            """;

    @Test
    void slackTeamsAndTheOutbox_areConfigured_andDeliverFromTheStoresOutbox() {
        try (WebhookServer server = new WebhookServer()) {
            server.answer(r -> "{\"ok\":true,\"channel\":\"C0123456789\",\"ts\":\"1.1\"}");
            NotificationsConfig c =
                    NotificationsConfig.fromYaml(CHAT.formatted(server.apiUrl(), server.url()), "maa.yaml");
            assertThat(c.slack().botTokenEnv()).isEqualTo("SLACK");
            assertThat(c.teams().webhookUrl()).isEqualTo(server.url());
            assertThat(c.outbox().pollInterval()).isEqualTo(Duration.ofMillis(20));
            assertThat(c.outbox().on()).isTrue();
            var store = new dev.maa.core.store.InMemoryRequestStore();
            try (OutboxWiring n = Notifiers.outbox(
                    c, new SimpleMeterRegistry(), Map.of("SLACK", "xoxb-1")::get, id -> java.util.Optional.empty())) {
                assertThat(n.channelNames()).containsExactly("slack", "teams");
                assertThat(n.readsOutbox()).isTrue();
                var r = dev.maa.notify.testing.TestNotifications.request("req-1", dev.maa.api.Status.NEEDS_APPROVAL);
                store.insert(
                        r,
                        new dev.maa.api.AuditEvent(r.createdAt(), r.id(), "alice", "SUBMITTED", ""),
                        java.util.List.of(submitted("req-1")));
                n.start(store, "node-1");
                n.notify(submitted("req-1"));

                await().until(() -> store.pending() == 0);
            }
            assertThat(server.received())
                    .extracting(WebhookServer.Received::path)
                    .containsExactlyInAnyOrder("/api/chat.postMessage", "/hook/T000/secret-path");
        }
    }

    private static final String TEAMS_BOT = """
            notifications:
              link_template: https://maa.example.com/requests/{id}
              teams:
                bot:
                  app_id: 00000000-0000-0000-0000-000000000001
                  app_secret_env: TEAMS_BOT_SECRET
                  service_url: '%steams/'
                  conversation_id: '19:abc@thread.tacv2'
                  token_url: '%stoken'
              outbox: {poll_interval: 20ms, lease: 5s}
            """;

    @Test
    void teamsBot_isConfigured_withItsSecretFromTheEnvironment_andRecordsItsCardInTheStore() {
        try (WebhookServer server = new WebhookServer()) {
            server.answer(r -> r.path().endsWith("/token")
                    ? "{\"expires_in\":3600,\"access_token\":\"t\"}"
                    : "{\"id\":\"act-1\"}");
            NotificationsConfig c =
                    NotificationsConfig.fromYaml(TEAMS_BOT.formatted(server.botUrl(), server.botUrl()), "maa.yaml");
            assertThatThrownBy(() ->
                            Notifiers.outbox(c, null, Map.<String, String>of()::get, id -> java.util.Optional.empty()))
                    .isInstanceOf(MaaConfigurationException.class)
                    .hasMessageContaining("notifications.teams.bot.app_secret_env");
            var store = new dev.maa.core.store.InMemoryRequestStore();
            try (OutboxWiring n = Notifiers.outbox(
                    c,
                    new SimpleMeterRegistry(),
                    Map.of("TEAMS_BOT_SECRET", "s3cret")::get,
                    id -> java.util.Optional.empty())) {
                var r = dev.maa.notify.testing.TestNotifications.request("req-2", dev.maa.api.Status.NEEDS_APPROVAL);
                store.insert(
                        r,
                        new dev.maa.api.AuditEvent(r.createdAt(), r.id(), "alice", "SUBMITTED", ""),
                        java.util.List.of(submitted("req-2")));
                n.start(store, "node-1");
                await().until(() -> store.pending() == 0);
            }
            assertThat(server.received())
                    .extracting(WebhookServer.Received::path)
                    .containsExactly("/bot/token", "/bot/teams/v3/conversations/19%3Aabc%40thread.tacv2/activities");
            assertThat(store.find("req-2", "teams"))
                    .isNotNull()
                    .extracting(p -> p.messageId())
                    .isEqualTo("act-1");
        }
    }

    @Test
    void chatWithoutALinkTemplate_orAChannelsOwnDeliveryWithTheOutbox_isRefusedWithWhatToDo() {
        assertThatThrownBy(() -> Notifiers.outbox(
                        NotificationsConfig.fromYaml(
                                "notifications: {teams: {webhook_url: 'https://t.example/x'}}", "a.yaml"),
                        null,
                        Map.<String, String>of()::get,
                        id -> java.util.Optional.empty()))
                .isInstanceOf(MaaConfigurationException.class)
                .hasMessageContaining("notifications.teams")
                .hasMessageContaining("link_template is required");
        assertThatThrownBy(() -> Notifiers.outbox(
                        NotificationsConfig.fromYaml(
                                "notifications: {webhook: {url: 'https://h.example/x', secret_env: S,"
                                        + " delivery: {max_attempts: 2}}}",
                                "a.yaml"),
                        null,
                        Map.of("S", "0123456789abcdef0123")::get,
                        id -> java.util.Optional.empty()))
                .isInstanceOf(MaaConfigurationException.class)
                .hasMessageContaining("notifications.webhook.delivery")
                .hasMessageContaining("outbox.enabled: false");
        assertThatThrownBy(() -> NotificationsConfig.fromYaml("notifications: {slack: {token: x}}", "a.yaml"))
                .hasMessageContaining("notifications.slack.token: unknown key")
                .hasMessageContaining("bot_token_env");
    }

    @Test
    void anOutboxWithoutChannels_writesNothing() {
        try (OutboxWiring n = Notifiers.outbox(
                NotificationsConfig.none(), null, Map.<String, String>of()::get, id -> java.util.Optional.empty())) {
            assertThat(n.readsOutbox()).isFalse();
            n.start(new dev.maa.core.store.InMemoryRequestStore(), "node-1");
        }
    }
}

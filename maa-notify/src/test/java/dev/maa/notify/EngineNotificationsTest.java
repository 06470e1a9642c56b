package dev.maa.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.maa.api.Action;
import dev.maa.api.ApprovalRequiredException;
import dev.maa.api.Factor;
import dev.maa.api.Maa;
import dev.maa.api.Principal;
import dev.maa.api.Protected;
import dev.maa.api.ResourceType;
import dev.maa.api.Status;
import dev.maa.core.MaaEngine;
import dev.maa.core.directory.StaticDirectory;
import dev.maa.core.policy.RuleBasedPolicyEngine;
import dev.maa.notify.testing.WebhookServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A real engine wired to the notifiers from configuration: who hears what, end to end. */
class EngineNotificationsTest {

    /** A protected host service. */
    public interface AppAdmin {
        @Protected(resource = ResourceType.APP, action = Action.DELETE)
        void deleteApp(String appId);
    }

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", "smtp"));

    private static final Principal ALICE = Principal.of("alice", "Developers");
    private static final Principal BOB = Principal.of("bob", "App-Approvers");

    private final WebhookServer webhook = new WebhookServer();
    private final List<String> deleted = new CopyOnWriteArrayList<>();
    private CompositeNotifier notifier;
    private MaaEngine engine;
    private AppAdmin apps;

    @BeforeEach
    void setUp() {
        String yaml = """
                notifications:
                  link_template: https://maa.example.com/requests/{id}
                  delivery: {max_attempts: 3, initial_backoff: 10ms, max_backoff: 50ms, drain_timeout: 2s}
                  webhook: {url: '%s', secret_env: HOOK_SECRET}
                  email:
                    smtp_host: 127.0.0.1
                    smtp_port: %d
                    from: maa@example.com
                    address_template: "{id}@example.com"
                """.formatted(webhook.url(), MAIL.getSmtp().getPort());
        notifier = Notifiers.fromConfig(
                NotificationsConfig.fromYaml(yaml, "test.yaml"),
                new SimpleMeterRegistry(),
                Map.of("HOOK_SECRET", "0123456789abcdef0123456789abcdef")::get);
        engine = MaaEngine.builder()
                .policyEngine(RuleBasedPolicyEngine.builder()
                        .requireApproval(
                                ResourceType.APP, Set.of(Action.DELETE), Factor.of("app-deletion", 1, "App-Approvers"))
                        .build())
                .directory(StaticDirectory.builder()
                        .user("alice", "Developers")
                        .user("bob", "App-Approvers")
                        .user("carol", "App-Approvers")
                        .user("mallory", "Helpdesk")
                        .build())
                .notifier(notifier)
                .build();
        apps = engine.protect(AppAdmin.class, deleted::add);
    }

    @AfterEach
    void tearDown() {
        webhook.close();
        notifier.close();
    }

    private String park() {
        try (var who = Maa.actingAs(ALICE);
                var why = Maa.justify("CHG-1234 remove retired app")) {
            apps.deleteApp("app-42");
        } catch (ApprovalRequiredException e) {
            return e.requestId();
        }
        return fail("deleteApp ran without approval");
    }

    private static List<String> to(MimeMessage m) {
        try {
            return Arrays.stream(m.getRecipients(Message.RecipientType.TO))
                    .map(Object::toString)
                    .sorted()
                    .toList();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void submit_mailsTheApproverGroup_approve_mailsTheRequester() {
        String id = park();

        await().until(() -> MAIL.getReceivedMessages().length == 2);
        MimeMessage submitted = MAIL.getReceivedMessages()[0];
        assertThat(to(submitted)).containsExactly("bob@example.com", "carol@example.com");
        assertThat(subject(submitted))
                .startsWith("[MAA] Approval needed: DELETE APP/app-42")
                .contains(id);

        engine.approvals().approve(id, BOB, "checked with the app owner");

        await().until(() -> MAIL.getReceivedMessages().length == 3);
        MimeMessage approved = MAIL.getReceivedMessages()[2];
        assertThat(to(approved)).containsExactly("alice@example.com");
        assertThat(subject(approved)).startsWith("[MAA] Approved:");
        assertThat(engine.approvals().get(id).status()).isEqualTo(Status.APPROVED);
        assertThat(deleted).isEmpty();
    }

    @Test
    void theWebhookHearsEveryTransition_inOrder() {
        String id = park();
        engine.approvals().approve(id, BOB, "ok");
        engine.approvals().complete(id, ALICE);

        await().until(() -> webhook.received().size() == 3);
        assertThat(webhook.received())
                .extracting(r -> r.header("X-MAA-Event"))
                .containsExactly("SUBMITTED", "APPROVED", "COMPLETED");
        assertThat(deleted).containsExactly("app-42");
        await().until(() -> MAIL.getReceivedMessages().length == 4);
        assertThat(subject(MAIL.getReceivedMessages()[3])).startsWith("[MAA] Completed:");
    }

    @Test
    void aDeadEndpoint_neverFailsTheApprovalFlow() {
        webhook.otherwise(500);
        webhook.hang();

        String id = park();
        engine.approvals().approve(id, BOB, "ok");

        assertThat(engine.approvals().get(id).status()).isEqualTo(Status.APPROVED);
        await().until(() -> MAIL.getReceivedMessages().length == 3);
    }
}

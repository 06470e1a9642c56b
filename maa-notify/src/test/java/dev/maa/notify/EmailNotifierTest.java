package dev.maa.notify;

import static dev.maa.notify.testing.TestNotifications.approved;
import static dev.maa.notify.testing.TestNotifications.submitted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.maa.api.Notification;
import dev.maa.api.Status;
import dev.maa.notify.testing.TestNotifications;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EmailNotifierTest {

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", "smtp"));

    private static final DeliveryOptions FAST = DeliveryOptions.defaults()
            .withRetry(
                    RetryPolicy.defaults().withMaxAttempts(3).withBackoff(Duration.ofMillis(5), Duration.ofMillis(20)));

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private QueuedNotifier notifier;

    @AfterEach
    void tearDown() {
        if (notifier != null) {
            notifier.close();
        }
    }

    private QueuedNotifier start(int port, AddressResolver addresses) {
        EmailChannel channel = EmailChannel.builder()
                .host("127.0.0.1")
                .port(port)
                .from("maa@example.com")
                .addresses(addresses)
                .linkTemplate("https://maa.example.com/requests/{id}")
                .timeout(Duration.ofSeconds(10))
                .build();
        notifier = Notifiers.queued(channel, FAST, registry);
        return notifier;
    }

    private QueuedNotifier start() {
        return start(
                MAIL.getSmtp().getPort(),
                AddressResolver.standard(Map.of("carol", "carol.c@corp.example"), "{id}@example.com"));
    }

    private double count(String name) {
        return registry.get(name).tag("channel", "email").counter().count();
    }

    private static Set<String> to(MimeMessage m) throws Exception {
        return Set.copyOf(Arrays.stream(m.getRecipients(Message.RecipientType.TO))
                .map(Object::toString)
                .toList());
    }

    @Test
    void submitted_reachesTheApprovers_withSubjectBodyAndLink() throws Exception {
        start().notify(submitted("req-1"));

        await().until(() -> MAIL.getReceivedMessages().length == 2);
        MimeMessage m = MAIL.getReceivedMessages()[0];
        assertThat(to(m)).containsExactlyInAnyOrder("bob@example.com", "carol.c@corp.example");
        assertThat(m.getFrom()[0].toString()).isEqualTo("maa@example.com");
        assertThat(m.getSubject()).isEqualTo("[MAA] Approval needed: DELETE APP/app-42 (request req-1)");
        String body = ((String) m.getContent()).replace("\r\n", "\n");
        assertThat(body)
                .contains("alice asks to DELETE APP/app-42")
                .contains("Requested by: alice")
                .contains("Justification: CHG-1234 remove retired app")
                .contains("Approver groups: App-Approvers")
                .contains("Review it: https://maa.example.com/requests/req-1")
                .contains("member of an approver group");
        assertThat(m.getHeader("X-MAA-Request-Id")).containsExactly("req-1");
        assertThat(m.getHeader("Auto-Submitted")).containsExactly("auto-generated");
        assertThat(Arrays.stream(MAIL.getReceivedMessages())
                        .map(x -> {
                            try {
                                return x.getMessageID();
                            } catch (jakarta.mail.MessagingException e) {
                                throw new IllegalStateException(e);
                            }
                        })
                        .distinct())
                .hasSize(1);
        assertThat(count("maa.notify.sent")).isEqualTo(1.0);
    }

    @Test
    void approved_reachesTheRequester() throws Exception {
        start().notify(approved("req-1"));

        await().until(() -> MAIL.getReceivedMessages().length == 1);
        MimeMessage m = MAIL.getReceivedMessages()[0];
        assertThat(to(m)).containsExactly("alice@example.com");
        assertThat(m.getSubject()).isEqualTo("[MAA] Approved: DELETE APP/app-42 (request req-1)");
        assertThat((String) m.getContent()).contains("was approved").contains("you made this request");
    }

    @Test
    void recipientsWithoutAddress_areSkipped_andNoneAtAll_failsWithoutRetry() throws Exception {
        QueuedNotifier n =
                start(MAIL.getSmtp().getPort(), AddressResolver.standard(Map.of("bob", "bob@example.com"), null));
        n.notify(submitted("req-1"));
        n.notify(approved("req-1"));

        await().until(() -> count("maa.notify.failed") == 1.0 && count("maa.notify.sent") == 1.0);
        assertThat(MAIL.getReceivedMessages()).hasSize(1);
        assertThat(MAIL.getReceivedMessagesForDomain("example.com")[0].getAllRecipients())
                .hasSize(1);
        assertThat(count("maa.notify.retried")).isZero();
    }

    @Test
    void unreachableSmtpServer_isRetried_thenCountedAsFailed() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        start(closedPort, AddressResolver.standard(Map.of(), "{id}@example.com"))
                .notify(approved("req-1"));

        await().until(() -> count("maa.notify.failed") == 1.0);
        assertThat(count("maa.notify.retried")).isEqualTo(2.0);
        assertThat(count("maa.notify.sent")).isZero();
    }

    @Test
    void failedRequest_mailCarriesTheOutcome() throws Exception {
        Notification failed = new Notification(
                Notification.Kind.FAILED,
                TestNotifications.request("req-9", Status.FAILED).toBuilder()
                        .outcome("outcome unknown: executor crashed")
                        .build(),
                Set.of("alice"),
                "Request req-9 FAILED");
        start().notify(failed);

        await().until(() -> MAIL.getReceivedMessages().length == 1);
        MimeMessage m = MAIL.getReceivedMessages()[0];
        assertThat(m.getSubject()).startsWith("[MAA] Failed:");
        assertThat((String) m.getContent()).contains("Outcome: outcome unknown: executor crashed");
    }
}

package dev.maa.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.maa.api.Action;
import dev.maa.api.ApprovalRequiredException;
import dev.maa.api.Factor;
import dev.maa.api.Maa;
import dev.maa.api.Principal;
import dev.maa.api.Protected;
import dev.maa.api.ResourceType;
import dev.maa.core.MaaEngine;
import dev.maa.core.directory.StaticDirectory;
import dev.maa.core.policy.RuleBasedPolicyEngine;
import dev.maa.core.store.InMemoryRequestStore;
import dev.maa.notify.testing.WebhookServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The transactional outbox on the in-memory store: notifications leave it only when delivered or given up. */
class OutboxNotifierTest {

    /** A protected host service. */
    public interface AppAdmin {
        @Protected(resource = ResourceType.APP, action = Action.DELETE)
        void deleteApp(String appId);
    }

    private static final Principal ALICE = Principal.of("alice", "Developers");
    private static final Principal BOB = Principal.of("bob", "App-Approvers");
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes();
    private static final RetryPolicy FAST =
            RetryPolicy.defaults().withBackoff(Duration.ofMillis(10), Duration.ofMillis(50));

    private final WebhookServer webhook = new WebhookServer();
    private final InMemoryRequestStore store = new InMemoryRequestStore();
    private OutboxNotifier notifier;
    private OutboxNotifier second;
    private MaaEngine engine;

    @AfterEach
    void tearDown() {
        webhook.close();
        if (notifier != null) {
            notifier.close();
        }
        if (second != null) {
            second.close();
        }
    }

    private OutboxNotifier start(RetryPolicy retry) {
        return OutboxNotifier.builder(store)
                .channel(WebhookChannel.builder()
                        .url(webhook.url())
                        .secret(SECRET)
                        .build())
                .retry(retry)
                .pollInterval(Duration.ofMillis(20))
                .registry(new SimpleMeterRegistry())
                .start();
    }

    private AppAdmin engineWith(OutboxNotifier n) {
        engine = MaaEngine.builder()
                .store(store)
                .policyEngine(RuleBasedPolicyEngine.builder()
                        .requireApproval(
                                ResourceType.APP, Set.of(Action.DELETE), Factor.of("app-deletion", 1, "App-Approvers"))
                        .build())
                .directory(StaticDirectory.builder()
                        .user("alice", "Developers")
                        .user("bob", "App-Approvers")
                        .build())
                .notifier(n)
                .build();
        return engine.protect(AppAdmin.class, id -> {});
    }

    private static String park(AppAdmin apps) {
        try (var who = Maa.actingAs(ALICE);
                var why = Maa.justify("CHG-1234 remove retired app")) {
            apps.deleteApp("app-42");
        } catch (ApprovalRequiredException e) {
            return e.requestId();
        }
        return fail("deleteApp ran without approval");
    }

    private static String eventIdInBody(WebhookServer.Received r) throws IOException {
        return new ObjectMapper().readTree(r.body()).get("event_id").asText();
    }

    @Test
    void aTransition_writesItsNotificationToTheOutbox_andTheWorkerDeliversIt_withItsEventId() throws IOException {
        notifier = start(FAST);
        String id = park(engineWith(notifier));
        engine.approvals().approve(id, BOB, "ok");

        await().until(() -> webhook.received().size() == 2);
        await().until(() -> store.pending() == 0);
        WebhookServer.Received submitted = webhook.received().get(0);
        assertThat(submitted.header("X-MAA-Event")).isEqualTo("SUBMITTED");
        assertThat(submitted.header("X-MAA-Event-Id"))
                .isNotBlank()
                .isEqualTo(submitted.header("X-MAA-Delivery"))
                .isEqualTo(eventIdInBody(submitted))
                .isNotEqualTo(webhook.received().get(1).header("X-MAA-Event-Id"));
    }

    @Test
    void aFailingEndpoint_isRetriedFromTheOutbox_withTheSameEventId() {
        webhook.respond(503, 503);
        notifier = start(FAST);
        park(engineWith(notifier));

        await().until(() -> webhook.received().size() == 3);
        await().until(() -> store.pending() == 0);
        assertThat(webhook.received())
                .extracting(r -> r.header("X-MAA-Event-Id"))
                .containsOnly(webhook.received().get(0).header("X-MAA-Event-Id"));
    }

    @Test
    void aStoppedWorker_leavesItsEntriesInTheOutbox_forTheNextOne() {
        webhook.otherwise(503);
        notifier = start(FAST.withBackoff(Duration.ofHours(1), Duration.ofHours(1)));
        park(engineWith(notifier));
        await().until(() -> webhook.received().size() == 1);
        notifier.close();
        assertThat(store.pending()).isEqualTo(1);

        webhook.otherwise(200);
        store.due(java.time.Instant.MAX, 10)
                .forEach(e -> store.retryLater(
                        e.notification().eventId(), e.attempts(), java.time.Instant.EPOCH, e.deliveredChannels()));
        second = start(FAST);

        await().until(() -> store.pending() == 0);
        assertThat(webhook.received()).hasSize(2);
        assertThat(webhook.received().get(1).header("X-MAA-Event-Id"))
                .isEqualTo(webhook.received().get(0).header("X-MAA-Event-Id"));
    }

    @Test
    void aPermanentFailure_isGivenUp_andNeverReturned() {
        webhook.otherwise(404);
        notifier = start(FAST);
        park(engineWith(notifier));

        await().until(() -> store.pending() == 0);
        assertThat(webhook.received()).hasSize(1);
        assertThat(store.due(java.time.Instant.MAX, 10)).isEmpty();
    }

    @Test
    void aNotifierThatDoesNotReadTheOutbox_leavesItEmpty() {
        var got = new java.util.concurrent.CopyOnWriteArrayList<dev.maa.api.Notification>();
        engine = MaaEngine.builder()
                .store(store)
                .policyEngine(RuleBasedPolicyEngine.builder()
                        .requireApproval(ResourceType.APP, Set.of(Action.DELETE), Factor.of("f", 1, "App-Approvers"))
                        .build())
                .directory(
                        StaticDirectory.builder().user("bob", "App-Approvers").build())
                .notifier(got::add)
                .build();
        park(engine.protect(AppAdmin.class, id -> {}));

        assertThat(got).hasSize(1);
        assertThat(store.pending()).isZero();
    }

    @Test
    void aStoreWithoutAnOutbox_isRefusedWithTheAlternative() {
        assertThatThrownBy(() -> OutboxNotifier.builder(new Object()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("keeps no notification outbox")
                .hasMessageContaining("QueuedNotifier");
    }
}

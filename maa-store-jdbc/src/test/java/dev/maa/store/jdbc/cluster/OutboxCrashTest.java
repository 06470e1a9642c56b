package dev.maa.store.jdbc.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.maa.api.CompletionMode;
import dev.maa.core.MaaEngine;
import dev.maa.notify.OutboxNotifier;
import dev.maa.notify.RetryPolicy;
import dev.maa.notify.WebhookChannel;
import dev.maa.store.jdbc.EmbeddedPostgresSupport;
import dev.maa.store.jdbc.JdbcRequestStore;
import dev.maa.store.jdbc.JdbcStores;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The transactional outbox across {@code kill -9} and across nodes (issue 21): a notification committed with its
 * transition is delivered after a restart, a receiver that de-duplicates on {@code X-MAA-Event-Id} processes it
 * exactly once, and two nodes never both deliver.
 */
class OutboxCrashTest {

    private static final int KILLED = 137;
    /**
     * Long enough that a stall of this loaded machine does not end a live node's lease: a node that stalls longer
     * than its lease mid-delivery can deliver an entry the next holder delivers too (at least once, same event id).
     */
    private static final Duration TWO_NODE_LEASE = Duration.ofSeconds(8);

    private static final Pattern PARKED = Pattern.compile("^PARKED (\\S+)$", Pattern.MULTILINE);

    @TempDir
    Path dir;

    /**
     * {@code self}: the node dies right after the park returned, before or while it delivers; {@code killed}: it dies
     * after the receiver has processed the delivery but before the node learns so (the receiver holds the answer),
     * so the restarted node delivers it again, with the same event id.
     */
    @ParameterizedTest(name = "{0}, {1}")
    @CsvSource({"h2, self", "h2, killed", "postgres, self", "postgres, killed"})
    @Timeout(180)
    void nodeKilledBetweenCommitAndDelivery_deliversAfterRestart_oncePerEventId(String kind, String when)
            throws Exception {
        String store = kind.equals("h2") ? "h2:" + dir.resolve("maa") : EmbeddedPostgresSupport.newDatabase("outbox");
        try (DedupingReceiver receiver = new DedupingReceiver()) {
            receiver.hold();
            String id;
            try (ChildJvm child = ChildJvm.start(
                    OutboxHostProcess.class,
                    dir.resolve("child.log"),
                    store,
                    receiver.url().toString(),
                    "app-1",
                    when)) {
                child.awaitLine("PARKED ", Duration.ofSeconds(90));
                id = ids(child.output()).get(0);
                if (when.equals("killed")) {
                    await().atMost(Duration.ofSeconds(60))
                            .until(() -> !receiver.eventsOf(id, "SUBMITTED").isEmpty());
                    child.kill();
                } else {
                    assertThat(child.waitFor(Duration.ofSeconds(60)))
                            .as(child.output())
                            .isEqualTo(KILLED);
                }
            }
            receiver.release();

            try (JdbcRequestStore restarted = open(store);
                    OutboxNotifier node = worker(restarted, receiver.url(), "restarted", OutboxHostProcess.LEASE)) {
                await().atMost(Duration.ofSeconds(60)).until(() -> restarted.pending() == 0);
            }
            Set<String> events = receiver.eventsOf(id, "SUBMITTED");
            assertThat(events)
                    .as("one event id for the request's one notification")
                    .hasSize(1);
            String event = events.iterator().next();
            assertThat(receiver.arrivals(event))
                    .as("arrivals of %s", event)
                    .isGreaterThanOrEqualTo(when.equals("killed") ? 2 : 1);
            assertThat(receiver.processed()).containsExactly(event);
            assertThat(receiver.refused()).isEmpty();
        }
    }

    /**
     * Two nodes over one PostgreSQL database, each with an outbox worker: only the holder of the job lease delivers,
     * so every event arrives from one node only; when that node stops, the other takes over after the lease.
     */
    @Test
    @Timeout(180)
    void twoNodes_neverBothDeliver_andTheSecondTakesOverWhenTheFirstStops() throws Exception {
        String url = EmbeddedPostgresSupport.newDatabase("outboxtwo");
        try (DedupingReceiver receiver = new DedupingReceiver();
                JdbcRequestStore storeA = JdbcStores.fromUrl(url);
                JdbcRequestStore storeB = JdbcStores.fromUrl(url)) {
            OutboxNotifier a = worker(storeA, receiver.url("a"), "a", TWO_NODE_LEASE);
            OutboxNotifier b = worker(storeB, receiver.url("b"), "b", TWO_NODE_LEASE);
            MaaEngine engineA = ClusterNodes.engine(storeA, "a", CompletionMode.MANUAL)
                    .notifier(a)
                    .build();
            MaaEngine engineB = ClusterNodes.engine(storeB, "b", CompletionMode.MANUAL)
                    .notifier(b)
                    .build();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                ids.add(ClusterNodes.park(i % 2 == 0 ? engineA : engineB, "app-" + i));
            }
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> receiver.processed().size() == 10);
            await().atMost(Duration.ofSeconds(10)).until(() -> storeA.pending() == 0);
            Set<String> senders = receiver.senders().values().stream()
                    .flatMap(List::stream)
                    .collect(java.util.stream.Collectors.toSet());
            assertThat(senders).as("one node delivered").hasSize(1);
            String first = senders.iterator().next();

            (first.equals("a") ? a : b).close();
            for (int i = 10; i < 14; i++) {
                ids.add(ClusterNodes.park(i % 2 == 0 ? engineA : engineB, "app-" + i));
            }
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> receiver.processed().size() == 14);
            await().atMost(Duration.ofSeconds(10)).until(() -> storeA.pending() == 0);
            receiver.senders()
                    .forEach((event, nodes) -> assertThat(Set.copyOf(nodes))
                            .as("the nodes that delivered %s", event)
                            .hasSize(1));
            for (String id : ids.subList(10, 14)) {
                String event = receiver.eventsOf(id, "SUBMITTED").iterator().next();
                assertThat(receiver.senders().get(event)).as(id).doesNotContain(first);
            }
            a.close();
            b.close();
            assertThat(receiver.refused()).isEmpty();
        }
    }

    private static OutboxNotifier worker(JdbcRequestStore store, URI url, String owner, Duration lease) {
        return OutboxNotifier.builder(store)
                .channel(WebhookChannel.builder()
                        .url(url)
                        .secret(DedupingReceiver.SECRET)
                        .timeout(lease.dividedBy(2))
                        .build())
                .retry(RetryPolicy.defaults().withBackoff(Duration.ofMillis(50), Duration.ofMillis(200)))
                .pollInterval(Duration.ofMillis(50))
                .lease(lease)
                .owner(owner)
                .start();
    }

    private static JdbcRequestStore open(String store) {
        return store.startsWith("h2:") ? JdbcStores.h2File(Path.of(store.substring(3))) : JdbcStores.fromUrl(store);
    }

    private static List<String> ids(String output) {
        Matcher m = PARKED.matcher(output);
        return m.results().map(r -> r.group(1)).toList();
    }
}

package dev.maa.store.jdbc.cluster;

import dev.maa.api.CompletionMode;
import dev.maa.core.MaaEngine;
import dev.maa.notify.OutboxNotifier;
import dev.maa.notify.RetryPolicy;
import dev.maa.notify.WebhookChannel;
import dev.maa.store.jdbc.JdbcRequestStore;
import dev.maa.store.jdbc.JdbcStores;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A host JVM that parks a request, whose notification goes through the transactional outbox to a webhook, and is
 * then {@code kill -9}ed, for {@link OutboxCrashTest}; started with {@code java -cp <test class path>}.
 *
 * <p>{@code <store> <webhook-url> <app> self|killed}: the store is {@code h2:<path>} (this process owns the file) or
 * a PostgreSQL URL. Prints {@code PARKED id} once the park returned (the notification is committed with it). {@code
 * self}: kills itself right then, before or while its outbox worker delivers; {@code killed}: waits to be killed by
 * the test (which does so once the receiver has the delivery, before this process learns that it arrived).
 */
public final class OutboxHostProcess {

    /** The outbox lease of the killed node: the restarted one waits this long at most before it takes over. */
    static final Duration LEASE = Duration.ofSeconds(2);

    private OutboxHostProcess() {}

    public static void main(String[] args) throws Exception {
        JdbcRequestStore store = args[0].startsWith("h2:")
                ? JdbcStores.h2File(Path.of(args[0].substring(3)))
                : JdbcStores.fromUrl(args[0]);
        OutboxNotifier outbox = OutboxNotifier.builder(store)
                .channel(WebhookChannel.builder()
                        .url(args[1])
                        .secret(DedupingReceiver.SECRET)
                        .timeout(Duration.ofSeconds(10)) // "killed": held by the receiver until the kill
                        .build())
                .retry(RetryPolicy.defaults().withBackoff(Duration.ofMillis(50), Duration.ofMillis(200)))
                .pollInterval(Duration.ofMillis(50))
                .lease(LEASE)
                .owner("crashing")
                .start();
        MaaEngine engine = ClusterNodes.engine(store, "crashing", CompletionMode.MANUAL)
                .notifier(outbox)
                .build();
        String id = ClusterNodes.park(engine, args[2]);
        System.out.println("PARKED " + id);
        System.out.flush();
        if (args[3].equals("self")) {
            CrashingHostProcess.killMyself();
        }
        Thread.sleep(Long.MAX_VALUE);
    }
}

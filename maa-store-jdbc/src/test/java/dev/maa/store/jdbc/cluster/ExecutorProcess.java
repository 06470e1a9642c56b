package dev.maa.store.jdbc.cluster;

import dev.maa.api.CompletionMode;
import dev.maa.api.IllegalRequestStateException;
import dev.maa.api.RequestQuery;
import dev.maa.api.Status;
import dev.maa.core.MaaEngine;
import dev.maa.store.jdbc.JdbcRequestStore;
import dev.maa.store.jdbc.JdbcStoreSettings;
import dev.maa.store.jdbc.JdbcStores;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A host JVM for the cluster tests, started by them with {@code java -cp <test class path>}:
 * {@code race <url> <node> <threads> <leaseMs> <manual-ids-file>} or {@code hang <url> <node> <threads> <leaseMs>}.
 * Prints {@code READY} and waits for a line on stdin, so that the test can start several JVMs at once.
 *
 * <p>race: half the threads call {@code complete} on every manually completed request (shuffled), the other half
 * run {@code runPending} until no request is APPROVED or COMPLETING; exit 0, or 4 after 100 s.
 * hang: every thread runs {@code runPending} once, on a target that hangs after recording that it started.
 */
public final class ExecutorProcess {

    private ExecutorProcess() {}

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String url = args[1];
        String node = args[2];
        int threads = Integer.parseInt(args[3]);
        Duration lease = Duration.ofMillis(Long.parseLong(args[4]));
        SideEffectTable table = new SideEffectTable(url);
        // a generous connection timeout: on a loaded 2-core machine, opening 34 PostgreSQL connections at once can
        // take longer than the 5 s default, which would fail calls closed and the race test with them
        JdbcRequestStore jdbc = JdbcStores.open(JdbcStoreSettings.builder(url)
                .migrate(false)
                .poolSize(threads + 2)
                .connectionTimeout(Duration.ofSeconds(30))
                .build());
        MaaEngine engine = ClusterNodes.engine(jdbc, node, CompletionMode.MANUAL)
                .claimLease(lease)
                .build();
        engine.registerTarget(
                mode.equals("hang")
                        ? SideEffectTargets.hanging(table, node)
                        : SideEffectTargets.recording(table, node));
        List<String> manual = args.length > 5 ? Files.readAllLines(Path.of(args[5])) : List.of();

        System.out.println("READY");
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();

        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            boolean completer = t % 2 == 1;
            work.add(pool.submit(() -> {
                if (mode.equals("hang")) {
                    engine.executor().runPending();
                    return null;
                }
                if (completer) {
                    completeAll(engine, manual);
                }
                while (open(engine)) {
                    if (engine.executor().runPending() == 0) {
                        LockSupport.parkNanos(2_000_000); // the rest is running elsewhere; don't hammer the database
                    }
                }
                return null;
            }));
        }
        System.out.println("RUNNING");
        System.out.flush();
        for (Future<?> f : work) {
            f.get(100, TimeUnit.SECONDS); // hang mode never gets past this: the test kills the JVM
        }
        System.out.println("DONE");
        System.out.flush();
        pool.shutdownNow();
        jdbc.close();
        System.exit(0);
    }

    private static void completeAll(MaaEngine engine, List<String> ids) {
        List<String> shuffled = new ArrayList<>(ids);
        Collections.shuffle(shuffled);
        for (String id : shuffled) {
            try {
                engine.approvals().complete(id, ClusterNodes.ALICE);
            } catch (IllegalRequestStateException e) {
                // the other JVM (or another thread) completed it first
            }
        }
    }

    private static boolean open(MaaEngine engine) {
        return !engine.store()
                .list(RequestQuery.all()
                        .withStatuses(Set.of(Status.APPROVED, Status.COMPLETING))
                        .page(0, 1))
                .isEmpty();
    }
}

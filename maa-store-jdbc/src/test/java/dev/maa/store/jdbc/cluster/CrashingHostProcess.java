package dev.maa.store.jdbc.cluster;

import dev.maa.api.CompletionMode;
import dev.maa.core.MaaEngine;
import dev.maa.store.jdbc.JdbcRequestStore;
import dev.maa.store.jdbc.JdbcStoreSettings;
import dev.maa.store.jdbc.JdbcStores;
import dev.maa.store.jdbc.internal.H2Files;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A host JVM that {@code kill -9}s itself, for {@link StoreCrashTest}; started with {@code java -cp <test class
 * path>}. The store is {@code h2:<path>} (this process owns the file) or a PostgreSQL URL.
 *
 * <p>{@code complete <store> <app> <side-effect-file> after|during}: parks {@code deleteApp(app)} as alice, bob
 * approves, alice completes it in this JVM; the call appends the app to the side-effect file and forces it to the
 * disk (a durable side effect). {@code after}: killed as soon as {@code complete} returned; {@code during}: killed
 * inside the call, right after its side effect.
 *
 * <p>{@code burst <store> <threads>}: every thread parks and approves requests as fast as it can, printing
 * {@code PARKED id} once a park returned and {@code APPROVED id} once an approval returned, until killed; on an H2
 * file, an optional {@code <millis>} seals the audit log that often and checkpoints the transition log every 100 ms
 * (the shortest allowed), so that stores of the file run while transactions commit.
 * {@code lazy h2:<path> <side-effect-file> <n>}: an H2 file that does not write its own file for an hour
 * ({@code WRITE_DELAY}) and whose transition log is never checkpointed: completes {@code n} calls ({@code COMPLETED
 * id}), parks and approves {@code n} more ({@code APPROVED id}), then kills itself, so that only the log has them.
 * {@code stopped h2:<path> <threads>}: the same burst in a process that closes its store in a shutdown hook, as
 * {@code maa serve} does, with its audit sealer and retention purge running often; stopped with SIGTERM.
 */
public final class CrashingHostProcess {

    private CrashingHostProcess() {}

    public static void main(String[] args) throws Exception {
        boolean stopped = args[0].equals("stopped");
        if (args[0].equals("lazy")) {
            lazy(Path.of(args[1].substring(3)), Path.of(args[2]), Integer.parseInt(args[3]));
        }
        JdbcRequestStore store = stopped
                // what maa serve does: its store closes in a shutdown hook, while its jobs run often
                ? JdbcStores.open(JdbcStores.h2FileSettings(Path.of(args[1].substring(3)))
                        .auditSealInterval(Duration.ofMillis(10))
                        .purgeInterval(Duration.ofSeconds(1))
                        .build())
                : args[0].equals("burst") && args[1].startsWith("h2:") && args.length > 3
                        // stores of the file all the time, while the burst's transactions commit
                        ? JdbcStores.open(JdbcStores.h2FileSettings(Path.of(args[1].substring(3)))
                                .logCheckpointInterval(Duration.ofMillis(100))
                                .auditSealInterval(Duration.ofMillis(Long.parseLong(args[3])))
                                .build())
                        : args[1].startsWith("h2:")
                                ? JdbcStores.h2File(Path.of(args[1].substring(3)))
                                : JdbcStores.fromUrl(args[1]);
        AtomicBoolean stopping = new AtomicBoolean();
        if (stopped) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stopping.set(true);
                store.close();
                say("CLOSED");
            }));
        }
        MaaEngine engine = ClusterNodes.engine(store, "crashing", CompletionMode.MANUAL)
                .claimLease(Duration.ofMillis(1500))
                .build();
        if (args[0].equals("complete")) {
            boolean during = args[4].equals("during");
            Path sideEffects = Path.of(args[3]);
            engine.registerTarget(new SideEffects() {
                @Override
                public void deleteApp(String appId) {
                    SideEffectTargets.appendDurably(sideEffects, appId);
                    if (during) {
                        killMyself();
                    }
                }

                @Override
                public String ping() {
                    return "pong";
                }
            });
            String id = ClusterNodes.parkAndApprove(engine, args[2]);
            say("PARKED " + id);
            engine.approvals().complete(id, ClusterNodes.ALICE);
            killMyself();
        }
        int threads = Integer.parseInt(args[2]);
        AtomicInteger next = new AtomicInteger();
        long pid = ProcessHandle.current().pid();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                try {
                    while (true) {
                        String id = ClusterNodes.park(engine, "burst-" + pid + "-" + next.incrementAndGet());
                        say("PARKED " + id);
                        engine.approvals().approve(id, ClusterNodes.BOB, "ok");
                        say("APPROVED " + id);
                    }
                } catch (RuntimeException e) {
                    if (stopping.get()) {
                        return; // the store closed under this worker: what stopping means
                    }
                    e.printStackTrace();
                    Runtime.getRuntime().halt(3);
                }
            });
            worker.start();
        }
        Thread.sleep(Long.MAX_VALUE);
    }

    private static void lazy(Path base, Path sideEffects, int n) {
        String password = H2Files.prepare(base);
        JdbcRequestStore store =
                JdbcStores.open(JdbcStoreSettings.builder(JdbcStores.h2FileUrl(base) + ";WRITE_DELAY=3600000")
                        .user("sa")
                        .password(password)
                        .logCheckpointInterval(Duration.ZERO)
                        .auditSealInterval(Duration.ZERO)
                        .build());
        MaaEngine engine = ClusterNodes.engine(store, "lazy", CompletionMode.MANUAL)
                .claimLease(Duration.ofMillis(1500))
                .build();
        engine.registerTarget(SideEffectTargets.appending(sideEffects));
        for (int i = 0; i < n; i++) {
            String id = ClusterNodes.parkAndApprove(engine, "lazy-" + i);
            engine.approvals().complete(id, ClusterNodes.ALICE);
            say("COMPLETED " + id);
        }
        for (int i = 0; i < n; i++) {
            String id = ClusterNodes.parkAndApprove(engine, "approved-" + i);
            say("APPROVED " + id);
        }
        killMyself();
    }

    private static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    /** {@code kill -9} of this JVM: no shutdown hook, no H2 close, nothing flushed that was not flushed already. */
    static void killMyself() {
        try {
            new ProcessBuilder(
                            "kill", "-9", Long.toString(ProcessHandle.current().pid()))
                    .start()
                    .waitFor();
            Thread.sleep(10_000);
        } catch (IOException | InterruptedException e) {
            Runtime.getRuntime().halt(9);
        }
        Runtime.getRuntime().halt(9);
    }
}

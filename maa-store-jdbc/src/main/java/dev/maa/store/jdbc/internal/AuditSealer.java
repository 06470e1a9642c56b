package dev.maa.store.jdbc.internal;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Seals staged audit events in the background, for every open store of this JVM on one daemon thread, so that
 * events become tamper-evident within the interval even when nobody reads the log. A failed run (the database
 * is down) is retried on the next tick; staged events are committed and wait.
 */
public final class AuditSealer {

    private static final System.Logger LOG = System.getLogger(AuditSealer.class.getName());

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "maa-audit-sealer");
        t.setDaemon(true);
        return t;
    });

    private AuditSealer() {
    }

    /**
     * Runs {@code seal} ({@code JdbcAuditLog::seal}) every {@code interval}; zero schedules nothing. Returns what
     * cancels it.
     */
    public static Runnable schedule(Runnable seal, Duration interval) {
        if (interval.isZero()) {
            return () -> { };
        }
        long ms = interval.toMillis();
        ScheduledFuture<?> task = TIMER.scheduleWithFixedDelay(() -> {
            try {
                seal.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "Sealing audit events failed; retrying in " + ms + " ms", e);
            }
        }, ms, ms, TimeUnit.MILLISECONDS);
        return () -> task.cancel(false);
    }
}

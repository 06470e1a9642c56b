package dev.maa.store.jdbc.internal;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The background work of the open stores of this JVM, on three daemon threads: sealing staged audit events, so that
 * they become tamper-evident within the interval even when nobody reads the log; retention purges, which may
 * take long and so run on a thread of their own; and the H2 file's transition log checkpoints, which must not wait
 * behind a purge (the log grows meanwhile). A failed run (the database is down) is retried on the next tick;
 * nothing is lost meanwhile.
 */
public final class StoreJobs {

    private static final System.Logger LOG = System.getLogger(StoreJobs.class.getName());

    /** The first purge runs this long after a store opens, or after one interval if that is shorter. */
    static final Duration FIRST_PURGE_AFTER = Duration.ofMinutes(1);

    static final Duration CLOCK_CHECK_INTERVAL = Duration.ofMinutes(1);

    private static final ScheduledExecutorService SEALER = daemon("maa-audit-sealer");
    private static final ScheduledExecutorService PURGER = daemon("maa-retention-purge");
    private static final ScheduledExecutorService CHECKPOINTER = daemon("maa-h2-log-checkpoint");

    private StoreJobs() {
    }

    /** Runs {@code seal} ({@code JdbcAuditLog::seal}) every {@code interval}; zero schedules nothing. */
    public static Runnable scheduleSealing(Runnable seal, Duration interval) {
        return schedule(SEALER, seal, interval, interval, System.Logger.Level.DEBUG, "Sealing audit events");
    }

    /** Runs {@code purge} every {@code interval}, the first time soon after opening; zero schedules nothing. */
    public static Runnable schedulePurge(Runnable purge, Duration interval) {
        Duration first = interval.compareTo(FIRST_PURGE_AFTER) < 0 ? interval : FIRST_PURGE_AFTER;
        return schedule(PURGER, purge, first, interval, System.Logger.Level.WARNING, "Retention purge");
    }

    /** Runs {@code checkpoint} ({@code Db::checkpointLog}) every {@code interval}; zero schedules nothing. */
    public static Runnable scheduleLogCheckpoints(Runnable checkpoint, Duration interval) {
        return schedule(CHECKPOINTER, checkpoint, interval, interval, System.Logger.Level.WARNING,
                "Checkpointing the transition log");
    }

    /** Compares the clocks at once and then every minute (a failure is logged at DEBUG: the database is down). */
    public static Runnable scheduleClockChecks(Runnable check) {
        return schedule(PURGER, check, Duration.ofMillis(1), CLOCK_CHECK_INTERVAL, System.Logger.Level.DEBUG,
                "Comparing the clocks");
    }

    /**
     * Returns what stops the task: it cancels the schedule and returns once a run in progress has finished, so a
     * store closes its pool only after its jobs are done with it (a purge that ran on into a closed pool printed
     * "Database is already closed" when {@code maa serve} stopped).
     */
    private static Runnable schedule(ScheduledExecutorService timer, Runnable task, Duration first, Duration interval,
                                     System.Logger.Level failureLevel, String what) {
        if (interval.isZero()) {
            return () -> { };
        }
        long ms = interval.toMillis();
        Object running = new Object();
        AtomicBoolean stopped = new AtomicBoolean();
        ScheduledFuture<?> scheduled = timer.scheduleWithFixedDelay(() -> {
            synchronized (running) {
                if (stopped.get()) {
                    return;
                }
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.log(failureLevel, what + " failed; retrying in " + ms + " ms", e);
                }
            }
        }, first.toMillis(), ms, TimeUnit.MILLISECONDS);
        return () -> {
            stopped.set(true);
            scheduled.cancel(false);
            synchronized (running) {
                // waits for a run in progress
            }
        };
    }

    private static ScheduledExecutorService daemon(String name) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }
}

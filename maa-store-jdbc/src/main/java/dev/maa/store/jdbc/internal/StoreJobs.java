package dev.maa.store.jdbc.internal;

import dev.maa.core.Scheduler;
import java.time.Duration;

/**
 * The background work of an open store, each job on a daemon thread of its own ({@link Scheduler}) that ends when
 * the store closes: sealing staged audit events, so that they become tamper-evident within the interval even when
 * nobody reads the log; retention purges, which may take long; the H2 file's transition log checkpoints, which
 * must not wait behind a purge (the log grows meanwhile); and clock checks. A failed run (the database is
 * down) is retried on the next tick; nothing is lost meanwhile.
 */
public final class StoreJobs {

    private static final System.Logger LOG = System.getLogger(StoreJobs.class.getName());

    /** The first purge runs this long after a store opens, or after one interval if that is shorter. */
    static final Duration FIRST_PURGE_AFTER = Duration.ofMinutes(1);

    static final Duration CLOCK_CHECK_INTERVAL = Duration.ofMinutes(1);

    private StoreJobs() {}

    /** Runs {@code seal} ({@code JdbcAuditLog::seal}) every {@code interval}; zero schedules nothing. */
    public static Runnable scheduleSealing(Runnable seal, Duration interval) {
        return schedule(
                "maa-audit-sealer", seal, interval, interval, System.Logger.Level.DEBUG, "Sealing audit events");
    }

    /** Runs {@code purge} every {@code interval}, the first time soon after opening; zero schedules nothing. */
    public static Runnable schedulePurge(Runnable purge, Duration interval) {
        Duration first = interval.compareTo(FIRST_PURGE_AFTER) < 0 ? interval : FIRST_PURGE_AFTER;
        return schedule("maa-retention-purge", purge, first, interval, System.Logger.Level.WARNING, "Retention purge");
    }

    /** Runs {@code checkpoint} ({@code Db::checkpointLog}) every {@code interval}; zero schedules nothing. */
    public static Runnable scheduleLogCheckpoints(Runnable checkpoint, Duration interval) {
        return schedule(
                "maa-h2-log-checkpoint",
                checkpoint,
                interval,
                interval,
                System.Logger.Level.WARNING,
                "Checkpointing the transition log");
    }

    /** Compares the clocks at once and then every minute (a failure is logged at DEBUG: the database is down). */
    public static Runnable scheduleClockChecks(Runnable check) {
        return schedule(
                "maa-clock-check",
                check,
                Duration.ofMillis(1),
                CLOCK_CHECK_INTERVAL,
                System.Logger.Level.DEBUG,
                "Comparing the clocks");
    }

    /**
     * Returns what stops the task: it ends the schedule and returns once a run in progress has finished (within
     * {@link Scheduler#CLOSE_WAIT}) and the thread has ended, so a store closes its pool only after its jobs are
     * done with it (a purge that ran on into a closed pool printed "Database is already closed" when
     * {@code maa serve} stopped).
     */
    private static Runnable schedule(
            String thread,
            Runnable task,
            Duration first,
            Duration interval,
            System.Logger.Level failureLevel,
            String what) {
        if (interval.isZero()) {
            return () -> {};
        }
        long ms = interval.toMillis();
        Scheduler scheduler = Scheduler.named(thread);
        scheduler.every(what, first, interval, () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(failureLevel, what + " failed; retrying in " + ms + " ms", e);
            }
        });
        return scheduler::close;
    }
}

package dev.maa.core;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way MAA runs periodic background work: one named daemon thread per scheduler, tasks at a fixed delay
 * (a slow run never piles up), and {@link #close()} that stops them all and leaves no thread behind.
 *
 * <p>Why one mechanism: the engine's jobs, the store's sealer and purger, the policy watcher and the server's event
 * tail each had a hand-made executor, and they differed in what matters here. A task that throws is cancelled for
 * good by a bare {@code ScheduledExecutorService} (so a database outage could silently end the expiry sweep); here
 * a failure is logged and the task runs again at the next interval. Closing waits a bounded time for a run in
 * progress (a replayed call or a purge is not cut half way), then interrupts it, so nothing outlives its owner.
 */
public final class Scheduler implements AutoCloseable {

    /** How long {@link #close()} waits for a run in progress before interrupting it. */
    public static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

    private final String threadName;
    private final ScheduledThreadPoolExecutor executor;
    /** The threads the executor made (one at a time), joined by {@link #close()}. */
    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    private Scheduler(String threadName) {
        this.threadName = threadName;
        this.executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            threads.add(t);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** A scheduler whose one daemon thread (started with the first task) is called {@code threadName}. */
    public static Scheduler named(String threadName) {
        if (threadName == null || threadName.isBlank()) {
            throw new IllegalArgumentException("A scheduler's thread needs a name, was '" + threadName + "'");
        }
        return new Scheduler(threadName);
    }

    /**
     * Runs {@code work} after {@code first}, then {@code interval} after each run ends. A run that throws is logged
     * (naming {@code what}) and the next run comes as planned.
     *
     * @return the schedule, to cancel this task alone ({@code cancel(false)} lets a run in progress finish)
     * @throws IllegalArgumentException if {@code interval} is not positive or {@code first} is negative
     * @throws java.util.concurrent.RejectedExecutionException after {@link #close()}
     */
    public ScheduledFuture<?> every(String what, Duration first, Duration interval, Runnable work) {
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(work, "work");
        if (interval == null || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException(what + ": the interval must be positive, was " + interval);
        }
        if (first == null || first.isNegative()) {
            throw new IllegalArgumentException(what + ": the first delay must not be negative, was " + first);
        }
        long ms = interval.toMillis();
        return executor.scheduleWithFixedDelay(
                () -> {
                    try {
                        work.run();
                    } catch (RuntimeException e) {
                        LOG.warn("{} ({}) failed; running again in {} ms", what, threadName, ms, e);
                    }
                },
                first.toMillis(),
                Math.max(1, ms),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Runs {@code work} once, as soon as the thread is free (after a run in progress). A run that throws is logged
     * naming {@code what}. Ignored after {@link #close()}.
     */
    public void once(String what, Runnable work) {
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(work, "work");
        if (isClosed()) {
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    LOG.warn("{} ({}) failed", what, threadName, e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // closed meanwhile: nothing runs any more
        }
    }

    /** Whether {@link #close()} has been called. */
    public boolean isClosed() {
        return executor.isShutdown();
    }

    /**
     * Stops every task: none starts again, a run in progress may finish within {@link #CLOSE_WAIT} and is then
     * interrupted. Returns once the thread has ended (or the wait ran out). Idempotent.
     */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("{} still runs after {}; interrupting it", threadName, CLOSE_WAIT);
                executor.shutdownNow();
            }
            // the executor counts as terminated while its last thread is still on its way out: wait for it too
            for (Thread t : threads) {
                if (t != Thread.currentThread()) { // a task that closes its own scheduler
                    t.join(CLOSE_WAIT.toMillis());
                }
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}

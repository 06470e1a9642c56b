package dev.maa.core.internal;

import dev.maa.api.MaaUnavailableException;
import dev.maa.core.BackgroundJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Runs a fixed list of jobs one after the other on one daemon thread, every interval (fixed delay, so a slow
 * run never piles up). A job that reports a full batch runs again at once, a bounded number of times.
 */
public final class PeriodicJobs implements BackgroundJobs {

    /** A named unit of periodic work; returns how much it did (a full batch means: call me again). */
    public record Job(String name, IntSupplier work) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(PeriodicJobs.class);
    private static final int MAX_REPEATS = 16;
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

    private final ScheduledExecutorService scheduler;
    private final List<Job> jobs;
    private final int fullBatch;

    private PeriodicJobs(String threadName, List<Job> jobs, int fullBatch) {
        this.jobs = List.copyOf(jobs);
        this.fullBatch = fullBatch;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts {@code jobs} now and then every {@code interval}. */
    public static PeriodicJobs start(String threadName, Duration interval, List<Job> jobs, int fullBatch) {
        if (interval == null || interval.compareTo(Duration.ofMillis(10)) < 0) {
            throw new IllegalArgumentException("The background job interval must be at least 10 ms, was " + interval);
        }
        PeriodicJobs p = new PeriodicJobs(threadName, jobs, fullBatch);
        p.scheduler.scheduleWithFixedDelay(p::runAll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return p;
    }

    private void runAll() {
        for (Job job : jobs) {
            try {
                for (int i = 0; i < MAX_REPEATS && job.work().getAsInt() >= fullBatch; i++) {
                    LOG.debug("{}: full batch, running again", job.name());
                }
            } catch (MaaUnavailableException e) {
                LOG.warn("{} skipped: {}", job.name(), e.getMessage());
            } catch (RuntimeException e) {
                LOG.error("{} failed; retrying next interval", job.name(), e);
            }
        }
    }

    @Override
    public void close() {
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("A background job still runs after {}; interrupting it", CLOSE_WAIT);
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            scheduler.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}

package dev.maa.core.internal;

import dev.maa.api.MaaUnavailableException;
import dev.maa.core.BackgroundJobs;
import dev.maa.core.Scheduler;
import java.time.Duration;
import java.util.List;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a fixed list of jobs one after the other on one daemon thread of a {@link Scheduler}, every interval (fixed
 * delay, so a slow run never piles up). A job that reports a full batch runs again at once, a bounded number of
 * times; a job that fails does not keep the others from running.
 */
public final class PeriodicJobs implements BackgroundJobs {

    /** A named unit of periodic work; returns how much it did (a full batch means: call me again). */
    public record Job(String name, IntSupplier work) {}

    private static final Logger LOG = LoggerFactory.getLogger(PeriodicJobs.class);
    private static final int MAX_REPEATS = 16;

    private final Scheduler scheduler;
    private final List<Job> jobs;
    private final int fullBatch;
    private final List<Runnable> onClose = new java.util.concurrent.CopyOnWriteArrayList<>();

    private PeriodicJobs(String threadName, List<Job> jobs, int fullBatch) {
        this.jobs = List.copyOf(jobs);
        this.fullBatch = fullBatch;
        this.scheduler = Scheduler.named(threadName);
    }

    /** Starts {@code jobs} now and then every {@code interval}. */
    public static PeriodicJobs start(String threadName, Duration interval, List<Job> jobs, int fullBatch) {
        if (interval == null || interval.compareTo(Duration.ofMillis(10)) < 0) {
            throw new IllegalArgumentException("The background job interval must be at least 10 ms, was " + interval);
        }
        PeriodicJobs p = new PeriodicJobs(threadName, jobs, fullBatch);
        p.scheduler.every("background jobs", Duration.ZERO, interval, p::runAll);
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

    /** Runs {@code work} once on the jobs' thread, as soon as it is free: work a change asks for at once. */
    public void soon(String what, Runnable work) {
        scheduler.once(what, work);
    }

    /** Runs {@code action} when the jobs are closed (first), e.g. to remove a listener that calls {@link #soon}. */
    public PeriodicJobs onClose(Runnable action) {
        onClose.add(action);
        return this;
    }

    /** Stops the jobs, waiting a bounded time ({@link Scheduler#CLOSE_WAIT}) for a run in progress. */
    @Override
    public void close() {
        onClose.forEach(Runnable::run);
        scheduler.close();
    }
}

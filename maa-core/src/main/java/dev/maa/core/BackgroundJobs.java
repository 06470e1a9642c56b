package dev.maa.core;

/**
 * Periodic work started by {@link Executor#start} or {@link MaaEngine#startBackgroundJobs}: running pending
 * requests, recovering expired claims, and (engine only) expiring due requests.
 *
 * <p>{@link #close()} stops scheduling and waits a bounded time for a run in progress, so that a replayed call
 * is not interrupted half way; a call still running after that wait ends FAILED "outcome unknown" by lease.
 */
public interface BackgroundJobs extends AutoCloseable {

    /** Stops the jobs; idempotent. */
    @Override
    void close();
}

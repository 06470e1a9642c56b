package dev.maa.core;

import dev.maa.api.ApprovalRequest;
import java.time.Duration;

/**
 * Runs approved calls in a host JVM.
 *
 * <p>{@link ApprovalService#complete} executes at once when this JVM can (the method and its target are
 * here). Otherwise the request waits COMPLETING without an owner until the executor of a JVM that can run it
 * claims it in {@link #runPending()}. Hosts call both methods periodically (e.g. every few seconds), or let
 * {@link #start(Duration)} (or {@link MaaEngine#startBackgroundJobs()}) do it.
 *
 * <p>With a store that implements {@link dev.maa.api.ClaimingStore} (the JDBC store), work is claimed from the
 * database ({@code FOR UPDATE SKIP LOCKED} on PostgreSQL) one request at a time; nothing reads every waiting
 * request. See {@code docs/cluster.md}.
 *
 * <p>Why expired claims are never re-run: a claim whose lease ran out means a JVM started the call and
 * vanished. The call may have run completely, partly or not at all; running it again could wipe a device twice
 * or grant a role that was meanwhile revoked. {@link #recoverExpiredClaims()} therefore marks such requests
 * FAILED with "outcome unknown" and a human checks the target system (invariant 5: at most once).
 */
public interface Executor {

    /**
     * Claims and runs unclaimed COMPLETING requests this JVM can execute (at most a bounded number per call), and
     * completes APPROVED requests with auto completion that their approving JVM left behind.
     *
     * @return how many requests it ran or started completing
     * @throws dev.maa.api.StoreUnavailableException if the store cannot be reached (nothing runs then)
     */
    int runPending();

    /** Marks COMPLETING requests whose claim lease expired as FAILED, outcome unknown; never re-runs them. */
    int recoverExpiredClaims();

    /** Whether this JVM has the method and a target to run the request on. */
    boolean canExecute(ApprovalRequest request);

    /** Makes {@code target} the object approved calls of its class (and interfaces) are replayed on. */
    void registerTarget(Object target);

    /**
     * Runs {@link #runPending()} and {@link #recoverExpiredClaims()} every {@code interval} on one daemon thread
     * until the returned handle is closed. Failures (e.g. the store is down) are logged and retried next time.
     */
    BackgroundJobs start(Duration interval);
}

package dev.maa.core;

import dev.maa.api.ApprovalRequest;

/**
 * Runs approved calls in a host JVM.
 *
 * <p>{@link ApprovalService#complete} executes at once when this JVM can (the method and its target are
 * here). Otherwise the request waits COMPLETING without an owner until the executor of a JVM that can run it
 * claims it in {@link #runPending()}. Hosts call both methods periodically (e.g. every few seconds).
 *
 * <p>Why expired claims are never re-run: a claim whose lease ran out means a JVM started the call and
 * vanished. The call may have run completely, partly or not at all; running it again could wipe a device twice
 * or grant a role that was meanwhile revoked. {@link #recoverExpiredClaims()} therefore marks such requests
 * FAILED with "outcome unknown" and a human checks the target system (invariant 5: at most once).
 */
public interface Executor {

    /** Claims (by conditional update) and runs the unclaimed COMPLETING requests this JVM can execute. */
    int runPending();

    /** Marks COMPLETING requests whose claim lease expired as FAILED, outcome unknown; never re-runs them. */
    int recoverExpiredClaims();

    /** Whether this JVM has the method and a target to run the request on. */
    boolean canExecute(ApprovalRequest request);

    /** Makes {@code target} the object approved calls of its class (and interfaces) are replayed on. */
    void registerTarget(Object target);
}

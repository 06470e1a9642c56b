package dev.maa.core.internal;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.AuditEvent;
import dev.maa.api.AuditEventType;
import dev.maa.api.ClaimingStore;
import dev.maa.api.CompletionMode;
import dev.maa.api.ConcurrentUpdateException;
import dev.maa.api.IllegalRequestStateException;
import dev.maa.api.MaaException;
import dev.maa.api.Notification;
import dev.maa.api.PayloadIntegrityException;
import dev.maa.api.RequestQuery;
import dev.maa.api.Review;
import dev.maa.api.Status;
import dev.maa.api.Verdict;
import dev.maa.core.BackgroundJobs;
import dev.maa.core.Executor;
import dev.maa.core.codec.DecodedCall;
import dev.maa.core.codec.ParkedCallCodec;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays claimed requests: integrity checks, decode, resolve, invoke under a release token, record.
 *
 * <p>With a {@link ClaimingStore} (JDBC) work is claimed from the database one request at a time and expired
 * claims are found by one indexed query; otherwise COMPLETING requests are listed and claimed by conditional
 * update. Either way the store decides every race, so any number of executors on any number of nodes may run.
 */
public final class DefaultExecutor implements Executor {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultExecutor.class);
    static final String OUTCOME_UNKNOWN = "outcome unknown — check the target system: the executor %s claimed it"
            + " at %s and its lease ended at %s without a result (it was not re-run)";

    /** Bounds the work of one runPending / recoverExpiredClaims call; the scheduler calls again at once if full. */
    public static final int MAX_PER_RUN = 256;

    private static final int RECOVERY_BATCH = 64;
    private static final int MAX_APPROVED_PAGES = 5;
    private static final Duration APPROVED_SCAN_EVERY = Duration.ofSeconds(5);

    private final EngineContext ctx;
    private volatile Function<String, ApprovalRequest> autoCompleter;
    private final AtomicLong lastApprovedScan = new AtomicLong();

    public DefaultExecutor(EngineContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void registerTarget(Object target) {
        ctx.targets().register(target);
    }

    @Override
    public boolean canExecute(ApprovalRequest r) {
        if (!ParkedCallCodec.digest(r.payload()).equals(r.digest())) {
            return true; // claim it, so that execution refuses it and marks it FAILED here and now
        }
        try {
            Optional<Method> m = ctx.targets().method(r.operation());
            return m.isPresent() && ctx.targets().runnable(m.get());
        } catch (RuntimeException e) {
            LOG.debug("Cannot execute request {} here: {}", r.id(), e.toString());
            return false;
        }
    }

    /** Lets runPending hand APPROVED requests with auto completion to the approval service (set by the engine). */
    public void autoCompletion(Function<String, ApprovalRequest> completer) {
        this.autoCompleter = completer;
    }

    @Override
    public BackgroundJobs start(Duration interval) {
        return PeriodicJobs.start(
                "maa-executor-" + ctx.nodeId(),
                interval,
                List.of(
                        new PeriodicJobs.Job("runPending", this::runPending),
                        new PeriodicJobs.Job("recoverExpiredClaims", this::recoverExpiredClaims)),
                MAX_PER_RUN);
    }

    @Override
    public int runPending() {
        ClaimingStore claiming = claimingStore();
        int ran = claiming != null ? runClaimed(claiming) : runListed();
        return ran + completeAutoApproved();
    }

    /**
     * Claims one request at a time (SKIP LOCKED on PostgreSQL) and runs it. One at a time because a claim is a
     * promise that this node is about to run it: if the JVM dies, every request it had claimed ends FAILED
     * "outcome unknown", so claiming a batch ahead would turn requests that never started into manual checks.
     */
    private int runClaimed(ClaimingStore store) {
        int ran = 0;
        for (int round = 0; round < MAX_PER_RUN; round++) {
            List<ApprovalRequest> claimed = store.claimReady(
                    ctx.nodeId(), ctx.claimLease(), 1, ctx.clock().instant());
            if (claimed.isEmpty()) {
                break;
            }
            ApprovalRequest r = claimed.get(0);
            if (!canExecute(r)) {
                release(r);
                break; // it would come back first in the next claim; leave it to a node that can run it
            }
            runOne(r);
            ran++;
        }
        return ran;
    }

    /** Without a claiming store: reads the COMPLETING requests and claims each by conditional update. */
    private int runListed() {
        int ran = 0;
        for (ApprovalRequest r : completing()) {
            if (r.claimOwner() != null || !canExecute(r)) {
                continue;
            }
            Instant now = ctx.clock().instant();
            ApprovalRequest claimed = r.toBuilder()
                    .claimOwner(ctx.nodeId())
                    .claimExpiresAt(now.plus(ctx.claimLease()))
                    .updatedAt(now)
                    .version(r.version() + 1)
                    .build();
            try {
                claimed = ctx.store()
                        .update(
                                claimed,
                                Status.COMPLETING,
                                r.version(),
                                new AuditEvent(
                                        now,
                                        r.id(),
                                        EngineContext.SYSTEM,
                                        AuditEventType.CLAIMED,
                                        AuditDetails.of("node", ctx.nodeId())));
            } catch (ConcurrentUpdateException e) {
                continue; // another executor claimed it first
            }
            runOne(claimed);
            ran++;
        }
        return ran;
    }

    private void runOne(ApprovalRequest claimed) {
        try {
            execute(claimed);
        } catch (MaaException e) {
            LOG.warn("Request {} failed: {}", claimed.id(), e.getMessage());
        }
    }

    /** Gives a claim this JVM cannot run back (nothing ran); a lost race means recovery or its owner moved on. */
    private void release(ApprovalRequest claimed) {
        Instant now = ctx.clock().instant();
        ApprovalRequest unclaimed = claimed.toBuilder()
                .claimOwner(null)
                .claimExpiresAt(null)
                .updatedAt(now)
                .version(claimed.version() + 1)
                .build();
        try {
            ctx.store()
                    .update(
                            unclaimed,
                            Status.COMPLETING,
                            claimed.version(),
                            new AuditEvent(
                                    now,
                                    claimed.id(),
                                    EngineContext.SYSTEM,
                                    AuditEventType.RELEASED,
                                    AuditDetails.of(
                                            "node",
                                            ctx.nodeId(),
                                            "reason",
                                            "the method or its target is not available in this JVM")));
        } catch (ConcurrentUpdateException e) {
            LOG.debug("Claim of request {} changed before it was released: {}", claimed.id(), e.getMessage());
        }
    }

    /**
     * APPROVED requests with auto completion are completed by the approving call itself; one is left APPROVED only
     * if that JVM died (or the store failed) between the approval and the completion. Pick those up here.
     */
    private int completeAutoApproved() {
        Function<String, ApprovalRequest> completer = autoCompleter;
        long now = System.nanoTime();
        long last = lastApprovedScan.get();
        if (completer == null
                || (last != 0 && now - last < APPROVED_SCAN_EVERY.toNanos())
                || !lastApprovedScan.compareAndSet(last, now == 0 ? 1 : now)) {
            return 0; // rare leftovers: one scan per executor every few seconds is enough, and keeps runPending cheap
        }
        int started = 0;
        RequestQuery q = RequestQuery.all().withStatuses(Set.of(Status.APPROVED));
        for (int page = 0; page < MAX_APPROVED_PAGES; page++) {
            List<ApprovalRequest> approved =
                    ctx.store().list(q.page(page * RequestQuery.MAX_LIMIT, RequestQuery.MAX_LIMIT));
            for (ApprovalRequest r : approved) {
                if (r.completion() != CompletionMode.AUTO) {
                    continue;
                }
                try {
                    completer.apply(r.id());
                    started++;
                } catch (IllegalRequestStateException e) {
                    // completed, canceled or expired meanwhile
                } catch (MaaException e) {
                    LOG.warn("Auto completion of request {} failed: {}", r.id(), e.getMessage());
                }
            }
            if (approved.size() < RequestQuery.MAX_LIMIT) {
                break;
            }
        }
        return started;
    }

    @Override
    public int recoverExpiredClaims() {
        ClaimingStore claiming = claimingStore();
        if (claiming == null) {
            int recovered = 0;
            for (ApprovalRequest r : completing()) {
                recovered += markOutcomeUnknown(r);
            }
            return recovered;
        }
        int recovered = 0;
        for (int round = 0; round < MAX_PER_RUN / RECOVERY_BATCH; round++) {
            List<ApprovalRequest> expired = claiming.expiredClaims(ctx.clock().instant(), RECOVERY_BATCH);
            for (ApprovalRequest r : expired) {
                recovered += markOutcomeUnknown(r);
            }
            if (expired.size() < RECOVERY_BATCH) {
                break;
            }
        }
        return recovered;
    }

    private int markOutcomeUnknown(ApprovalRequest r) {
        Instant now = ctx.clock().instant();
        if (r.claimOwner() == null
                || r.claimExpiresAt() == null
                || r.claimExpiresAt().isAfter(now)) {
            return 0;
        }
        String outcome = String.format(OUTCOME_UNKNOWN, r.claimOwner(), r.updatedAt(), r.claimExpiresAt());
        ApprovalRequest failed = r.toBuilder()
                .status(Status.FAILED)
                .outcome(outcome)
                .updatedAt(now)
                .version(r.version() + 1)
                .build();
        ApprovalRequest failing = failed;
        List<Notification> planned = ctx.notifications()
                .plan(() -> ctx.notifications()
                        .toRequester(Notification.Kind.FAILED, failing, "Request " + r.id() + " FAILED: " + outcome));
        try {
            failed = ctx.notifications()
                    .update(
                            failed,
                            Status.COMPLETING,
                            r.version(),
                            new AuditEvent(
                                    now,
                                    r.id(),
                                    EngineContext.SYSTEM,
                                    AuditEventType.FAILED,
                                    AuditDetails.of("reason", "claim lease expired", "outcome", outcome)),
                            planned);
        } catch (ConcurrentUpdateException e) {
            return 0; // it finished or was recovered meanwhile
        }
        ctx.notifications().committed(planned);
        return 1;
    }

    private ClaimingStore claimingStore() {
        return ctx.store() instanceof ClaimingStore c ? c : null;
    }

    private List<ApprovalRequest> completing() {
        List<ApprovalRequest> all = new ArrayList<>();
        RequestQuery q = RequestQuery.all().withStatuses(Set.of(Status.COMPLETING));
        for (int offset = 0; ; offset += RequestQuery.MAX_LIMIT) {
            List<ApprovalRequest> page = ctx.store().list(q.page(offset, RequestQuery.MAX_LIMIT));
            all.addAll(page);
            if (page.size() < RequestQuery.MAX_LIMIT) {
                return all;
            }
        }
    }

    /**
     * Runs a request this node has claimed (COMPLETING, claimOwner = this node) and records the result. Before anything
     * runs, the approval is re-derived from the request's authentic audit trail ({@link ApprovalEvidence}); a request
     * whose stored state disagrees is marked FAILED and reported instead.
     *
     * @throws PayloadIntegrityException after marking the request FAILED, if what would run is not what was approved
     */
    public ApprovalRequest execute(ApprovalRequest claimed) {
        Method method;
        Object target;
        Object[] args;
        try {
            for (Review review : claimed.reviews()) {
                if (review.verdict() == Verdict.APPROVE && !review.digest().equals(claimed.digest())) {
                    throw new PayloadIntegrityException(claimed.id(), review.digest(), claimed.digest());
                }
            }
            ApprovalEvidence.Refusal refusal =
                    ApprovalEvidence.refusal(claimed, ctx.store().auditLog(), ctx.signing());
            if (refusal != null) {
                return refuse(claimed, refusal);
            }
            DecodedCall call = ctx.codec().decode(claimed.id(), claimed.payload(), claimed.digest());
            if (!call.operation().equals(claimed.operation())) {
                throw new PayloadIntegrityException(
                        claimed.id(),
                        claimed.operation().signature(),
                        call.operation().signature());
            }
            method = ctx.targets()
                    .method(claimed.operation())
                    .orElseThrow(() -> new IllegalStateException(
                            "protected method " + claimed.operation().signature() + " is not available in this JVM"));
            target = Modifier.isStatic(method.getModifiers())
                    ? null
                    : ctx.targets()
                            .target(method)
                            .orElseThrow(() -> new IllegalStateException("no target object for "
                                    + claimed.operation().className()
                                    + "; register one with MaaEngine.registerTarget(...)"));
            args = call.argsArray();
        } catch (PayloadIntegrityException e) {
            finish(claimed, Status.FAILED, AuditEventType.PAYLOAD_INTEGRITY_FAILED, e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            ApprovalRequest failed =
                    finish(claimed, Status.FAILED, AuditEventType.FAILED, "not executed: " + e.getMessage());
            if (e instanceof MaaException me) {
                throw me;
            }
            return failed;
        }
        method.trySetAccessible();
        try (ReleaseTokens.Scope token =
                ReleaseTokens.open(claimed.id(), claimed.operation().signature(), claimed.digest())) {
            Object result = method.invoke(target, args);
            return finish(claimed, Status.COMPLETED, AuditEventType.COMPLETED, summary(method, result));
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            return finish(
                    claimed,
                    Status.FAILED,
                    AuditEventType.FAILED,
                    cause.getClass().getName() + ": " + cause.getMessage());
        } catch (IllegalAccessException | IllegalArgumentException e) {
            return finish(claimed, Status.FAILED, AuditEventType.FAILED, "not executed: " + e);
        }
    }

    /**
     * Marks a request whose store state disagrees with its audit trail, or whose passkey approvals do not verify,
     * FAILED without running it, and reports it: an {@code INTEGRITY_FAILED} (which {@code audit verify} reports until
     * purged) or {@code SIGNATURES_REFUSED} event and a notification to the requester and the approvers.
     */
    private ApprovalRequest refuse(ApprovalRequest claimed, ApprovalEvidence.Refusal refusal) {
        String outcome = refusal.type() == AuditEventType.INTEGRITY_FAILED
                ? "not executed: the stored request disagrees with its audit trail (" + refusal.reason() + "). The"
                        + " database was written outside MAA: verify the audit log and investigate before submitting"
                        + " again"
                : "not executed: its approvals are not verified passkey signatures (" + refusal.reason() + "). Verify"
                        + " the signed reviews of the audit log, check the approvers' keys, and submit again";
        LOG.error("Request {} refused at completion: {}", claimed.id(), refusal.reason());
        return finish(
                claimed,
                Status.FAILED,
                refusal.type(),
                outcome,
                "Request " + claimed.id() + " was refused at completion, nothing ran: " + outcome);
    }

    private static String summary(Method m, Object result) {
        if (m.getReturnType() == void.class) {
            return "ok";
        }
        String s = "returned " + result;
        return s.length() > 200 ? s.substring(0, 199) + "…" : s;
    }

    private ApprovalRequest finish(ApprovalRequest claimed, Status status, AuditEventType eventType, String outcome) {
        return finish(claimed, status, eventType, outcome, null);
    }

    /** Records the outcome; with {@code approversText}, the approvers are told too. */
    private ApprovalRequest finish(
            ApprovalRequest claimed, Status status, AuditEventType eventType, String outcome, String approversText) {
        Instant now = ctx.clock().instant();
        ApprovalRequest done = claimed.toBuilder()
                .status(status)
                .outcome(outcome)
                .updatedAt(now)
                .version(claimed.version() + 1)
                .build();
        ApprovalRequest finished = done;
        List<Notification> planned = ctx.notifications().plan(() -> {
            ctx.notifications()
                    .toRequester(
                            status == Status.COMPLETED ? Notification.Kind.COMPLETED : Notification.Kind.FAILED,
                            finished,
                            "Request " + finished.id() + " " + status + ": " + outcome);
            if (approversText != null) {
                ctx.notifications().toApprovers(Notification.Kind.FAILED, finished, Set.of(), approversText);
            }
        });
        try {
            done = ctx.notifications()
                    .recordOutcome(
                            done,
                            claimed.version(),
                            new AuditEvent(
                                    now,
                                    claimed.id(),
                                    EngineContext.SYSTEM,
                                    eventType,
                                    AuditDetails.of("outcome", outcome, "node", ctx.nodeId())),
                            planned);
        } catch (ConcurrentUpdateException e) {
            LOG.error(
                    "Request {} ran ({}), but its result could not be recorded: the claim was taken over"
                            + " (lease expired?). Check the target system.",
                    claimed.id(),
                    outcome);
            return ctx.store().find(claimed.id()).orElse(done);
        }
        ctx.notifications().committed(planned);
        return done;
    }
}

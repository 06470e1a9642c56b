package dev.maa.core.internal;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.AuditEvent;
import dev.maa.api.ConcurrentUpdateException;
import dev.maa.api.MaaException;
import dev.maa.api.Notification;
import dev.maa.api.PayloadIntegrityException;
import dev.maa.api.RequestQuery;
import dev.maa.api.Review;
import dev.maa.api.Status;
import dev.maa.api.Verdict;
import dev.maa.core.Executor;
import dev.maa.core.codec.DecodedCall;
import dev.maa.core.codec.ParkedCallCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Replays claimed requests: integrity checks, decode, resolve, invoke under a release token, record. */
public final class DefaultExecutor implements Executor {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultExecutor.class);
    static final String OUTCOME_UNKNOWN = "outcome unknown — check the target system: the executor %s claimed it"
            + " at %s and its lease ended at %s without a result (it was not re-run)";

    private final EngineContext ctx;

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

    @Override
    public int runPending() {
        int ran = 0;
        for (ApprovalRequest r : completing()) {
            if (r.claimOwner() != null || !canExecute(r)) {
                continue;
            }
            Instant now = ctx.clock().instant();
            ApprovalRequest claimed = r.toBuilder().claimOwner(ctx.nodeId()).claimExpiresAt(now.plus(ctx.claimLease()))
                    .updatedAt(now).version(r.version() + 1).build();
            try {
                claimed = ctx.store().update(claimed, Status.COMPLETING, r.version(), new AuditEvent(now, r.id(),
                        EngineContext.SYSTEM, "CLAIMED", AuditDetails.of("node", ctx.nodeId())));
            } catch (ConcurrentUpdateException e) {
                continue; // another executor claimed it first
            }
            try {
                execute(claimed);
            } catch (MaaException e) {
                LOG.warn("Request {} failed: {}", r.id(), e.getMessage());
            }
            ran++;
        }
        return ran;
    }

    @Override
    public int recoverExpiredClaims() {
        int recovered = 0;
        for (ApprovalRequest r : completing()) {
            Instant now = ctx.clock().instant();
            if (r.claimOwner() == null || r.claimExpiresAt() == null || r.claimExpiresAt().isAfter(now)) {
                continue;
            }
            String outcome = String.format(OUTCOME_UNKNOWN, r.claimOwner(), r.updatedAt(), r.claimExpiresAt());
            ApprovalRequest failed = r.toBuilder().status(Status.FAILED).outcome(outcome).updatedAt(now)
                    .version(r.version() + 1).build();
            try {
                failed = ctx.store().update(failed, Status.COMPLETING, r.version(), new AuditEvent(now, r.id(),
                        EngineContext.SYSTEM, "FAILED", AuditDetails.of("reason", "claim lease expired",
                        "outcome", outcome)));
                ctx.notifications().toRequester(Notification.Kind.FAILED, failed, "Request " + r.id() + " FAILED: "
                        + outcome);
                recovered++;
            } catch (ConcurrentUpdateException e) {
                // it finished or was recovered meanwhile
            }
        }
        return recovered;
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
     * Runs a request this node has claimed (COMPLETING, claimOwner = this node) and records the result.
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
            DecodedCall call = ctx.codec().decode(claimed.id(), claimed.payload(), claimed.digest());
            if (!call.operation().equals(claimed.operation())) {
                throw new PayloadIntegrityException(claimed.id(), claimed.operation().signature(),
                        call.operation().signature());
            }
            method = ctx.targets().method(claimed.operation()).orElseThrow(() -> new IllegalStateException(
                    "protected method " + claimed.operation().signature() + " is not available in this JVM"));
            target = Modifier.isStatic(method.getModifiers()) ? null : ctx.targets().target(method).orElseThrow(
                    () -> new IllegalStateException("no target object for " + claimed.operation().className()
                            + "; register one with MaaEngine.registerTarget(...)"));
            args = call.argsArray();
        } catch (PayloadIntegrityException e) {
            finish(claimed, Status.FAILED, "PAYLOAD_INTEGRITY_FAILED", e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            ApprovalRequest failed = finish(claimed, Status.FAILED, "FAILED", "not executed: " + e.getMessage());
            if (e instanceof MaaException me) {
                throw me;
            }
            return failed;
        }
        method.trySetAccessible();
        try (ReleaseTokens.Scope token = ReleaseTokens.open(claimed.id(), claimed.operation().signature(),
                claimed.digest())) {
            Object result = method.invoke(target, args);
            return finish(claimed, Status.COMPLETED, "COMPLETED", summary(method, result));
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            return finish(claimed, Status.FAILED, "FAILED", cause.getClass().getName() + ": " + cause.getMessage());
        } catch (IllegalAccessException | IllegalArgumentException e) {
            return finish(claimed, Status.FAILED, "FAILED", "not executed: " + e);
        }
    }

    private static String summary(Method m, Object result) {
        if (m.getReturnType() == void.class) {
            return "ok";
        }
        String s = "returned " + result;
        return s.length() > 200 ? s.substring(0, 199) + "…" : s;
    }

    private ApprovalRequest finish(ApprovalRequest claimed, Status status, String eventType, String outcome) {
        Instant now = ctx.clock().instant();
        ApprovalRequest done = claimed.toBuilder().status(status).outcome(outcome).updatedAt(now)
                .version(claimed.version() + 1).build();
        try {
            done = ctx.store().update(done, Status.COMPLETING, claimed.version(), new AuditEvent(now, claimed.id(),
                    EngineContext.SYSTEM, eventType, AuditDetails.of("outcome", outcome, "node", ctx.nodeId())));
        } catch (ConcurrentUpdateException e) {
            LOG.error("Request {} ran ({}), but its result could not be recorded: the claim was taken over"
                    + " (lease expired?). Check the target system.", claimed.id(), outcome);
            return ctx.store().find(claimed.id()).orElse(done);
        }
        ctx.notifications().toRequester(status == Status.COMPLETED ? Notification.Kind.COMPLETED
                : Notification.Kind.FAILED, done, "Request " + done.id() + " " + status + ": " + outcome);
        return done;
    }
}

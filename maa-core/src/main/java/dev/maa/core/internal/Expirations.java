package dev.maa.core.internal;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.AuditEventType;
import dev.maa.api.Durations;
import dev.maa.api.IllegalRequestStateException;
import dev.maa.api.Notification;
import dev.maa.api.RequestQuery;
import dev.maa.api.Status;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Expiry for {@link DefaultApprovalService}: a request past the deadline of its status (approval, or execution
 * window once approved) ends EXPIRED with its reason, whether the sweep finds it or a transition trips over it.
 *
 * <p>Its own class because every transition may end in it: the step is written once here.
 */
final class Expirations {

    private final EngineContext ctx;
    private final DefaultApprovalService service;

    Expirations(EngineContext ctx, DefaultApprovalService service) {
        this.ctx = ctx;
        this.service = service;
    }

    /** Expires request {@code requestId} if its deadline passed, else refuses. */
    ApprovalRequest expire(String requestId) {
        return service.transition(requestId, r -> {
            Instant now = ctx.clock().instant();
            if (!RequestGuards.isDue(r, now)) {
                throw new IllegalRequestStateException(
                        "Request " + r.id() + " is " + r.status() + " and expires at " + r.expiresAt()
                                + "; it cannot be expired now.",
                        r.status());
            }
            return step(r, now, null);
        });
    }

    /** Expires every open request whose deadline passed; returns how many. */
    int expireDue() {
        int expired = 0;
        Instant now = ctx.clock().instant();
        RequestQuery q = RequestQuery.all()
                .withStatuses(Set.of(Status.NEEDS_APPROVAL, Status.APPROVED))
                .expiringBefore(now.plusNanos(1))
                .page(0, RequestQuery.MAX_LIMIT);
        List<ApprovalRequest> due;
        do {
            due = DefaultApprovalService.guard(() -> ctx.store().list(q));
            for (ApprovalRequest r : due) {
                try {
                    expire(r.id());
                    expired++;
                } catch (IllegalRequestStateException e) {
                    // completed, canceled or expired meanwhile
                }
            }
        } while (due.size() == RequestQuery.MAX_LIMIT);
        return expired;
    }

    /** Expires {@code r}; with {@code refusedOperation} set, the caller's operation is then refused. */
    DefaultApprovalService.Step step(ApprovalRequest r, Instant now, String refusedOperation) {
        String why = r.inExecutionWindow()
                ? "not completed within its execution window of " + Durations.format(r.executionWindow())
                        + ": approved, it had to run by " + r.expiresAt()
                : "expired at " + r.expiresAt();
        ApprovalRequest u = r.toBuilder()
                .status(Status.EXPIRED)
                .outcome(why)
                .updatedAt(now)
                .version(r.version() + 1)
                .build();
        RuntimeException refusal = refusedOperation == null
                ? null
                : new IllegalRequestStateException(
                        "Cannot "
                                + refusedOperation + " request " + r.id() + ": it "
                                + (r.inExecutionWindow() ? "was " : "") + why
                                + " and is now EXPIRED."
                                + " Make the call again to submit a new request.",
                        Status.EXPIRED);
        return new DefaultApprovalService.Step(
                u,
                DefaultApprovalService.event(
                        now,
                        r,
                        EngineContext.SYSTEM,
                        AuditEventType.EXPIRED,
                        "expiresAt",
                        r.expiresAt().toString(),
                        "reason",
                        why),
                () -> ctx.notifications()
                        .toRequester(
                                Notification.Kind.EXPIRED,
                                u,
                                "Request " + u.id() + " expired without being completed: " + why),
                refusal);
    }
}

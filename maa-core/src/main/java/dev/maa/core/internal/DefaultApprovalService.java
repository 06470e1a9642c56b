package dev.maa.core.internal;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.AuditEvent;
import dev.maa.api.AuditEventType;
import dev.maa.api.AuditLog;
import dev.maa.api.CompletionMode;
import dev.maa.api.ConcurrentUpdateException;
import dev.maa.api.IllegalRequestStateException;
import dev.maa.api.MaaException;
import dev.maa.api.Notification;
import dev.maa.api.PostReview;
import dev.maa.api.Principal;
import dev.maa.api.RequestNotFoundException;
import dev.maa.api.RequestQuery;
import dev.maa.api.Status;
import dev.maa.api.StoreUnavailableException;
import dev.maa.api.TextLimits;
import dev.maa.api.Verdict;
import dev.maa.core.ApprovalService;
import dev.maa.core.QuorumProgress;
import dev.maa.core.RequestAction;
import dev.maa.core.Submission;
import dev.maa.core.signing.ApprovalStatement;
import dev.maa.core.signing.SignedReview;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The approval state machine over a {@link dev.maa.api.RequestStore}; see {@link ApprovalService}. */
public final class DefaultApprovalService implements ApprovalService {

    private static final String NOT_PARKED = "Nothing was parked or stored.";
    static final String NOT_RECORDED = "Nothing was recorded; the request is unchanged.";

    private static final Logger LOG = LoggerFactory.getLogger(DefaultApprovalService.class);
    /** Each lost race means another writer won, so this only guards against a store that always refuses. */
    private static final int MAX_ATTEMPTS = 1_000;

    private final EngineContext ctx;
    private final DefaultExecutor executor;
    private final RecentRequests recent = new RecentRequests();
    private final RequestGuards guards;
    private final ReviewSignatures signatures;
    private final ReviewReminders reminders;
    private final PolicyRevalidation revalidation;
    private final Reviews reviews;
    private final Withdrawals withdrawals;
    private final Expirations expirations;

    public DefaultApprovalService(EngineContext ctx, DefaultExecutor executor) {
        this.ctx = ctx;
        this.executor = executor;
        this.guards = new RequestGuards(ctx);
        this.signatures = new ReviewSignatures(ctx);
        this.reminders = new ReviewReminders(ctx, this);
        this.revalidation = new PolicyRevalidation(ctx, this);
        this.reviews = new Reviews(ctx, this, guards, signatures);
        this.withdrawals = new Withdrawals(ctx, this);
        this.expirations = new Expirations(ctx, this);
    }

    /**
     * What one attempt writes: the new value, its audit event, and its notifications ({@code afterCommit} makes them
     * through {@link Notifications}: they are planned before the write, written with it, sent after the commit).
     */
    record Step(ApprovalRequest updated, AuditEvent event, Runnable afterCommit, RuntimeException thenThrow) {}

    @Override
    public ApprovalRequest submit(Submission s) {
        TextLimits.check("justification", s.justification(), TextLimits.MAX_JUSTIFICATION, NOT_PARKED);
        Instant now = ctx.clock().instant();
        ApprovalRequest r = ctx.diffs()
                .capture(ApprovalRequest.builder()
                        .id(UUID.randomUUID().toString())
                        .resource(s.resource())
                        .action(s.action())
                        .operation(s.call().operation())
                        .requester(s.requester().canonical())
                        .justification(s.justification())
                        .urgent(s.urgent())
                        .factors(s.decision().factors())
                        .completion(s.decision().completion())
                        .payload(s.call().payload())
                        .digest(s.call().digest())
                        .status(Status.NEEDS_APPROVAL)
                        .createdAt(now)
                        .updatedAt(now)
                        .expiresAt(now.plus(
                                s.decision().ttl() != null ? s.decision().ttl() : ctx.defaultTtl()))
                        .policyRevision(s.decision().policyRevision())
                        .executionWindow(s.decision().executionWindow())
                        .reminders(s.decision().reminders())
                        .build());
        List<Notification> planned = ctx.notifications()
                .plan(() -> ctx.notifications()
                        .toApprovers(
                                Notification.Kind.SUBMITTED,
                                r,
                                Set.of(),
                                r.requester().id() + " asks to " + r.action() + " "
                                        + r.resource().key() + " (request " + r.id() + ")"));
        ApprovalRequest stored = guard(() -> ctx.notifications()
                .insert(
                        r,
                        new AuditEvent(
                                now,
                                r.id(),
                                r.requester().id(),
                                AuditEventType.SUBMITTED,
                                AuditDetails.of(
                                        "resource",
                                        r.resource().key(),
                                        "action",
                                        r.action(),
                                        "operation",
                                        r.operation().signature(),
                                        "digest",
                                        r.digest(),
                                        "justification",
                                        r.justification(),
                                        "factors",
                                        QuorumProgress.of(r.factors(), List.of())
                                                .toString(),
                                        "approvals",
                                        AuditDetails.factors(r.factors()),
                                        "expiresAt",
                                        r.expiresAt().toString())),
                        planned));
        recent.remember(stored);
        ctx.notifications().committed(planned);
        return stored;
    }

    @Override
    public ApprovalRequest approve(String requestId, Principal reviewer, String notes) {
        return review(requestId, reviewer, notes, Verdict.APPROVE, null, null);
    }

    @Override
    public ApprovalRequest approve(String requestId, Principal reviewer, String notes, String digestSeen) {
        return review(requestId, reviewer, notes, Verdict.APPROVE, digestSeen, null);
    }

    @Override
    public ApprovalRequest reject(String requestId, Principal reviewer, String notes) {
        return review(requestId, reviewer, notes, Verdict.REJECT, null, null);
    }

    @Override
    public ApprovalRequest review(
            String requestId, Principal reviewer, Verdict verdict, String notes, SignedReview signature) {
        return review(requestId, reviewer, notes, verdict, null, Objects.requireNonNull(signature, "signature"));
    }

    private ApprovalRequest review(
            String id, Principal asGiven, String notes, Verdict verdict, String digestSeen, SignedReview signed) {
        ApprovalRequest result = reviews.review(id, asGiven, notes, verdict, digestSeen, signed);
        if (result.status() == Status.APPROVED && result.completion() == CompletionMode.AUTO) {
            try {
                return completeAs(id, null);
            } catch (IllegalRequestStateException e) {
                return get(id); // someone else completed, canceled or expired it meanwhile
            } catch (MaaException e) {
                LOG.warn("Auto completion of request {} failed: {}", id, e.getMessage());
                return get(id);
            }
        }
        return result;
    }

    @Override
    public ApprovalRequest withdraw(String requestId, Principal reviewer, String notes) {
        return withdrawals.withdraw(requestId, reviewer, notes);
    }

    @Override
    public ApprovalRequest cancel(String requestId, Principal asGiven, String reason) {
        TextLimits.check("reason", reason, TextLimits.MAX_NOTES, NOT_RECORDED);
        Principal requester = asGiven.canonical();
        return transition(requestId, r -> {
            guards.checkCancel(r, requester);
            Instant now = ctx.clock().instant();
            ApprovalRequest u = r.toBuilder()
                    .status(Status.CANCELED)
                    .outcome("canceled by requester" + (reason == null || reason.isBlank() ? "" : ": " + reason))
                    .updatedAt(now)
                    .version(r.version() + 1)
                    .build();
            return new Step(
                    u,
                    event(now, r, requester.id(), AuditEventType.CANCELED, "reason", reason),
                    () -> ctx.notifications()
                            .toRequester(Notification.Kind.CANCELED, u, "Request " + u.id() + " was canceled"),
                    null);
        });
    }

    @Override
    public ApprovalRequest complete(String requestId, Principal requester) {
        return completeAs(requestId, requester);
    }

    /** Completes an APPROVED request with auto completion as the system (the executor's pick-up after a crash). */
    public ApprovalRequest completeAuto(String requestId) {
        return completeAs(requestId, null);
    }

    /** Claims and runs; {@code requester == null} is the system (auto completion). */
    private ApprovalRequest completeAs(String requestId, Principal asGiven) {
        return completeAs(requestId, asGiven, true);
    }

    /**
     * As {@link #completeAs(String, Principal)}. A request decided under another policy revision is revalidated
     * first, in the same read ({@link PolicyRevalidation}): voided, completion is refused; unchanged, it is completed
     * under the new revision ({@code mayRevalidate} once, so a revision that keeps changing refuses).
     */
    private ApprovalRequest completeAs(String requestId, Principal asGiven, boolean mayRevalidate) {
        Principal requester = asGiven == null ? null : asGiven.canonical();
        String actor = requester == null ? EngineContext.SYSTEM : requester.id();
        String revision = ctx.policyEngine().revision();
        boolean[] revalidated = {false};
        ApprovalRequest claimed = transition(requestId, r -> {
            guards.checkCompleter(r, requester);
            Instant now = ctx.clock().instant();
            if (RequestGuards.isDue(r, now)) {
                return expiredStep(r, now, "complete");
            }
            revalidated[0] = PolicyRevalidation.stale(r, revision);
            if (revalidated[0] && mayRevalidate) {
                return revalidation.step(r);
            } else if (revalidated[0]) {
                throw new IllegalRequestStateException(
                        "Request " + r.id() + " was decided under policy revision " + r.policyRevision()
                                + " and the policy changed to " + revision + " meanwhile; complete it again",
                        r.status());
            }
            RequestGuards.requireStatus(r, "complete", Set.of(Status.APPROVED));
            boolean here = executor.canExecute(r);
            ApprovalRequest u = r.toBuilder()
                    .status(Status.COMPLETING)
                    .claimOwner(here ? ctx.nodeId() : null)
                    .claimExpiresAt(here ? now.plus(ctx.claimLease()) : null)
                    .updatedAt(now)
                    .version(r.version() + 1)
                    .build();
            return new Step(
                    u,
                    event(
                            now,
                            r,
                            actor,
                            AuditEventType.COMPLETING,
                            "claimOwner",
                            here ? ctx.nodeId() : "(unclaimed:" + " waiting for an executor that can run it)"),
                    null,
                    null);
        });
        if (revalidated[0]) {
            if (claimed.status() == Status.VOIDED) {
                throw new IllegalRequestStateException(
                        "Cannot complete request " + requestId + ": it was " + claimed.outcome() + ". It is VOIDED.",
                        Status.VOIDED);
            }
            return completeAs(requestId, asGiven, false); // its rules are unchanged: it carries on
        }
        if (claimed.claimOwner() == null) {
            return claimed;
        }
        recent.forget(requestId); // the executor moves it on from here
        return executor.execute(claimed);
    }

    @Override
    public ApprovalRequest expire(String requestId) {
        return expirations.expire(requestId);
    }

    @Override
    public int expireDue() {
        return expirations.expireDue();
    }

    @Override
    public int remindDue() {
        return reminders.remindDue();
    }

    @Override
    public int revalidateOpen() {
        return revalidation.revalidateOpen();
    }

    @Override
    public ApprovalRequest closePostReview(String requestId, Principal asGiven, String notes) {
        Principal reviewer = asGiven.canonical();
        if (notes == null || notes.isBlank()) {
            throw new IllegalArgumentException(
                    "Closing a post-emergency review needs notes: what was checked and found");
        }
        TextLimits.check("notes", notes, TextLimits.MAX_NOTES, NOT_RECORDED);
        return transition(requestId, r -> {
            guards.checkCloseReview(r, reviewer);
            Instant now = ctx.clock().instant();
            ApprovalRequest u = r.toBuilder()
                    .postReview(new PostReview(reviewer.id(), notes, now))
                    .updatedAt(now)
                    .version(r.version() + 1)
                    .build();
            return new Step(
                    u, event(now, r, reviewer.id(), AuditEventType.POST_REVIEW_CLOSED, "notes", notes), null, null);
        });
    }

    @Override
    public ApprovalRequest act(
            String requestId, Principal principal, RequestAction action, Map<String, String> fields) {
        for (String key : fields.keySet()) {
            if (!action.fields().contains(key)) {
                throw new IllegalArgumentException("The action '" + action.wireName() + "' takes no field '" + key
                        + "'; it takes " + new TreeSet<>(action.fields()) + ". Nothing was recorded.");
            }
        }
        SignedReview signed = fields.get("signature") == null ? null : SignedReview.parse(fields.get("signature"));
        return switch (action) {
            case APPROVE ->
                review(
                        requestId,
                        principal,
                        fields.getOrDefault("notes", ""),
                        Verdict.APPROVE,
                        fields.get("digest"),
                        signed);
            case REJECT -> review(requestId, principal, fields.getOrDefault("notes", ""), Verdict.REJECT, null, signed);
            case WITHDRAW -> withdraw(requestId, principal, fields.getOrDefault("notes", ""));
            case CANCEL -> cancel(requestId, principal, fields.getOrDefault("reason", ""));
            case COMPLETE -> complete(requestId, principal);
            case CLOSE_REVIEW -> closePostReview(requestId, principal, fields.get("notes"));
        };
    }

    /**
     * The statement {@code reviewer} signs with a passkey to give {@code verdict} with {@code notes} on request
     * {@code id}: their groups as the review will record them, a fresh nonce and the time now. Refused as the review
     * itself would be (not an approver, own request, reviewed already, not reviewable).
     */
    public ApprovalStatement statementToSign(String id, Principal reviewer, Verdict verdict, String notes) {
        TextLimits.check("notes", notes, TextLimits.MAX_NOTES, NOT_RECORDED);
        ApprovalRequest r = get(id);
        Principal current =
                guards.checkReview(r, reviewer.canonical(), verdict == Verdict.APPROVE ? "approve" : "reject");
        return ApprovalStatement.of(
                r,
                reviewer.canonical().id(),
                current.groups(),
                verdict,
                notes,
                UUID.randomUUID().toString(),
                ctx.clock().instant());
    }

    @Override
    public Set<RequestAction> allowedActions(ApprovalRequest r, Principal principal) {
        return guards.allowedActions(r, principal);
    }

    @Override
    public ApprovalRequest get(String requestId) {
        ApprovalRequest r =
                guard(() -> ctx.store().find(requestId)).orElseThrow(() -> new RequestNotFoundException(requestId));
        recent.remember(r);
        return r;
    }

    @Override
    public List<ApprovalRequest> list(RequestQuery query) {
        return guard(() -> ctx.store().list(query));
    }

    @Override
    public List<ApprovalRequest> postReviewQueue() {
        return list(RequestQuery.all().onlyPostReviewOpen().page(0, RequestQuery.MAX_LIMIT));
    }

    @Override
    public AuditLog auditLog() {
        return ctx.store().auditLog();
    }

    // --- machinery -------------------------------------------------------------------------------------------

    /**
     * Applies {@code attempt} to the request and stores the result with a conditional update, again on a fresh
     * read whenever another writer got there first. The first attempt may start from this engine's own latest
     * copy ({@link RecentRequests}); if that copy is refused, the refusal is checked against a fresh read.
     */
    ApprovalRequest transition(String id, Function<ApprovalRequest, Step> attempt) {
        ConcurrentUpdateException last = null;
        for (int i = 0; i < MAX_ATTEMPTS; i++) {
            ApprovalRequest copy = i == 0 ? recent.get(id) : null;
            Step step = null;
            if (copy != null) {
                try {
                    step = attempt.apply(copy);
                } catch (RuntimeException refusedOnACopy) {
                    recent.forget(id);
                }
            }
            ApprovalRequest current = step != null ? copy : get(id);
            Step next = step != null ? step : attempt.apply(current);
            List<Notification> planned = ctx.notifications().plan(next.afterCommit());
            ApprovalRequest stored;
            try {
                stored = guard(() -> ctx.notifications()
                        .update(next.updated(), current.status(), current.version(), next.event(), planned));
            } catch (ConcurrentUpdateException e) {
                recent.forget(id);
                last = e;
                continue;
            }
            recent.remember(stored);
            ctx.notifications().committed(planned);
            if (next.thenThrow() != null) {
                throw next.thenThrow();
            }
            return stored;
        }
        throw last;
    }

    /** Expires {@code r}; with {@code refusedOperation} set, the caller's operation is then refused. */
    Step expiredStep(ApprovalRequest r, Instant now, String refusedOperation) {
        return expirations.step(r, now, refusedOperation);
    }

    static AuditEvent event(Instant at, ApprovalRequest r, String actor, AuditEventType type, Object... detail) {
        Object[] kv = new Object[detail.length + 2];
        kv[0] = "from";
        kv[1] = r.status().name();
        System.arraycopy(detail, 0, kv, 2, detail.length);
        return new AuditEvent(at, r.id(), actor, type, AuditDetails.of(kv));
    }

    /** Store failures that are not MAA's own exceptions become {@link StoreUnavailableException} (fail closed). */
    static <T> T guard(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (MaaException | IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            // the cause (logged by whoever handles this) may hold URLs, SQL and stored values: the message does not
            throw new StoreUnavailableException(
                    "The request store failed (" + e.getClass().getSimpleName()
                            + "; the cause is attached for the operator's log).",
                    e);
        }
    }
}

package dev.maa.core.internal;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.AuditEventType;
import dev.maa.api.CompletionMode;
import dev.maa.api.Notification;
import dev.maa.api.PayloadIntegrityException;
import dev.maa.api.Principal;
import dev.maa.api.Review;
import dev.maa.api.Status;
import dev.maa.api.TextLimits;
import dev.maa.api.Verdict;
import dev.maa.core.QuorumProgress;
import dev.maa.core.signing.SignedReview;
import java.time.Instant;
import java.util.Set;

/**
 * Approvals and rejections of {@link DefaultApprovalService}: the guard, the quorum recount (stages, execution
 * window), the audit event and who hears of it, written as one transition.
 *
 * <p>Its own class because a review is the transition with the most rules (digest seen, passkey signature, stage
 * opening, execution window); the service keeps what follows it (auto completion).
 */
final class Reviews {

    private final EngineContext ctx;
    private final DefaultApprovalService service;
    private final RequestGuards guards;
    private final ReviewSignatures signatures;

    Reviews(EngineContext ctx, DefaultApprovalService service, RequestGuards guards, ReviewSignatures signatures) {
        this.ctx = ctx;
        this.service = service;
        this.guards = guards;
        this.signatures = signatures;
    }

    /** Records {@code verdict} by {@code asGiven} on request {@code id}; returns the request as stored. */
    ApprovalRequest review(
            String id, Principal asGiven, String notes, Verdict verdict, String digestSeen, SignedReview signed) {
        TextLimits.check("notes", notes, TextLimits.MAX_NOTES, DefaultApprovalService.NOT_RECORDED);
        Principal reviewer = asGiven.canonical();
        String op = verdict == Verdict.APPROVE ? "approve" : "reject";
        ApprovalRequest result = service.transition(id, r -> {
            Instant now = ctx.clock().instant();
            if (RequestGuards.isDue(r, now)) {
                return service.expiredStep(r, now, op);
            }
            Principal current = guards.checkReview(r, reviewer, op);
            if (digestSeen != null && !digestSeen.equals(r.digest())) {
                throw new PayloadIntegrityException(r.id(), digestSeen, r.digest());
            }
            Review review = new Review(reviewer.id(), current.groups(), verdict, notes, r.digest(), now);
            SignedReview recorded = signatures.check(r, review, signed);
            Object signedDetail = recorded == null ? null : recorded.toMap();
            ApprovalRequest.Builder b =
                    r.toBuilder().addReview(review).updatedAt(now).version(r.version() + 1);
            if (verdict == Verdict.REJECT) {
                ApprovalRequest u = b.status(Status.REJECTED)
                        .outcome("rejected by " + reviewer.id()
                                + (review.notes().isEmpty() ? "" : ": " + review.notes()))
                        .build();
                return new DefaultApprovalService.Step(
                        u,
                        DefaultApprovalService.event(
                                now,
                                r,
                                reviewer.id(),
                                AuditEventType.REJECTED,
                                "notes",
                                review.notes(),
                                ApprovalEvidence.SIGNED,
                                signedDetail),
                        () -> ctx.notifications()
                                .toRequester(
                                        Notification.Kind.REJECTED,
                                        u,
                                        "Request " + u.id() + " was rejected by " + reviewer.id() + ": "
                                                + review.notes()),
                        null);
            }
            ApprovalRequest withReview = b.build();
            QuorumProgress progress = QuorumProgress.of(r.factors(), withReview.reviews());
            boolean met = progress.met();
            int stageBefore = Quorum.currentStage(r.factors(), r.reviews());
            boolean stageOpened = !met && progress.currentStage() > stageBefore;
            ApprovalRequest u = met
                    ? withinExecutionWindow(withReview.toBuilder().status(Status.APPROVED), r, now)
                            .build()
                    : withReview;
            return new DefaultApprovalService.Step(
                    u,
                    DefaultApprovalService.event(
                            now,
                            r,
                            reviewer.id(),
                            met ? AuditEventType.APPROVED : AuditEventType.APPROVAL_RECORDED,
                            "notes",
                            review.notes(),
                            "digest",
                            r.digest(),
                            "groups",
                            AuditDetails.groups(review.reviewerGroups()),
                            "quorum",
                            progress.toString(),
                            ApprovalEvidence.SIGNED,
                            signedDetail),
                    met
                            ? () -> ctx.notifications()
                                    .toRequester(
                                            Notification.Kind.APPROVED,
                                            u,
                                            "Request " + u.id()
                                                    + " is approved"
                                                    + (u.completion() == CompletionMode.MANUAL
                                                            ? "; its requester can now" + " complete it (it runs once)"
                                                            : ""))
                            : stageOpened ? () -> stageOpened(u, progress) : null,
                    null);
        });
        signatures.recordUse(id, signed);
        return result;
    }

    /**
     * An approval under an execution window: the request stays runnable for that window from now, never past its
     * own expiry; the approval deadline is kept for a withdrawal that drops it back to NEEDS_APPROVAL.
     */
    private static ApprovalRequest.Builder withinExecutionWindow(
            ApprovalRequest.Builder b, ApprovalRequest r, Instant now) {
        if (r.executionWindow() == null) {
            return b;
        }
        Instant runBy = now.plus(r.executionWindow());
        return runBy.isBefore(r.expiresAt())
                ? b.approvalExpiresAt(r.expiresAt()).expiresAt(runBy)
                : b;
    }

    /** Stage n was met: the approvers of stage n + 1 are asked now, the requester hears of the progress. */
    private void stageOpened(ApprovalRequest u, QuorumProgress progress) {
        String text = "Request " + u.id() + " by " + u.requester().id() + " to " + u.action() + " "
                + u.resource().key() + " is in stage " + progress.currentStage() + " of " + progress.stages()
                + " and needs your approval (" + progress + ")";
        ctx.notifications().toApprovers(Notification.Kind.SUBMITTED, u, Set.of(), text);
    }
}

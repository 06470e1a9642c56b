package dev.maa.core.internal;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.AuditEventType;
import dev.maa.api.Identities;
import dev.maa.api.Notification;
import dev.maa.api.Principal;
import dev.maa.api.Review;
import dev.maa.api.Status;
import dev.maa.api.TextLimits;
import dev.maa.core.QuorumProgress;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Withdrawn approvals (Intune's {@code cancelApproval}) for {@link DefaultApprovalService}: the reviewer's approval is
 * dropped, the quorum recounted (a met one goes back to NEEDS_APPROVAL with its approval deadline), audited as
 * {@code APPROVAL_WITHDRAWN}, requester and approvers told.
 *
 * <p>Its own class so the service holds the transition machinery and each kind of review its own rules.
 */
final class Withdrawals {

    private final EngineContext ctx;
    private final DefaultApprovalService service;

    Withdrawals(EngineContext ctx, DefaultApprovalService service) {
        this.ctx = ctx;
        this.service = service;
    }

    /** {@code asGiven} takes back their approval of request {@code requestId}; returns the request as stored. */
    ApprovalRequest withdraw(String requestId, Principal asGiven, String notes) {
        TextLimits.check("notes", notes, TextLimits.MAX_NOTES, DefaultApprovalService.NOT_RECORDED);
        Principal reviewer = asGiven.canonical();
        return service.transition(requestId, r -> {
            Instant now = ctx.clock().instant();
            if (RequestGuards.isDue(r, now)) {
                return service.expiredStep(r, now, "withdraw an approval of");
            }
            RequestGuards.checkWithdraw(r, reviewer);
            List<Review> kept = r.reviews().stream()
                    .filter(rv -> !Identities.same(rv.reviewer(), reviewer.id()))
                    .toList();
            QuorumProgress progress = QuorumProgress.of(r.factors(), kept);
            Status status = progress.met() ? r.status() : Status.NEEDS_APPROVAL;
            ApprovalRequest.Builder b =
                    r.toBuilder().reviews(kept).status(status).updatedAt(now).version(r.version() + 1);
            if (status == Status.NEEDS_APPROVAL && r.approvalExpiresAt() != null) {
                b.expiresAt(r.approvalExpiresAt()).approvalExpiresAt(null); // the approval window again
            }
            ApprovalRequest u = b.build();
            String text = reviewer.id() + " withdrew their approval of request " + u.id() + "; it is now " + status
                    + " (" + progress + ")" + (notes == null || notes.isBlank() ? "" : ": " + notes);
            return new DefaultApprovalService.Step(
                    u,
                    DefaultApprovalService.event(
                            now,
                            r,
                            reviewer.id(),
                            AuditEventType.APPROVAL_WITHDRAWN,
                            "notes",
                            notes == null ? "" : notes,
                            "quorum",
                            progress.toString(),
                            "to",
                            status.name()),
                    () -> {
                        ctx.notifications().toRequester(Notification.Kind.WITHDRAWN, u, text);
                        ctx.notifications().toApprovers(Notification.Kind.WITHDRAWN, u, Set.of(), text);
                    },
                    null);
        });
    }
}

package dev.maa.core.internal;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.AuditLog;
import dev.maa.core.signing.SignedReview;
import java.util.List;

/**
 * The passkey-signed approvals that count for a request, read from its sealed audit trail by the one reading the
 * completion check uses ({@link ApprovalEvidence}); for {@code dev.maa.core.KeyEnrollments}, which stores them with an
 * approved key change.
 */
public final class SignedApprovals {

    private SignedApprovals() {}

    /**
     * The signed reviews of {@code r}'s counted approvals, in the order they were sealed.
     *
     * @throws IllegalStateException if the trail does not approve what {@code r} holds
     */
    public static List<SignedReview> of(ApprovalRequest r, AuditLog log) {
        return ApprovalEvidence.signedApprovals(r, log);
    }
}

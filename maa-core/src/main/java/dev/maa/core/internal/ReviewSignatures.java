package dev.maa.core.internal;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.Factor;
import dev.maa.api.Review;
import dev.maa.api.ReviewNotAllowedException;
import dev.maa.core.signing.ApprovalSigning;
import dev.maa.core.signing.SignedReview;
import dev.maa.core.signing.TrustedKeys;
import java.util.List;

/**
 * The check of a review's passkey signature when the review is recorded: a request of a passkey policy takes only
 * signed reviews, and a signature must be over this very review's statement (and, where the engine has the anchors,
 * by a trusted key with a valid assertion and a counter that went up).
 *
 * <p>Why here as well as at completion: refusing a bad signature when it is presented tells the approver at once and
 * keeps the quorum shown everywhere honest; the host's check at completion ({@link ApprovalEvidence}) is what
 * protects, since whoever holds the server or the database can skip this one.
 */
final class ReviewSignatures {

    private final EngineContext ctx;

    ReviewSignatures(EngineContext ctx) {
        this.ctx = ctx;
    }

    static boolean needed(ApprovalRequest r) {
        return r.factors().stream().anyMatch(Factor::needsSignature);
    }

    /**
     * Returns {@code signed} as it is recorded: with its key's anchor-signed enrollment attached where the engine has
     * the anchors.
     *
     * @throws ReviewNotAllowedException if {@code signed} is missing where needed, or does not prove {@code review}
     */
    SignedReview check(ApprovalRequest r, Review review, SignedReview signed) {
        if (signed == null) {
            if (needed(r)) {
                List<String> policies = r.factors().stream()
                        .filter(Factor::needsSignature)
                        .map(Factor::policy)
                        .toList();
                throw ReviewNotAllowedException.signatureRequired(r.id(), policies);
            }
            return null;
        }
        ApprovalSigning signing = ctx.signing();
        if (signing == null) {
            String problem = ApprovalSigning.statementProblem(r, review, signed.statement());
            if (problem != null) {
                throw ReviewNotAllowedException.signatureRefused(review.reviewer(), r.id(), problem);
            }
            return signed;
        }
        TrustedKeys trusted = signing.trustedKeys();
        String problem = signing.problem(r, review, signed, trusted);
        if (problem != null) {
            throw ReviewNotAllowedException.signatureRefused(review.reviewer(), r.id(), problem);
        }
        return signed.withEnrollment(trusted.get(signed.keyId()).enrollment());
    }

    /** Notes the signature counter the review used, once recorded, for the next review's check. */
    void recordUse(String requestId, SignedReview signed) {
        ApprovalSigning signing = ctx.signing();
        if (signed != null && signing != null) {
            signing.keys().recordUse(signed.keyId(), requestId, signed.counter());
        }
    }
}

package dev.maa.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maa.api.ApprovalRequest;
import dev.maa.api.AuditEntry;
import dev.maa.api.AuditEventType;
import dev.maa.api.AuditLog;
import dev.maa.api.Factor;
import dev.maa.api.Review;
import dev.maa.api.Verdict;
import dev.maa.core.signing.ApprovalSigning;
import dev.maa.core.signing.SignedReview;
import dev.maa.core.signing.TrustedKeys;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether a request about to run is approved by its sealed audit trail, not merely by its status column.
 *
 * <p>Why: the store's row (status, reviews, factors, digest) can be written by anyone with database access; the
 * audit trail's entries carry keyed hashes that only a holder of the audit key can produce. So before a call runs,
 * the approval is re-derived from authentic trail entries alone (the SUBMITTED event's requester, digest and factors,
 * each reviewer's approval with the digest it approved and the groups it held) and the store's copy must agree.
 * A review carries what it approved; for factors of {@code approval_assurance: passkey} policies only approvals whose
 * passkey signature the host verifies count ({@link ApprovalSigning}).
 */
final class ApprovalEvidence {

    private static final Set<AuditEventType> APPROVALS =
            EnumSet.of(AuditEventType.APPROVAL_RECORDED, AuditEventType.APPROVED);
    /** Events after which a request can never run again. */
    private static final Set<AuditEventType> CLOSED = EnumSet.of(
            AuditEventType.REJECTED,
            AuditEventType.CANCELED,
            AuditEventType.EXPIRED,
            AuditEventType.VOIDED,
            AuditEventType.COMPLETED,
            AuditEventType.FAILED,
            AuditEventType.PAYLOAD_INTEGRITY_FAILED,
            AuditEventType.INTEGRITY_FAILED,
            AuditEventType.SIGNATURES_REFUSED);

    /** The member of a review's audit detail that holds its {@link SignedReview}. */
    static final String SIGNED = "signed";

    private ApprovalEvidence() {}

    /** Why a request must not run: the event that marks it, and the reason. */
    record Refusal(AuditEventType type, String reason) {}

    /**
     * Why {@code r} must not run, or {@code null} if its trail in {@code log} approves exactly what it holds and, for
     * factors of {@code approval_assurance: passkey} policies, every counted approval carries a signature that
     * {@code signing} verifies ({@code null}: this host verifies none, so such a request is refused).
     */
    static Refusal refusal(ApprovalRequest r, AuditLog log, ApprovalSigning signing) {
        List<Review> sealed = new ArrayList<>();
        Map<Review, SignedReview> signatures = new IdentityHashMap<>();
        List<String> signatureProblems = new ArrayList<>();
        String disagreement = disagreement(r, log, sealed, signatures, signatureProblems);
        if (disagreement != null) {
            return new Refusal(AuditEventType.INTEGRITY_FAILED, disagreement);
        }
        if (r.factors().stream().noneMatch(Factor::needsSignature)) {
            return null;
        }
        if (signing == null) {
            return new Refusal(
                    AuditEventType.SIGNATURES_REFUSED,
                    "its policy asks for passkey-signed approvals and this host verifies none (no anchors configured:"
                            + " set approvals.anchors in its maa.yaml, see docs/security.md)");
        }
        TrustedKeys trusted = signing.trustedKeys();
        Set<Review> verified = Collections.newSetFromMap(new IdentityHashMap<>());
        signatures.forEach((review, signed) -> {
            String problem = signing.problem(r, review, signed, trusted);
            if (problem == null) {
                verified.add(review);
            } else {
                signatureProblems.add(problem);
            }
        });
        String unmet = Quorum.unmet(r.factors(), sealed, r.requester().id(), r.digest(), verified::contains);
        if (unmet == null) {
            return null;
        }
        return new Refusal(
                AuditEventType.SIGNATURES_REFUSED,
                unmet + (signatureProblems.isEmpty() ? "" : "; " + String.join("; ", signatureProblems)));
    }

    /**
     * The signed reviews of {@code r}'s approvals that count now, in the order they were sealed.
     *
     * @throws IllegalStateException if the trail does not approve what {@code r} holds
     */
    static List<SignedReview> signedApprovals(ApprovalRequest r, AuditLog log) {
        List<Review> sealed = new ArrayList<>();
        Map<Review, SignedReview> signatures = new IdentityHashMap<>();
        String disagreement = disagreement(r, log, sealed, signatures, new ArrayList<>());
        if (disagreement != null) {
            throw new IllegalStateException(
                    "request " + r.id() + " is not approved by its audit trail: " + disagreement);
        }
        return sealed.stream()
                .filter(signatures::containsKey)
                .map(signatures::get)
                .toList();
    }

    /** Why {@code r} must not run, or {@code null} if its trail in {@code log} approves exactly what it holds. */
    static String disagreement(ApprovalRequest r, AuditLog log) {
        return disagreement(r, log, new ArrayList<>(), new IdentityHashMap<>(), new ArrayList<>());
    }

    /** Also collects the sealed approvals into {@code sealed} and the signed reviews among them. */
    private static String disagreement(
            ApprovalRequest r,
            AuditLog log,
            List<Review> sealed,
            Map<Review, SignedReview> signatures,
            List<String> signatureProblems) {
        List<AuditEntry> trail = log.forRequest(r.id());
        JsonNode submitted = null;
        JsonNode sealedFactors = null;
        int approvedEvents = 0;
        for (AuditEntry e : trail) {
            String type = e.event().type();
            AuditEventType known = AuditEventType.find(type).orElse(null);
            if (!log.authentic(e)) {
                return "audit entry seq " + e.seq() + " (" + type + ") is not authentic (check 'mac'): it was not "
                        + "written with the audit key, or was changed since";
            }
            if (CLOSED.contains(known)) {
                return "its audit trail closed it at seq " + e.seq() + " (" + type + ")";
            }
            if (known == AuditEventType.SUBMITTED) {
                if (submitted != null
                        || !Quorum.sameIdentity(e.event().actor(), r.requester().id())) {
                    return "the SUBMITTED event at seq " + e.seq() + " names requester '"
                            + e.event().actor() + "' (or is not the only one), the store says '"
                            + r.requester().id() + "'";
                }
                submitted = AuditDetails.read(e.event().detail());
                sealedFactors = submitted.path("approvals");
            } else if (known == AuditEventType.ESCALATED) {
                sealedFactors = AuditDetails.read(e.event().detail()).path("approvals"); // the factors from now on
            } else if (APPROVALS.contains(known)) {
                JsonNode d = AuditDetails.read(e.event().detail());
                Review review = new Review(
                        e.event().actor(),
                        AuditDetails.readGroups(d.path("groups")),
                        Verdict.APPROVE,
                        d.path("notes").asText(""),
                        d.path("digest").asText(""),
                        e.event().at());
                sealed.add(review);
                if (d.has(SIGNED)) {
                    try {
                        signatures.put(review, SignedReview.fromJson(d.get(SIGNED)));
                    } catch (IllegalArgumentException bad) {
                        signatureProblems.add("the signed review by " + review.reviewer() + " at seq " + e.seq()
                                + " cannot be read: " + bad.getMessage());
                    }
                }
                approvedEvents += known == AuditEventType.APPROVED ? 1 : 0;
            } else if (known == AuditEventType.APPROVAL_WITHDRAWN) {
                // the withdrawn approval no longer counts; one that undid a met quorum undoes its APPROVED event
                sealed.removeIf(
                        rv -> Quorum.sameIdentity(rv.reviewer(), e.event().actor()));
                signatures
                        .keySet()
                        .removeIf(rv ->
                                Quorum.sameIdentity(rv.reviewer(), e.event().actor()));
                JsonNode d = AuditDetails.read(e.event().detail());
                boolean undidApproval = "APPROVED".equals(d.path("from").asText())
                        && "NEEDS_APPROVAL".equals(d.path("to").asText());
                approvedEvents -= undidApproval ? 1 : 0;
            }
        }
        if (submitted == null) {
            return "no authentic SUBMITTED event of the request in the audit trail";
        }
        String sealedDigest = submitted.path("digest").asText("");
        if (!sealedDigest.equals(r.digest())) {
            return "the digest sealed at submission (" + sealedDigest + ") is not the stored digest (" + r.digest()
                    + "): the payload was replaced";
        }
        List<Factor> factors;
        try {
            factors = AuditDetails.readFactors(sealedFactors);
        } catch (IllegalArgumentException e) {
            return "the factors sealed at submission cannot be read: " + e.getMessage();
        }
        if (!Set.copyOf(factors).equals(Set.copyOf(r.factors()))) {
            return "the stored approval factors " + r.factors()
                    + " are not the ones sealed at submission (or escalation) " + factors;
        }
        if (approvedEvents != 1) {
            return approvedEvents == 0
                    ? "no authentic APPROVED event: the quorum was never reached through MAA"
                    : approvedEvents + " APPROVED events";
        }
        String storeDisagrees = sameReviews(r.reviews(), sealed);
        if (storeDisagrees != null) {
            return storeDisagrees;
        }
        return Quorum.unmet(factors, sealed, r.requester().id(), r.digest());
    }

    /** The stored reviews must be the sealed approvals: same reviewers, digests and groups, and no rejection. */
    private static String sameReviews(List<Review> stored, List<Review> sealed) {
        Set<List<Object>> fromStore = new HashSet<>();
        for (Review rv : stored) {
            if (rv.verdict() != Verdict.APPROVE) {
                return "the store holds a rejection by " + rv.reviewer();
            }
            fromStore.add(List.of(rv.reviewer(), rv.digest(), rv.reviewerGroups()));
        }
        Set<List<Object>> fromTrail = new HashSet<>();
        sealed.forEach(rv -> fromTrail.add(List.of(rv.reviewer(), rv.digest(), rv.reviewerGroups())));
        if (fromStore.equals(fromTrail)) {
            return null;
        }
        Set<List<Object>> unsealed = new HashSet<>(fromStore);
        unsealed.removeAll(fromTrail);
        return unsealed.isEmpty()
                ? "sealed approvals are missing from the stored reviews"
                : "stored reviews have no authentic approval event in the audit trail: "
                        + unsealed.stream()
                                .map(l -> l.get(0) + " (digest " + l.get(1) + ", groups " + l.get(2) + ")")
                                .toList();
    }
}

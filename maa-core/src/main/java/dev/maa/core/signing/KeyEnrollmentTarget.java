package dev.maa.core.signing;

import dev.maa.api.Identities;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What runs when a {@link KeyEnrollment} request completes: the key record is stored with the request's signed
 * approvals ({@link EnrollmentApprovals}), after this host verified that they make it trusted.
 *
 * <p>Why the class is fixed and final: the digest the approvers sign is that of a parked call of this very method
 * ({@link EnrollmentApprovals#digest}), so every host recomputes it from the record alone. Why it verifies before
 * storing: a record whose approvals do not make it trusted would be ignored by every host anyway; refusing it here
 * fails the request with the reason instead of storing something that silently counts for nothing.
 */
public final class KeyEnrollmentTarget implements KeyEnrollment {

    /** The request that parked a key change and its counted signed approvals. */
    public record Approved(String requestId, String requester, List<SignedReview> reviews) {}

    /** Finds the open (completing) request of key {@code keyId}. */
    @FunctionalInterface
    public interface Requests {
        Optional<Approved> approved(String keyId);
    }

    private final ApprovalSigning signing;
    private final Requests requests;

    public KeyEnrollmentTarget(ApprovalSigning signing, Requests requests) {
        this.signing = Objects.requireNonNull(signing, "signing");
        this.requests = Objects.requireNonNull(requests, "requests");
    }

    @Override
    public void apply(String keyId, String record, String requester, String aaguid) {
        KeyRecord parsed = KeyRecord.parse(record);
        if (!parsed.keyId().equals(keyId)) {
            throw new IllegalArgumentException("the key change names key " + parsed.keyId() + ", not " + keyId);
        }
        Approved approved = requests.approved(keyId)
                .orElseThrow(() -> new IllegalStateException("the change of key " + keyId
                        + " runs only as an approved request (KeyEnrollments.request); nothing was stored"));
        if (!Identities.same(approved.requester(), requester)) {
            throw new IllegalStateException("the change of key " + keyId + " names requester " + requester
                    + ", its request " + approved.requestId() + " was made by " + approved.requester());
        }
        SignedKeyRecord stored =
                new EnrollmentApprovals(approved.requestId(), requester, aaguid, approved.reviews()).attach(parsed);
        String problem = signing.wouldNotCount(stored);
        if (problem != null) {
            throw new IllegalStateException("the " + parsed.type().name().toLowerCase(java.util.Locale.ROOT)
                    + " of key " + keyId + " was not stored: " + problem);
        }
        signing.keys().add(stored);
    }
}

package dev.maa.core;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.ApprovalRequiredException;
import dev.maa.api.Maa;
import dev.maa.api.Principal;
import dev.maa.api.RequestQuery;
import dev.maa.api.ResourceRef;
import dev.maa.api.ResourceType;
import dev.maa.api.Status;
import dev.maa.core.internal.SignedApprovals;
import dev.maa.core.signing.ApprovalSigning;
import dev.maa.core.signing.KeyEnrollment;
import dev.maa.core.signing.KeyEnrollmentTarget;
import dev.maa.core.signing.KeyRecord;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Enrolling and revoking approver keys by the signed approvals of other admins: each key change is a parked
 * {@code CUSTOM:approver-key} request ({@link KeyEnrollment}) that appears in the approvers' inboxes like any other;
 * once approved and completed, the record is stored with those signed approvals and every host trusts the key from
 * them ({@link dev.maa.core.signing.TrustedKeys}).
 *
 * <p>Why through the engine: parking, the one-open-request-per-key rule, the quorum, the audit trail and exactly-once
 * completion are the engine's, and a key change deserves all of them. The host's own rule (how many other admins'
 * trusted keys) is checked again when the record is stored and by every host that reads it, whatever the access
 * policy that parked it said.
 */
public final class KeyEnrollments {

    private final MaaEngine maa;
    private final KeyEnrollment enrollment;

    /**
     * @throws IllegalStateException if {@code maa} verifies no passkey signatures (no anchors configured)
     */
    public KeyEnrollments(MaaEngine maa) {
        this.maa = Objects.requireNonNull(maa, "maa");
        ApprovalSigning signing = maa.approvalSigning();
        if (signing == null) {
            throw new IllegalStateException(
                    "key enrollment by approvals needs passkey approvals set up (anchors, rp_id,"
                            + " origins: the approvals: section of maa.yaml, docs/security.md)");
        }
        this.enrollment = maa.protect(KeyEnrollment.class, new KeyEnrollmentTarget(signing, this::approved));
    }

    /**
     * Parks the request to store {@code record} (an enrollment or revocation), asked for by {@code requester}.
     *
     * @param aaguid the authenticator model the passkey gave at registration, or empty
     * @return the id of the parked request
     * @throws dev.maa.api.RequestAlreadyPendingException a change of this key is already pending
     * @throws IllegalStateException no access policy requires approval of {@code CUSTOM:approver-key}, so the change
     *     ran at once without approvals and was refused (nothing stored)
     */
    public String request(Principal requester, KeyRecord record, String aaguid, String justification) {
        Principal who = requester.canonical();
        boolean justified = justification != null && !justification.isBlank();
        try (var acting = Maa.actingAs(who);
                var why = justified ? Maa.justify(justification) : null) {
            enrollment.apply(record.keyId(), record.canonicalJson(), who.id(), aaguid == null ? "" : aaguid);
        } catch (ApprovalRequiredException parked) {
            return parked.requestId();
        }
        throw new IllegalStateException("the key change ran without approval");
    }

    /** The key-change requests still open (awaiting approval or completion), newest first. */
    public List<ApprovalRequest> pending() {
        RequestQuery open = RequestQuery.all()
                .withStatuses(Set.of(Status.NEEDS_APPROVAL, Status.APPROVED, Status.COMPLETING))
                .page(0, RequestQuery.MAX_LIMIT);
        return maa.store().list(open).stream()
                .filter(r -> r.resource().type() == ResourceType.CUSTOM
                        && KeyEnrollment.RESOURCE.equals(r.resource().customName()))
                .toList();
    }

    /**
     * The key record request {@code r} (one of {@link #pending()}) asks to store, read back by the engine's codec.
     *
     * @throws IllegalArgumentException if {@code r} is not a key change
     */
    public KeyRecord recordOf(ApprovalRequest r) {
        List<Object> args = maa.codec().decode(r.id(), r.payload(), r.digest()).args();
        if (args.size() != 4 || !(args.get(1) instanceof String record)) {
            throw new IllegalArgumentException("request " + r.id() + " is not a key change");
        }
        return KeyRecord.parse(record);
    }

    /** The open key-change request of {@code keyId}, if any. */
    public Optional<ApprovalRequest> pending(String keyId) {
        return maa.store().findOpen(resource(keyId));
    }

    private Optional<KeyEnrollmentTarget.Approved> approved(String keyId) {
        return pending(keyId)
                .map(r -> new KeyEnrollmentTarget.Approved(
                        r.id(),
                        r.requester().id(),
                        SignedApprovals.of(r, maa.store().auditLog())));
    }

    private static String resource(String keyId) {
        return new ResourceRef(
                        ResourceType.CUSTOM,
                        KeyEnrollment.RESOURCE,
                        keyId,
                        dev.maa.api.Platform.UNSPECIFIED,
                        java.util.Set.of())
                .key();
    }
}

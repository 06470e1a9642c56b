package dev.maa.core.signing;

import dev.maa.api.Action;
import dev.maa.api.Protected;
import dev.maa.api.ResourceType;

/**
 * Enrolling or revoking an approver key as a protected, parked operation: a call parks a
 * {@code CUSTOM:approver-key} request whose payload names the key record, and the key change is stored only once
 * the request is approved and completed.
 *
 * <p>Why a protected call rather than a route of its own: a key trusted through approvals must be vouched for by
 * other admins exactly as any other admin change is, with the same canonical payload, digest, inbox, quorum, audit
 * trail and exactly-once completion. An access policy for {@code CUSTOM} resource {@value #RESOURCE} with
 * {@code approval_assurance: passkey} makes the approvers sign; each host then re-verifies those signatures itself
 * ({@link TrustedKeys}), whatever the policy said. Obtain the protected instance from
 * {@code dev.maa.core.KeyEnrollments}; never call {@link KeyEnrollmentTarget} directly.
 */
public interface KeyEnrollment {

    /** The custom resource name of key changes, as access policies name it ({@code CUSTOM:approver-key}). */
    String RESOURCE = "approver-key";

    /**
     * Stores {@code record} (an enrollment or revocation of key {@code keyId}) with the signed approvals of the
     * request that parked this call.
     *
     * @param keyId     the credential id the record names (the request's object)
     * @param record    the {@link KeyRecord}'s canonical JSON
     * @param requester who asked for the change (canonical id); their approvals never count
     * @param aaguid    the authenticator model the passkey said it is at registration; empty if unknown
     */
    @Protected(resource = ResourceType.CUSTOM, customResource = RESOURCE, action = Action.UPDATE, objectId = "keyId")
    void apply(String keyId, String record, String requester, String aaguid);
}

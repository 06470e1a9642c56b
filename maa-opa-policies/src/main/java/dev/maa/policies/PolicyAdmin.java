package dev.maa.policies;

import static dev.maa.api.Action.UPDATE;
import static dev.maa.api.ResourceType.ACCESS_POLICY;

import dev.maa.api.Protected;

/**
 * The policy change itself, protected like any other admin operation (Intune: "access policy changes
 * require a second administrator"): a call parks an {@code ACCESS_POLICY} request whose payload is the
 * whole {@link PolicyChange}; after approval and completion the replayed call activates it. Obtain a
 * protected instance from {@link PolicyService}; never call an unprotected implementation directly.
 */
public interface PolicyAdmin {

    /** Validates, stores and activates {@code change} as the next revision, atomically; returns it. */
    @Protected(resource = ACCESS_POLICY, action = UPDATE, objectId = "change.target")
    PolicyRevision activate(PolicyChange change);
}

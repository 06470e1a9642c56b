package dev.maa.core;

import dev.maa.api.Action;
import dev.maa.api.Decision;
import dev.maa.api.Effect;
import dev.maa.api.Principal;
import dev.maa.api.ResourceRef;
import dev.maa.core.codec.ParkedCall;
import java.util.Objects;

/**
 * A call the policy said needs approval, ready to be stored as a request by {@link ApprovalService#submit}.
 * The {@link Gatekeeper} builds these; hosts with their own interception can too.
 */
public record Submission(
        ResourceRef resource,
        Action action,
        Principal requester,
        String justification,
        boolean urgent,
        Decision decision,
        ParkedCall call) {

    public Submission {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(call, "call");
        justification = justification == null ? "" : justification;
        if (decision.effect() != Effect.REQUIRE_APPROVAL) {
            throw new IllegalArgumentException(
                    "Only require_approval decisions are submitted, not " + decision.effect());
        }
    }
}

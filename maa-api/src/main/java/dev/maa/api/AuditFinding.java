package dev.maa.api;

import java.util.Objects;

/**
 * What one access policy in audit mode would have done with a call: require approval (with the factor it would have
 * added) or deny. Audit-mode policies take no part in the {@link Decision}'s effect; they are reported here so the
 * gatekeeper can record a {@code would_require_approval} / {@code would_deny} event while the call runs.
 *
 * @param policy the access policy's name
 * @param effect {@link Effect#REQUIRE_APPROVAL} or {@link Effect#DENY}
 * @param factor the factor it would have required; {@code null} exactly when {@code effect} is deny
 */
public record AuditFinding(String policy, Effect effect, Factor factor) {

    public AuditFinding {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(effect, "effect");
        if (effect == Effect.ALLOW) {
            throw new IllegalArgumentException("Audit finding '" + policy + "': only deny or require_approval is"
                    + " recorded as a 'would' outcome, not allow");
        }
        if ((effect == Effect.REQUIRE_APPROVAL) != (factor != null)) {
            throw new IllegalArgumentException("Audit finding '" + policy + "': a factor goes with require_approval"
                    + " and only with it (effect " + effect.wireName() + ")");
        }
    }
}

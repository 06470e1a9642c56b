package dev.maa.core;

import dev.maa.api.Decision;
import dev.maa.api.Effect;

/**
 * What the gatekeeper does with a protected call, given the policy's decision and the call's context: the one
 * place that combines the policy's effect with break-glass and the justification rules. The gatekeeper acts on it,
 * and {@code maa policy eval} reports it beside the policy's own decision, so an evaluation says what would happen
 * (a break-glass principal's emergency call runs at once, whatever the policy's effect).
 */
public enum CallOutcome {
    /** The policy allows it: the call runs. */
    ALLOW("allow", true, "the policy allows the call: it runs"),
    /** A configured break-glass principal in an emergency scope with a justification: runs now, reviewed later. */
    BREAK_GLASS(
            "break_glass",
            true,
            "a break-glass principal acting in an emergency: the call runs at once, whatever"
                    + " the policy says, and waits in the post-emergency review queue"),
    /** A break-glass principal in an emergency scope without the justification break-glass requires: refused. */
    BREAK_GLASS_NEEDS_JUSTIFICATION(
            "justification_required",
            false,
            "break-glass calls need an emergency" + " justification: the call is refused until one is given"),
    /** The policy denies it: refused (and audited). */
    DENY("deny", false, "the policy denies the call: it is refused"),
    /** The policy needs approval and a justification, and none was given: refused before anything is parked. */
    JUSTIFICATION_REQUIRED(
            "justification_required",
            false,
            "the policy requires a justification: the call is" + " refused until one is given"),
    /** The policy needs approval: the call is parked as a request and runs once approved and completed. */
    REQUIRE_APPROVAL(
            "require_approval",
            false,
            "the call is parked as an approval request and runs once approved" + " and completed");

    private final String wireName;
    private final boolean runsNow;
    private final String explanation;

    CallOutcome(String wireName, boolean runsNow, String explanation) {
        this.wireName = wireName;
        this.runsNow = runsNow;
        this.explanation = explanation;
    }

    /**
     * The outcome of a call by {@code principalId}, in an emergency scope or not, with {@code justification}
     * (blank for none), that the policy decided as {@code decision}, under the engine's {@code breakGlass}.
     */
    public static CallOutcome of(
            Decision decision, String principalId, boolean emergency, String justification, BreakGlass breakGlass) {
        if (decision.effect() == Effect.ALLOW) {
            return ALLOW;
        }
        boolean justified = justification != null && !justification.isBlank();
        if (emergency && breakGlass.isEmergencyPrincipal(principalId)) {
            return breakGlass.justificationRequired() && !justified ? BREAK_GLASS_NEEDS_JUSTIFICATION : BREAK_GLASS;
        }
        if (decision.effect() == Effect.DENY) {
            return DENY;
        }
        return decision.justificationRequired() && !justified ? JUSTIFICATION_REQUIRED : REQUIRE_APPROVAL;
    }

    /** The name in JSON output ({@code allow}, {@code break_glass}, ...; the policy effect's names where shared). */
    public String wireName() {
        return wireName;
    }

    /** Whether the call runs at once. */
    public boolean runsNow() {
        return runsNow;
    }

    /** One sentence saying what happens to the call. */
    public String explanation() {
        return explanation;
    }
}

package dev.maa.api;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the access policy said about one call.
 *
 * @param effect                allow, deny or require approval
 * @param factors               approval requirements; non-empty exactly when the effect is {@link Effect#REQUIRE_APPROVAL}
 * @param ttl                   how long a parked request waits for approval; {@code null} means the default (30 days)
 * @param completion            who runs the call once approved
 * @param justificationRequired whether the caller must give a business justification
 * @param reasons               human-readable reasons, shown to the caller (why denied, which policies matched)
 * @param policyRevision        the revision of the policy that decided, for caches and the audit trail
 * @param executionWindow       how long an approved request stays runnable, {@code null} = until its expiry
 * @param reminders             reminders and escalation of the parked request, {@code null} = none
 * @param audit                 what access policies in audit mode would have done (they take no part in the
 *                              effect); empty when none matched
 * @param enforcementPinned     whether a policy deciding this call says {@code enforcement: enforce} explicitly (or a
 *                              custom rule decided it), so no operator default can put the call in audit mode
 */
public record Decision(
        Effect effect,
        List<Factor> factors,
        Duration ttl,
        CompletionMode completion,
        boolean justificationRequired,
        List<String> reasons,
        String policyRevision,
        Duration executionWindow,
        Reminders reminders,
        List<AuditFinding> audit,
        boolean enforcementPinned) {

    /** A decision without audit findings, not pinned (the form before enforcement modes existed). */
    public Decision(
            Effect effect,
            List<Factor> factors,
            Duration ttl,
            CompletionMode completion,
            boolean justificationRequired,
            List<String> reasons,
            String policyRevision,
            Duration executionWindow,
            Reminders reminders) {
        this(
                effect,
                factors,
                ttl,
                completion,
                justificationRequired,
                reasons,
                policyRevision,
                executionWindow,
                reminders,
                List.of(),
                false);
    }

    /** A decision without reminders (the signature before they existed). */
    public Decision(
            Effect effect,
            List<Factor> factors,
            Duration ttl,
            CompletionMode completion,
            boolean justificationRequired,
            List<String> reasons,
            String policyRevision,
            Duration executionWindow) {
        this(effect, factors, ttl, completion, justificationRequired, reasons, policyRevision, executionWindow, null);
    }

    /** A decision without an execution window (the signature before it existed). */
    public Decision(
            Effect effect,
            List<Factor> factors,
            Duration ttl,
            CompletionMode completion,
            boolean justificationRequired,
            List<String> reasons,
            String policyRevision) {
        this(effect, factors, ttl, completion, justificationRequired, reasons, policyRevision, null);
    }

    public Decision {
        Objects.requireNonNull(effect, "effect");
        factors = List.copyOf(factors == null ? List.of() : factors);
        reasons = List.copyOf(reasons == null ? List.of() : reasons);
        audit = List.copyOf(audit == null ? List.of() : audit);
        completion = completion == null ? CompletionMode.MANUAL : completion;
        policyRevision = policyRevision == null ? "" : policyRevision;
        if (effect == Effect.REQUIRE_APPROVAL && factors.isEmpty()) {
            throw new IllegalArgumentException("A require_approval decision needs at least one factor");
        }
        if (ttl != null && (ttl.isNegative() || ttl.isZero())) {
            throw new IllegalArgumentException("ttl must be positive, was " + ttl);
        }
        if (executionWindow != null && (executionWindow.isNegative() || executionWindow.isZero())) {
            throw new IllegalArgumentException("executionWindow must be positive, was " + executionWindow);
        }
    }

    public static Decision allow(String... reasons) {
        return new Decision(Effect.ALLOW, List.of(), null, CompletionMode.MANUAL, false, List.of(reasons), "");
    }

    public static Decision deny(String... reasons) {
        return new Decision(Effect.DENY, List.of(), null, CompletionMode.MANUAL, false, List.of(reasons), "");
    }

    public static Decision requireApproval(
            List<Factor> factors,
            Duration ttl,
            CompletionMode completion,
            boolean justificationRequired,
            String... reasons) {
        return new Decision(
                Effect.REQUIRE_APPROVAL, factors, ttl, completion, justificationRequired, List.of(reasons), "");
    }

    public Decision withPolicyRevision(String revision) {
        return new Decision(
                effect,
                factors,
                ttl,
                completion,
                justificationRequired,
                reasons,
                revision,
                executionWindow,
                reminders,
                audit,
                enforcementPinned);
    }

    /** This decision with {@code window} as its execution window. */
    public Decision withExecutionWindow(Duration window) {
        return new Decision(
                effect,
                factors,
                ttl,
                completion,
                justificationRequired,
                reasons,
                policyRevision,
                window,
                reminders,
                audit,
                enforcementPinned);
    }

    /** This decision with {@code value} as its reminders and escalation. */
    public Decision withReminders(Reminders value) {
        return new Decision(
                effect,
                factors,
                ttl,
                completion,
                justificationRequired,
                reasons,
                policyRevision,
                executionWindow,
                value,
                audit,
                enforcementPinned);
    }

    /** This decision with {@code findings} of audit-mode policies and {@code pinned} as its enforcement pin. */
    public Decision withAudit(List<AuditFinding> findings, boolean pinned) {
        return new Decision(
                effect,
                factors,
                ttl,
                completion,
                justificationRequired,
                reasons,
                policyRevision,
                executionWindow,
                reminders,
                findings,
                pinned);
    }
}

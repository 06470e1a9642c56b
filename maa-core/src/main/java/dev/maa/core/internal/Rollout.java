package dev.maa.core.internal;

import dev.maa.api.AuditFinding;
import dev.maa.api.Decision;
import dev.maa.api.Effect;
import dev.maa.api.Enforcement;
import dev.maa.api.Factor;
import dev.maa.api.PolicyInput;
import dev.maa.api.ResourceType;
import dev.maa.core.CallOutcome;
import dev.maa.core.EnforcementDefaults;
import dev.maa.core.codec.ParkedCall;
import dev.maa.core.decisionlog.DecisionCounts;
import dev.maa.core.decisionlog.DecisionEvent;
import dev.maa.core.decisionlog.DecisionLogger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gatekeeper's rollout step, between the decision and acting on it: audit mode (a call that enforcement would
 * park or refuse runs, recorded as {@code would_require_approval} / {@code would_deny}, counted per policy and
 * method, with nothing written to the request store) and the decision log. Break-glass outcomes and policy changes
 * ({@code ACCESS_POLICY}) are never audited.
 */
final class Rollout {

    static final String WOULD_DENY = "would_deny";
    static final String WOULD_REQUIRE_APPROVAL = "would_require_approval";
    /** The policy tag of a would-outcome that the operator's default (not a policy) put in audit mode. */
    static final String OPERATOR_DEFAULT = "(operator default)";

    private static final Logger LOG = LoggerFactory.getLogger(Rollout.class);

    private final EnforcementDefaults defaults;
    private final DecisionLogger log;
    private final DecisionCounts counts;

    Rollout(EnforcementDefaults defaults, DecisionLogger log, DecisionCounts counts) {
        this.defaults = defaults;
        this.log = log;
        this.counts = counts;
    }

    /** Whether this allowed call is one of those logged (sampling). */
    boolean sampleAllow() {
        return log.sampleAllow();
    }

    /** Logs a sampled allow whose event {@code event} builds on the log's thread (the cached-allow path). */
    void recordAllowLater(Supplier<DecisionEvent> event) {
        log.recordLater(event);
    }

    /** The event of a sampled allow. */
    DecisionEvent allowEvent(PolicyInput in, Decision d, ParkedCall parked) {
        return log.event(CallOutcome.ALLOW.wireName(), in, d, parked, true);
    }

    /**
     * Records the decision and says whether the call runs because of audit mode: either its enforced outcome would
     * park or refuse it and the operator's default for its method is audit (unless a policy pinned enforcement), or
     * the policy allows it and audit-mode policies would not have. Otherwise logs the outcome (allows if sampled).
     */
    boolean runsInAudit(CallOutcome outcome, PolicyInput in, Decision d, ParkedCall parked) {
        // policy changes are always enforced: audit there would let one administrator change every policy alone
        boolean auditable = in.resource().type() != ResourceType.ACCESS_POLICY;
        switch (outcome) {
            case DENY, REQUIRE_APPROVAL, JUSTIFICATION_REQUIRED -> {
                if (auditable && !d.enforcementPinned() && defaults.of(in.operation()) == Enforcement.AUDIT) {
                    List<String> policies =
                            d.factors().stream().map(Factor::policy).distinct().toList();
                    would(
                            outcome == CallOutcome.DENY ? WOULD_DENY : WOULD_REQUIRE_APPROVAL,
                            policies.isEmpty() ? List.of(OPERATOR_DEFAULT) : policies,
                            in,
                            d,
                            parked);
                    return true;
                }
            }
            case ALLOW -> {
                if (auditable && !d.audit().isEmpty()) {
                    boolean deny = d.audit().stream().anyMatch(a -> a.effect() == Effect.DENY);
                    List<String> policies = new ArrayList<>();
                    for (AuditFinding a : d.audit()) {
                        policies.add(a.policy());
                    }
                    would(deny ? WOULD_DENY : WOULD_REQUIRE_APPROVAL, policies, in, d, parked);
                    return true;
                }
                if (log.sampleAllow()) {
                    log.record(outcome.wireName(), in, d, parked, true);
                }
                return false;
            }
            default -> {
                // break-glass outcomes: logged, never audited
            }
        }
        log.record(
                outcome == CallOutcome.BREAK_GLASS_NEEDS_JUSTIFICATION
                        ? "break_glass_needs_justification"
                        : outcome.wireName(),
                in,
                d,
                parked,
                false);
        return false;
    }

    private void would(String outcome, List<String> policies, PolicyInput in, Decision d, ParkedCall parked) {
        String method = in.operation() == null
                ? ""
                : in.operation().className() + "." + in.operation().methodName();
        for (String p : policies) {
            counts.would(outcome, p, method);
        }
        log.record(outcome, in, d, parked, false);
        LOG.debug(
                "Audit mode: {} by {} of {} by {} ran; enforcement would not have let it run",
                outcome,
                policies,
                method,
                in.principal().id());
    }
}

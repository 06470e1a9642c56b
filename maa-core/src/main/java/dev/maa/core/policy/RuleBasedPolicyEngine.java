package dev.maa.core.policy;

import dev.maa.api.Action;
import dev.maa.api.ApprovalRequest;
import dev.maa.api.CompletionMode;
import dev.maa.api.Decision;
import dev.maa.api.Effect;
import dev.maa.api.Factor;
import dev.maa.api.PolicyEngine;
import dev.maa.api.PolicyInput;
import dev.maa.api.Principal;
import dev.maa.api.Reminders;
import dev.maa.api.ResourceType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A small policy engine configured in Java: rules match a resource type and a set of actions and say allow,
 * deny or require approval. <b>The product's policy engine is Rego</b> ({@code maa-opa-policies}, embedded
 * {@code maa-rego} or an OPA server): access policies are data there and policy changes are themselves
 * approved. This one exists for tests and for hosts that want code-only configuration.
 *
 * <p>Evaluation: a matching deny rule wins; otherwise every matching require-approval rule contributes its
 * factors (one per rule, all must be met, as with Intune access policies); otherwise a matching allow rule
 * allows; otherwise the call is denied (default deny). Urgent calls get {@link Builder#urgentTtl} when set.
 * Reviews: a reviewer must hold every scope tag of the resource among its groups or roles.
 */
public final class RuleBasedPolicyEngine implements PolicyEngine {

    private record Rule(Effect effect, ResourceType type, Set<Action> actions, List<Factor> factors, String reason) {
        boolean matches(PolicyInput in) {
            return in.resource().type() == type && actions.contains(in.action());
        }
    }

    private final List<Rule> rules;
    private final Duration ttl;
    private final Duration urgentTtl;
    private final CompletionMode completion;
    private final boolean justificationRequired;
    private final Duration executionWindow;
    private final Reminders reminders;
    /** What escalation adds to a factor that names no escalation groups of its own. */
    private final Set<String> escalationGroups;
    /** Each factor policy's own timing ({@link Builder#reminders(String, Duration, Duration)}); empty: one for all. */
    private final Map<String, Reminders.Schedule> schedules;

    private final String revision;

    private RuleBasedPolicyEngine(Builder b) {
        this.rules = List.copyOf(b.rules);
        this.ttl = b.ttl;
        this.urgentTtl = b.urgentTtl;
        this.completion = b.completion;
        this.justificationRequired = b.justificationRequired;
        this.executionWindow = b.executionWindow;
        this.escalationGroups = Set.copyOf(b.escalationGroups);
        Set<String> anyEscalation = new HashSet<>(b.escalationGroups); // the request shows every group it may add
        b.rules.forEach(r -> r.factors.forEach(f -> anyEscalation.addAll(f.escalationGroups())));
        this.reminders = Reminders.of(b.remindAfter, b.escalateAfter, anyEscalation);
        this.schedules = Map.copyOf(b.schedules);
        this.revision = "rules-"
                + Integer.toHexString(Objects.hash(
                        rules,
                        ttl,
                        urgentTtl,
                        completion,
                        justificationRequired,
                        executionWindow,
                        reminders,
                        schedules));
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Decision decide(PolicyInput input) {
        List<String> reasons = new ArrayList<>();
        for (Rule r : rules) {
            if (r.effect == Effect.DENY && r.matches(input)) {
                return Decision.deny(r.reason).withPolicyRevision(revision);
            }
        }
        List<Factor> factors = new ArrayList<>();
        for (Rule r : rules) {
            if (r.effect == Effect.REQUIRE_APPROVAL && r.matches(input)) {
                factors.addAll(r.factors);
                r.factors.forEach(f -> reasons.add("access policy " + f.policy()));
            }
        }
        if (!factors.isEmpty()) {
            if (reminders != null && reminders.escalateAfter() != null && !escalationGroups.isEmpty()) {
                // the engine's escalation groups join every factor that names none of its own
                factors.replaceAll(f -> f.escalationGroups().isEmpty() ? f.escalatingTo(escalationGroups) : f);
            }
            Duration t = input.urgent() && urgentTtl != null ? urgentTtl : ttl;
            return new Decision(
                    Effect.REQUIRE_APPROVAL,
                    factors,
                    t,
                    completion,
                    justificationRequired,
                    reasons,
                    revision,
                    executionWindow,
                    schedules.isEmpty() ? reminders : perPolicy(factors));
        }
        for (Rule r : rules) {
            if (r.effect == Effect.ALLOW && r.matches(input)) {
                return Decision.allow(r.reason).withPolicyRevision(revision);
            }
        }
        return Decision.deny("no rule allows " + input.action() + " on "
                        + input.resource().typeName() + " (default deny)")
                .withPolicyRevision(revision);
    }

    /**
     * Each factor policy's own schedule, or the engine-wide one ({@link Builder#remindAfter},
     * {@link Builder#escalateAfter}) for a policy without its own.
     */
    private Reminders perPolicy(List<Factor> factors) {
        Map<String, Reminders.Schedule> out = new LinkedHashMap<>();
        Set<String> groups = new HashSet<>();
        for (Factor f : factors) {
            groups.addAll(f.escalationGroups());
            Reminders.Schedule own = schedules.get(f.policy());
            Reminders.Schedule s = own != null
                    ? own
                    : reminders == null
                            ? null
                            : Reminders.Schedule.of(f.policy(), reminders.remindAfter(), reminders.escalateAfter());
            if (s != null) {
                out.putIfAbsent(f.policy(), s);
            }
        }
        return Reminders.of(List.copyOf(out.values()), groups);
    }

    @Override
    public boolean mayReview(Principal reviewer, ApprovalRequest request) {
        Set<String> held = new HashSet<>(reviewer.groups());
        held.addAll(reviewer.roles());
        return held.containsAll(request.resource().scopeTags());
    }

    @Override
    public String revision() {
        return revision;
    }

    /** Collects rules; every setter validates at once and names the conflict. */
    public static final class Builder {
        private final List<Rule> rules = new ArrayList<>();
        private Duration ttl;
        private Duration urgentTtl;
        private CompletionMode completion = CompletionMode.MANUAL;
        private boolean justificationRequired;
        private Duration executionWindow;
        private Duration remindAfter;
        private Duration escalateAfter;
        private Set<String> escalationGroups = Set.of();
        private final Map<String, Reminders.Schedule> schedules = new LinkedHashMap<>();

        private Builder() {}

        /**
         * Factors of policy {@code policy} have their own timing: reminders to their approvers every
         * {@code remindAfter}, escalation to their own {@link Factor#escalationGroups()} {@code escalateAfter} after
         * their stage opened (either {@code null} = none). A decision whose factors name such a policy carries one
         * schedule per factor policy, so each fires on its own.
         */
        public Builder reminders(String policy, Duration remindAfter, Duration escalateAfter) {
            Reminders.Schedule s = Reminders.Schedule.of(
                    Objects.requireNonNull(policy, "policy"),
                    remindAfter == null ? null : positive(remindAfter, "remindAfter"),
                    escalateAfter == null ? null : positive(escalateAfter, "escalateAfter"));
            if (s == null) {
                throw new IllegalArgumentException(
                        "reminders(" + policy + ") needs a remindAfter or an escalateAfter, or both");
            }
            schedules.put(policy, s);
            return this;
        }

        /** Calls of {@code actions} on {@code type} need every one of {@code factors}. */
        public Builder requireApproval(ResourceType type, Set<Action> actions, Factor... factors) {
            if (factors.length == 0) {
                throw new IllegalArgumentException("requireApproval(" + type + ", " + actions
                        + ") needs at least one Factor, e.g. Factor.of(\"wipe\", 1, \"Device-Managers\")");
            }
            rules.add(new Rule(
                    Effect.REQUIRE_APPROVAL,
                    Objects.requireNonNull(type, "type"),
                    actions(type, actions),
                    List.of(factors),
                    "approval required"));
            return this;
        }

        public Builder allow(ResourceType type, Set<Action> actions) {
            rules.add(new Rule(
                    Effect.ALLOW,
                    Objects.requireNonNull(type, "type"),
                    actions(type, actions),
                    List.of(),
                    "allowed by rule " + type + " " + actions));
            return this;
        }

        public Builder deny(ResourceType type, Set<Action> actions, String reason) {
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException(
                        "deny(" + type + ", " + actions + ") needs a reason the caller will see");
            }
            rules.add(new Rule(
                    Effect.DENY, Objects.requireNonNull(type, "type"), actions(type, actions), List.of(), reason));
            return this;
        }

        /** Expiry of parked requests; unset means the engine default (30 days). */
        public Builder ttl(Duration value) {
            ttl = positive(value, "ttl");
            return this;
        }

        /** How long an approved request stays runnable; unset means until its expiry. */
        public Builder executionWindow(Duration value) {
            executionWindow = positive(value, "executionWindow");
            return this;
        }

        /** Reminds the approvers who have not reviewed every {@code value}; unset means no reminders. */
        public Builder remindAfter(Duration value) {
            remindAfter = positive(value, "remindAfter");
            return this;
        }

        /**
         * {@code after} submission, adds {@code groups} to the approvers of each factor of the stage open then that
         * names no escalation groups of its own ({@link Factor#escalatingTo}); no groups: only those factors escalate.
         */
        public Builder escalateAfter(Duration after, String... groups) {
            escalateAfter = positive(after, "escalateAfter");
            escalationGroups = Set.of(groups);
            return this;
        }

        /** Expiry of urgent requests, e.g. 4 hours; must not exceed {@link #ttl}. */
        public Builder urgentTtl(Duration value) {
            urgentTtl = positive(value, "urgentTtl");
            return this;
        }

        public Builder completion(CompletionMode mode) {
            completion = Objects.requireNonNull(mode, "completion");
            return this;
        }

        public Builder justificationRequired(boolean required) {
            justificationRequired = required;
            return this;
        }

        public RuleBasedPolicyEngine build() {
            if (ttl != null && urgentTtl != null && urgentTtl.compareTo(ttl) > 0) {
                throw new IllegalArgumentException("urgentTtl " + urgentTtl + " is longer than ttl " + ttl
                        + "; urgent requests should expire sooner");
            }
            return new RuleBasedPolicyEngine(this);
        }

        private static Set<Action> actions(ResourceType type, Set<Action> actions) {
            if (actions == null || actions.isEmpty()) {
                throw new IllegalArgumentException("A rule for " + type + " needs at least one action");
            }
            return Set.copyOf(EnumSet.copyOf(actions));
        }

        private static Duration positive(Duration d, String name) {
            if (d == null || d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive, was " + d);
            }
            return d;
        }
    }
}

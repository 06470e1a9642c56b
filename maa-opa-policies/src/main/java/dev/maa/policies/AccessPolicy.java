package dev.maa.policies;

import dev.maa.api.Action;
import dev.maa.api.ApprovalAssurance;
import dev.maa.api.CompletionMode;
import dev.maa.api.Durations;
import dev.maa.api.Effect;
import dev.maa.api.Enforcement;
import dev.maa.api.Reminders;
import dev.maa.api.ResourceType;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One access policy, as in Intune's Multi Admin Approval: what it protects and who approves.
 *
 * <p>{@code effect} extends Intune's model: {@link Effect#REQUIRE_APPROVAL} (Intune's only kind) needs
 * {@code approverGroups}; {@link Effect#ALLOW} lets the matching calls run directly, optionally only for
 * {@code allowPrincipals} / {@code allowGroups}; {@link Effect#DENY} refuses them outright.
 *
 * @param name                  unique name, shown in factors and reasons
 * @param description           free text
 * @param profileType           the resource type it protects
 * @param customResource        for {@link ResourceType#CUSTOM}: the custom resource name, empty = every custom resource
 * @param platforms             {@code all}, {@code windows} or {@code non_windows}
 * @param actions               the actions it covers; empty = every action
 * @param effect                what a match means
 * @param approverGroups        groups whose members may approve (require_approval only)
 * @param requiredApprovals     distinct approvals needed (require_approval only)
 * @param ttl                   how long a request waits for approval, {@code null} = the engine default
 * @param urgentTtl             the same for urgent requests, {@code null} = {@code ttl}
 * @param completion            manual or auto completion once approved
 * @param justificationRequired whether the caller must give a business justification
 * @param scopeTags             when non-empty, the policy applies only to resources with one of these tags
 * @param allowPrincipals       allow only: principal ids it allows (empty and no groups = everyone)
 * @param allowGroups           allow only: groups it allows
 * @param approvalAssurance     what each approval must prove (require_approval only): {@code session} (default) or
 *                              {@code passkey}, a signature by the approver's trusted passkey the host verifies
 * @param stages                sequential approval stages (require_approval only), empty = the one stage of
 *                              {@code approverGroups} and {@code requiredApprovals}
 * @param executionWindow       how long an approved request stays runnable, {@code null} = until its expiry
 * @param reminders             {@code remind_after}, {@code escalate_after} and {@code escalation_groups}
 *                              (require_approval only), {@code null} = none
 * @param enforcement           {@code enforce} or {@code audit} (the call runs; what the policy would have done is
 *                              recorded); {@code null} = the host's default for the service or method (enforce unless an
 *                              operator configured {@code enforcement:} otherwise)
 */
public record AccessPolicy(
        String name,
        String description,
        ResourceType profileType,
        String customResource,
        String platforms,
        List<Action> actions,
        Effect effect,
        List<String> approverGroups,
        int requiredApprovals,
        Duration ttl,
        Duration urgentTtl,
        CompletionMode completion,
        boolean justificationRequired,
        List<String> scopeTags,
        List<String> allowPrincipals,
        List<String> allowGroups,
        ApprovalAssurance approvalAssurance,
        List<Stage> stages,
        Duration executionWindow,
        Reminders reminders,
        Enforcement enforcement) {

    /** A policy that leaves its enforcement to the host's default. */
    public AccessPolicy(
            String name,
            String description,
            ResourceType profileType,
            String customResource,
            String platforms,
            List<Action> actions,
            Effect effect,
            List<String> approverGroups,
            int requiredApprovals,
            Duration ttl,
            Duration urgentTtl,
            CompletionMode completion,
            boolean justificationRequired,
            List<String> scopeTags,
            List<String> allowPrincipals,
            List<String> allowGroups,
            ApprovalAssurance approvalAssurance,
            List<Stage> stages,
            Duration executionWindow,
            Reminders reminders) {
        this(
                name,
                description,
                profileType,
                customResource,
                platforms,
                actions,
                effect,
                approverGroups,
                requiredApprovals,
                ttl,
                urgentTtl,
                completion,
                justificationRequired,
                scopeTags,
                allowPrincipals,
                allowGroups,
                approvalAssurance,
                stages,
                executionWindow,
                reminders,
                null);
    }

    /**
     * One stage of a staged policy: its factors are parallel, and the next stage opens only once all are met.
     *
     * @param name    shown with the factors ("Prod deploy / security"), {@code stage N} when not given
     * @param factors at least one
     */
    public record Stage(String name, List<StageFactor> factors) {
        public Stage {
            Objects.requireNonNull(name, "name");
            factors = List.copyOf(factors);
        }
    }

    /** {@code requiredApprovals} distinct members of {@code approverGroups}, within one stage. */
    public record StageFactor(List<String> approverGroups, int requiredApprovals) {
        public StageFactor {
            approverGroups = List.copyOf(approverGroups);
        }
    }

    /** The most stages a policy may have (Entra entitlement management allows three, GCP PAM two). */
    public static final int MAX_STAGES = 5;

    /** The values {@code platforms} accepts. */
    public static final Set<String> PLATFORMS = Set.of("all", "windows", "non_windows");

    public AccessPolicy {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(profileType, "profileType");
        description = description == null ? "" : description;
        customResource = customResource == null ? "" : customResource;
        platforms = platforms == null ? "all" : platforms;
        actions = List.copyOf(actions == null ? List.of() : actions);
        effect = effect == null ? Effect.REQUIRE_APPROVAL : effect;
        approverGroups = List.copyOf(approverGroups == null ? List.of() : approverGroups);
        completion = completion == null ? CompletionMode.MANUAL : completion;
        scopeTags = List.copyOf(scopeTags == null ? List.of() : scopeTags);
        allowPrincipals = List.copyOf(allowPrincipals == null ? List.of() : allowPrincipals);
        allowGroups = List.copyOf(allowGroups == null ? List.of() : allowGroups);
        approvalAssurance = approvalAssurance == null ? ApprovalAssurance.SESSION : approvalAssurance;
        stages = List.copyOf(stages == null ? List.of() : stages);
    }

    /** The resource type as the policy input spells it: {@code APP}, or {@code CUSTOM:billing} / {@code CUSTOM}. */
    public String resourceType() {
        return customResource.isEmpty() ? profileType.name() : profileType.name() + ":" + customResource;
    }

    /** The normalized data document the Rego package reads (every field present, durations also in seconds). */
    public Map<String, Object> toData() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("description", description);
        m.put("profile_type", profileType.name());
        m.put("resource_type", resourceType());
        m.put("platforms", platforms);
        m.put("actions", actions.stream().map(Action::name).toList());
        m.put("effect", effect.wireName());
        m.put("approver_groups", approverGroups);
        m.put("required_approvals", requiredApprovals);
        m.put("approval_assurance", approvalAssurance.wireName());
        m.put("ttl", ttl == null ? null : Durations.format(ttl));
        m.put("ttl_seconds", ttl == null ? 0L : ttl.toSeconds());
        m.put("urgent_ttl", urgentTtl == null ? null : Durations.format(urgentTtl));
        m.put("urgent_ttl_seconds", urgentTtl == null ? 0L : urgentTtl.toSeconds());
        m.put("completion", completion.wireName());
        m.put("justification_required", justificationRequired);
        m.put("scope_tags", scopeTags);
        m.put("allow_principals", allowPrincipals);
        m.put("allow_groups", allowGroups);
        List<Map<String, Object>> st = new java.util.ArrayList<>();
        for (Stage s : stages) {
            List<Map<String, Object>> fs = new java.util.ArrayList<>();
            for (StageFactor f : s.factors()) {
                fs.add(Map.of("approver_groups", f.approverGroups(), "required_approvals", f.requiredApprovals()));
            }
            st.add(Map.of("name", s.name(), "factors", fs));
        }
        m.put("stages", st);
        m.put("execution_window", executionWindow == null ? null : Durations.format(executionWindow));
        m.put("execution_window_seconds", executionWindow == null ? 0L : executionWindow.toSeconds());
        Duration remind = reminders == null ? null : reminders.remindAfter();
        Duration escalate = reminders == null ? null : reminders.escalateAfter();
        m.put("remind_after", remind == null ? null : Durations.format(remind));
        m.put("remind_after_seconds", remind == null ? 0L : remind.toSeconds());
        m.put("escalate_after", escalate == null ? null : Durations.format(escalate));
        m.put("escalate_after_seconds", escalate == null ? 0L : escalate.toSeconds());
        m.put(
                "escalation_groups",
                reminders == null ? List.of() : List.copyOf(new java.util.TreeSet<>(reminders.escalationGroups())));
        m.put("enforcement", enforcement == null ? "default" : enforcement.wireName());
        return m;
    }
}

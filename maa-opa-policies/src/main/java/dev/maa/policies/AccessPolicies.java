package dev.maa.policies;

import dev.maa.api.Effect;
import dev.maa.policies.internal.AccessPoliciesReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The data half of a policy directory ({@code access-policies.yaml}): access policies, break-glass
 * settings, the effect for calls no policy covers, and which groups hold which scope tags.
 *
 * <p>The Rego package {@code maa} reads {@link #toData()} at {@code data.maa_config}; keeping the data
 * under its own root means policies and data never collide and an OPA bundle can declare both roots.
 *
 * @param policies       the access policies, in file order
 * @param breakGlass     emergency access
 * @param defaultEffect  {@link Effect#DENY} (default) or {@link Effect#ALLOW}, for calls no policy matches
 * @param scopeTagGroups scope tag → groups whose members hold it (Intune: role assignments with scope tags)
 */
public record AccessPolicies(
        List<AccessPolicy> policies,
        BreakGlass breakGlass,
        Effect defaultEffect,
        Map<String, List<String>> scopeTagGroups) {

    /** The data root the Rego package reads: {@code data.maa_config}. */
    public static final String DATA_ROOT = "maa_config";

    public AccessPolicies {
        policies = List.copyOf(policies == null ? List.of() : policies);
        breakGlass = breakGlass == null ? BreakGlass.NONE : breakGlass;
        defaultEffect = defaultEffect == null ? Effect.DENY : defaultEffect;
        if (defaultEffect == Effect.REQUIRE_APPROVAL) {
            throw new IllegalArgumentException(
                    "default_effect must be deny or allow: require_approval needs a policy's approvers");
        }
        scopeTagGroups = Map.copyOf(scopeTagGroups == null ? Map.of() : scopeTagGroups);
    }

    /**
     * Parses and validates {@code access-policies.yaml} (or {@code .json}).
     *
     * @throws PolicyValidationException naming every problem as {@code file:line:col: field: message}
     */
    public static AccessPolicies parse(String fileName, String content) {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(content, "content");
        AccessPoliciesReader.Parts p = new AccessPoliciesReader(fileName).read(content);
        return new AccessPolicies(p.policies(), p.breakGlass(), p.defaultEffect(), p.scopeTagGroups());
    }

    /**
     * The break-glass settings for maa-core's gatekeeper ({@code MaaEngine.builder().breakGlass(...)}): who closes
     * post-emergency reviews is {@code break_glass.reviewer_groups}, or, when none are named, every approver group
     * of these access policies (a break-glass call a policy denied has no approvers of its own).
     */
    public dev.maa.core.BreakGlass engineBreakGlass() {
        java.util.Set<String> reviewers = new java.util.TreeSet<>(breakGlass.reviewerGroups());
        if (reviewers.isEmpty()) {
            policies.forEach(p -> reviewers.addAll(p.approverGroups()));
        }
        return new dev.maa.core.BreakGlass(
                java.util.Set.copyOf(breakGlass.principals()), breakGlass.justificationRequired(), reviewers);
    }

    /**
     * The normalized data document: {@code {access_policies, access_policies_by_type, break_glass, default_effect,
     * scope_tag_groups}}. {@code access_policies_by_type} holds the same policies by {@code resource_type}, in
     * file order, so the decision visits only the policies of the call's type (and of {@code CUSTOM} for a custom
     * resource) instead of every policy of the set.
     */
    public Map<String, Object> toData() {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Map<String, Object>> data =
                policies.stream().map(AccessPolicy::toData).toList();
        Map<String, List<Map<String, Object>>> byType = new java.util.TreeMap<>();
        for (int i = 0; i < data.size(); i++) {
            byType.computeIfAbsent(policies.get(i).resourceType(), t -> new java.util.ArrayList<>())
                    .add(data.get(i));
        }
        m.put("access_policies", data);
        m.put("access_policies_by_type", byType);
        m.put("break_glass", breakGlass.toData());
        m.put("default_effect", defaultEffect.wireName());
        m.put("scope_tag_groups", new java.util.TreeMap<>(scopeTagGroups));
        return m;
    }

    /** The whole data document of a policy set: {@code {"maa_config": toData()}}. */
    public Map<String, Object> toDataDocument() {
        return Map.of(DATA_ROOT, toData());
    }
}

package dev.maa.policies.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.maa.api.Action;
import dev.maa.api.ApprovalAssurance;
import dev.maa.api.CompletionMode;
import dev.maa.api.Effect;
import dev.maa.api.Enforcement;
import dev.maa.api.Reminders;
import dev.maa.api.ResourceType;
import dev.maa.policies.AccessPolicy;
import dev.maa.policies.BreakGlass;
import dev.maa.policies.PolicyProblem;
import dev.maa.policies.PolicyValidationException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates {@code access-policies.yaml} against its schema and returns its {@link Parts}, which
 * {@code AccessPolicies.parse} assembles (the reader names no type that names it back: no class cycle). Collects
 * every problem (not just the first) with the field path and {@code line:col}, so one edit-run cycle fixes
 * them all. The schema is written out here rather than in a JSON-Schema file: the rules are few, and the
 * messages can say what to write instead.
 */
public final class AccessPoliciesReader extends PolicyFields {

    private static final Set<String> TOP = Set.of("access_policies", "break_glass", "default_effect", "scope_tags");
    private static final Set<String> POLICY = Set.of(
            "name",
            "description",
            "profile_type",
            "custom_resource",
            "platforms",
            "actions",
            "effect",
            "approver_groups",
            "required_approvals",
            "approval_assurance",
            "ttl",
            "urgent_ttl",
            "completion",
            "justification_required",
            "scope_tags",
            "allow_principals",
            "allow_groups",
            "stages",
            "execution_window",
            "remind_after",
            "escalate_after",
            "escalation_groups",
            "enforcement");
    private static final Set<String> STAGE = Set.of("name", "factors", "approver_groups", "required_approvals");
    private static final Set<String> STAGE_FACTOR = Set.of("approver_groups", "required_approvals");
    private static final Set<String> BREAK_GLASS =
            Set.of("principals", "justification_required", "post_review_required", "reviewer_groups");

    public AccessPoliciesReader(String file) {
        super(file);
    }

    /** What a valid file holds, in the order of {@code AccessPolicies}' components. */
    public record Parts(
            List<AccessPolicy> policies,
            BreakGlass breakGlass,
            Effect defaultEffect,
            Map<String, List<String>> scopeTagGroups) {}

    public Parts read(String content) {
        try {
            tree = LocatedTree.read(file, content);
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            throw new PolicyValidationException(
                    "Cannot parse " + file,
                    List.of(new PolicyProblem(
                            file,
                            l == null ? 0 : l.getLineNr(),
                            l == null ? 0 : l.getColumnNr(),
                            "",
                            e.getOriginalMessage())),
                    e);
        } catch (IOException e) {
            throw new PolicyValidationException(
                    "Cannot parse " + file, List.of(new PolicyProblem(file, 0, 0, "", e.getMessage())), e);
        }
        JsonNode root = tree.root();
        if (!root.isObject()) {
            problem("", "the file must be a mapping with 'access_policies' (a list) at the top");
            throw failed();
        }
        unknownFields(root, "", TOP);
        List<AccessPolicy> policies = new ArrayList<>();
        JsonNode list = root.get("access_policies");
        if (list == null || !list.isArray()) {
            problem("access_policies", "required: a list of access policies (it may be empty: [])");
        } else {
            Set<String> names = new HashSet<>();
            for (int i = 0; i < list.size(); i++) {
                AccessPolicy p = policy(list.get(i), "access_policies[" + i + "]");
                String name = list.get(i).path("name").asText("").trim();
                if (!name.isEmpty() && !names.add(name)) {
                    problem(
                            "access_policies[" + i + "].name",
                            "duplicate policy name '" + name + "'; names must be unique");
                }
                if (p != null) {
                    policies.add(p);
                }
            }
        }
        BreakGlass bg = breakGlass(root.get("break_glass"));
        Effect def = enumValue(
                root,
                "",
                "default_effect",
                Effect.DENY,
                v -> switch (v) {
                    case "deny" -> Effect.DENY;
                    case "allow" -> Effect.ALLOW;
                    default -> null;
                },
                "deny, allow");
        Map<String, List<String>> tags = scopeTags(root.get("scope_tags"));
        if (!problems.isEmpty()) {
            throw failed();
        }
        return new Parts(policies, bg, def, tags);
    }

    private AccessPolicy policy(JsonNode n, String path) {
        if (!n.isObject()) {
            problem(path, "each access policy must be a mapping with at least name, profile_type and approver_groups");
            return null;
        }
        int before = problems.size();
        unknownFields(n, path, POLICY);
        String name = requiredString(n, path, "name");
        ResourceType type = enumValue(
                n, path, "profile_type", null, v -> parseEnum(ResourceType.class, v), names(ResourceType.values()));
        if (n.get("profile_type") == null) {
            problem(path + ".profile_type", "required: one of " + names(ResourceType.values()));
        }
        String custom = optionalString(n, path, "custom_resource", "");
        if (!custom.isEmpty() && type != null && type != ResourceType.CUSTOM) {
            problem(path + ".custom_resource", "only a CUSTOM profile_type names a custom resource");
        }
        String platforms = enumValue(
                n,
                path,
                "platforms",
                "all",
                v -> AccessPolicy.PLATFORMS.contains(v) ? v : null,
                "all, windows, non_windows");
        List<Action> actions = new ArrayList<>();
        for (String a : stringList(n, path, "actions")) {
            Action action = parseEnum(Action.class, a);
            if (action == null) {
                problem(path + ".actions", "unknown action '" + a + "'; use " + names(Action.values()));
            } else if (actions.contains(action)) {
                problem(path + ".actions", "action " + action + " is listed twice");
            } else {
                actions.add(action);
            }
        }
        Effect effect = enumValue(
                n,
                path,
                "effect",
                Effect.REQUIRE_APPROVAL,
                v -> {
                    try {
                        return Effect.fromWireName(v);
                    } catch (IllegalArgumentException e) {
                        return null;
                    }
                },
                "require_approval, allow, deny");
        List<String> groups = stringList(n, path, "approver_groups");
        int required = intValue(n, path, "required_approvals", 1);
        List<AccessPolicy.Stage> stages = stages(n, path);
        if (effect == Effect.REQUIRE_APPROVAL && !stages.isEmpty()) {
            for (String f : List.of("approver_groups", "required_approvals")) {
                if (n.has(f)) {
                    problem(
                            path + "." + f,
                            "a policy with stages names its approvers in each stage; move " + f + " into its stages");
                }
            }
        } else if (effect == Effect.REQUIRE_APPROVAL) {
            if (groups.isEmpty()) {
                problem(
                        path + ".approver_groups",
                        "required: at least one approver group (Intune: the Approvers page)");
            }
            if (required < 1) {
                problem(path + ".required_approvals", "must be at least 1, was " + required);
            }
        } else {
            for (String f : List.of(
                    "approver_groups",
                    "required_approvals",
                    "approval_assurance",
                    "ttl",
                    "urgent_ttl",
                    "completion",
                    "stages",
                    "execution_window",
                    "remind_after",
                    "escalate_after",
                    "escalation_groups")) {
                if (n.has(f)) {
                    problem(
                            path + "." + f,
                            "only policies with effect require_approval take " + f + "; this one has effect "
                                    + effect.wireName());
                }
            }
        }
        if (effect != Effect.ALLOW) {
            for (String f : List.of("allow_principals", "allow_groups")) {
                if (n.has(f)) {
                    problem(path + "." + f, f + " only applies to policies with effect allow");
                }
            }
        }
        Duration ttl = duration(n, path, "ttl");
        Duration urgent = duration(n, path, "urgent_ttl");
        Duration executionWindow = duration(n, path, "execution_window");
        Reminders reminders = reminders(n, path);
        CompletionMode completion = enumValue(
                n, path, "completion", CompletionMode.MANUAL, v -> parseEnum(CompletionMode.class, v), "manual, auto");
        ApprovalAssurance assurance = enumValue(
                n,
                path,
                "approval_assurance",
                ApprovalAssurance.SESSION,
                v -> {
                    try {
                        return ApprovalAssurance.fromWire(v);
                    } catch (IllegalArgumentException e) {
                        return null;
                    }
                },
                "session, passkey");
        Enforcement enforcement = enumValue(
                n,
                path,
                "enforcement",
                null,
                v -> {
                    try {
                        return Enforcement.fromWireName(v);
                    } catch (IllegalArgumentException e) {
                        return null;
                    }
                },
                "enforce, audit");
        if (enforcement == Enforcement.AUDIT && type == ResourceType.ACCESS_POLICY) {
            // audit mode on policy changes would let one administrator change every policy alone
            problem(
                    path + ".enforcement",
                    "access policy changes are always enforced: remove 'enforcement: audit' from this"
                            + " ACCESS_POLICY policy");
        }
        boolean justification = bool(n, path, "justification_required", false);
        List<String> scopeTags = stringList(n, path, "scope_tags");
        List<String> allowPrincipals = principalList(n, path, "allow_principals");
        List<String> allowGroups = stringList(n, path, "allow_groups");
        if (problems.size() > before || name == null || type == null) {
            return null;
        }
        return new AccessPolicy(
                name,
                optionalString(n, path, "description", ""),
                type,
                custom,
                platforms,
                actions,
                effect,
                groups,
                effect == Effect.REQUIRE_APPROVAL ? required : 0,
                ttl,
                urgent,
                completion,
                justification,
                scopeTags,
                allowPrincipals,
                allowGroups,
                assurance,
                effect == Effect.REQUIRE_APPROVAL ? stages : List.of(),
                executionWindow,
                reminders,
                enforcement);
    }

    /** {@code remind_after}, and {@code escalate_after} with {@code escalation_groups} (each needs the other). */
    private Reminders reminders(JsonNode n, String path) {
        Duration remind = duration(n, path, "remind_after");
        Duration escalate = duration(n, path, "escalate_after");
        List<String> groups = stringList(n, path, "escalation_groups");
        if (escalate != null && groups.isEmpty()) {
            problem(path + ".escalate_after", "needs escalation_groups: the groups that may approve once it passed");
            return null;
        }
        if (escalate == null && !groups.isEmpty()) {
            if (!n.has("escalate_after")) { // an unreadable escalate_after was reported already
                problem(
                        path + ".escalation_groups",
                        "needs escalate_after: how long to wait before adding them, e.g. 8h");
            }
            return null;
        }
        return Reminders.of(remind, escalate, Set.copyOf(groups));
    }

    /**
     * {@code stages:}, a list of at most {@link AccessPolicy#MAX_STAGES}; each stage a mapping with an optional
     * {@code name} and either {@code factors} (a list of {@code approver_groups} + {@code required_approvals}) or,
     * for a stage of one factor, those two fields directly.
     */
    private List<AccessPolicy.Stage> stages(JsonNode n, String path) {
        List<AccessPolicy.Stage> out = new ArrayList<>();
        JsonNode v = n.get("stages");
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isArray() || v.isEmpty() || v.size() > AccessPolicy.MAX_STAGES) {
            problem(
                    path + ".stages",
                    "must be a list of 1 to " + AccessPolicy.MAX_STAGES
                            + " stages, each e.g. {name: security, approver_groups: [Security Admins], required_approvals: 1}");
            return out;
        }
        for (int i = 0; i < v.size(); i++) {
            String sp = path + ".stages[" + i + "]";
            JsonNode s = v.get(i);
            if (!s.isObject()) {
                problem(sp, "each stage must be a mapping with approver_groups (or factors) and required_approvals");
                continue;
            }
            unknownFields(s, sp, STAGE);
            List<AccessPolicy.StageFactor> factors = new ArrayList<>();
            if (s.has("factors")) {
                if (s.has("approver_groups") || s.has("required_approvals")) {
                    problem(sp, "a stage has either factors or approver_groups and required_approvals, not both");
                }
                JsonNode fs = s.get("factors");
                if (!fs.isArray() || fs.isEmpty()) {
                    problem(sp + ".factors", "must be a non-empty list of {approver_groups, required_approvals}");
                } else {
                    for (int j = 0; j < fs.size(); j++) {
                        AccessPolicy.StageFactor f = stageFactor(fs.get(j), sp + ".factors[" + j + "]");
                        if (f != null) {
                            factors.add(f);
                        }
                    }
                }
            } else {
                AccessPolicy.StageFactor f = stageFactor(s, sp);
                if (f != null) {
                    factors.add(f);
                }
            }
            String name = name(sp + ".name", optionalString(s, sp, "name", "stage " + (i + 1)));
            out.add(new AccessPolicy.Stage(name, factors));
        }
        return out;
    }

    private AccessPolicy.StageFactor stageFactor(JsonNode f, String path) {
        if (!f.isObject()) {
            problem(path, "must be a mapping with approver_groups and required_approvals");
            return null;
        }
        if (path.endsWith("]") && path.contains(".factors[")) {
            unknownFields(f, path, STAGE_FACTOR); // a stage's own fields were checked with the stage
        }
        List<String> groups = stringList(f, path, "approver_groups");
        int required = intValue(f, path, "required_approvals", 1);
        if (groups.isEmpty()) {
            problem(path + ".approver_groups", "required: at least one approver group for this stage");
        }
        if (required < 1) {
            problem(path + ".required_approvals", "must be at least 1, was " + required);
        }
        return new AccessPolicy.StageFactor(groups, required);
    }

    private BreakGlass breakGlass(JsonNode n) {
        if (n == null || n.isNull()) {
            return BreakGlass.NONE;
        }
        if (!n.isObject()) {
            problem("break_glass", "must be a mapping with principals, justification_required, post_review_required");
            return BreakGlass.NONE;
        }
        unknownFields(n, "break_glass", BREAK_GLASS);
        return new BreakGlass(
                principalList(n, "break_glass", "principals"),
                bool(n, "break_glass", "justification_required", true),
                bool(n, "break_glass", "post_review_required", true),
                stringList(n, "break_glass", "reviewer_groups"));
    }

    private Map<String, List<String>> scopeTags(JsonNode n) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isObject()) {
            problem("scope_tags", "must map each scope tag to the groups that hold it, e.g. EU: [EU Admins]");
            return out;
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String tag = it.next();
            out.put(tag, stringList(n, "scope_tags", tag));
        }
        return out;
    }
}

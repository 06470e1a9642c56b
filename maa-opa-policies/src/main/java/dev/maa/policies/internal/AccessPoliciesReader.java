package dev.maa.policies.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.maa.api.Action;
import dev.maa.api.ApprovalAssurance;
import dev.maa.api.CompletionMode;
import dev.maa.api.Durations;
import dev.maa.api.Effect;
import dev.maa.api.Enforcement;
import dev.maa.api.Identities;
import dev.maa.api.InvalidIdentityException;
import dev.maa.api.ResourceType;
import dev.maa.policies.AccessPolicy;
import dev.maa.policies.BreakGlass;
import dev.maa.policies.PolicyProblem;
import dev.maa.policies.PolicyValidationException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Validates {@code access-policies.yaml} against its schema and returns its {@link Parts}, which
 * {@code AccessPolicies.parse} assembles (the reader names no type that names it back: no class cycle). Collects
 * every problem (not just the first) with the field path and {@code line:col}, so one edit-run cycle fixes
 * them all. The schema is written out here rather than in a JSON-Schema file: the rules are few, and the
 * messages can say what to write instead.
 */
public final class AccessPoliciesReader {

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
            "enforcement");
    private static final Set<String> BREAK_GLASS =
            Set.of("principals", "justification_required", "post_review_required", "reviewer_groups");

    private final String file;
    private final List<PolicyProblem> problems = new ArrayList<>();
    private LocatedTree tree;

    public AccessPoliciesReader(String file) {
        this.file = file;
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
        if (effect == Effect.REQUIRE_APPROVAL) {
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
                    "approver_groups", "required_approvals", "approval_assurance", "ttl", "urgent_ttl", "completion")) {
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
                enforcement);
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

    // ---- field helpers: each reports a problem and returns a fallback so checking can go on ----

    private void unknownFields(JsonNode n, String path, Set<String> allowed) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                problem(
                        path.isEmpty() ? f : path + "." + f,
                        "unknown field '" + f + "'; expected one of "
                                + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
    }

    private String requiredString(JsonNode n, String path, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            problem(path + "." + field, "required: a non-empty string");
            return null;
        }
        return v.asText().trim();
    }

    private String optionalString(JsonNode n, String path, String field, String fallback) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isTextual()) {
            problem(path + "." + field, "must be a string");
            return fallback;
        }
        return v.asText().trim();
    }

    /**
     * A list of principal ids in canonical form ({@link Identities}), as the policy input's {@code principal.id} is,
     * so {@code in} comparisons in Rego match every spelling of an id; ids without one are problems.
     */
    private List<String> principalList(JsonNode n, String path, String field) {
        List<String> out = new ArrayList<>();
        for (String id : stringList(n, path, field)) {
            try {
                out.add(Identities.canonical(id));
            } catch (InvalidIdentityException e) {
                problem(path + "." + field, "the principal " + e.shownId() + " is not accepted: " + e.problem());
            }
        }
        return out;
    }

    private List<String> stringList(JsonNode n, String path, String field) {
        JsonNode v = n.get(field);
        List<String> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (v.isTextual()) {
            out.add(v.asText().trim()); // a single value is a list of one, as YAML users expect
            return out;
        }
        if (!v.isArray()) {
            problem(path + "." + field, "must be a list of strings, e.g. [A, B]");
            return out;
        }
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            if (!e.isTextual() || e.asText().isBlank()) {
                problem(path + "." + field + "[" + i + "]", "must be a non-empty string");
            } else if (!out.contains(e.asText().trim())) {
                out.add(e.asText().trim());
            }
        }
        return out;
    }

    private int intValue(JsonNode n, String path, String field, int fallback) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            problem(path + "." + field, "must be a whole number, was '" + v.asText() + "'");
            return fallback;
        }
        return v.intValue();
    }

    private boolean bool(JsonNode n, String path, String field, boolean fallback) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isBoolean()) {
            problem(path + "." + field, "must be true or false, was '" + v.asText() + "'");
            return fallback;
        }
        return v.booleanValue();
    }

    private Duration duration(JsonNode n, String path, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        try {
            Duration d = Durations.parse(v.asText());
            if (d.isZero()) {
                problem(path + "." + field, "must be longer than zero");
                return null;
            }
            return d;
        } catch (IllegalArgumentException e) {
            problem(path + "." + field, e.getMessage());
            return null;
        }
    }

    private <T> T enumValue(
            JsonNode n, String path, String field, T fallback, Function<String, T> parse, String expected) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        T t = v.isTextual() ? parse.apply(v.asText().trim()) : null;
        if (t == null) {
            problem(path.isEmpty() ? field : path + "." + field, "'" + v.asText() + "' is not one of " + expected);
            return fallback;
        }
        return t;
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String v) {
        try {
            return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String names(Enum<?>[] values) {
        return String.join(" ", Arrays.stream(values).map(Enum::name).toList());
    }

    private void problem(String path, String message) {
        JsonLocation l = tree == null ? null : tree.locationOf(path);
        problems.add(
                new PolicyProblem(file, l == null ? 0 : l.getLineNr(), l == null ? 0 : l.getColumnNr(), path, message));
    }

    private PolicyValidationException failed() {
        return new PolicyValidationException("Invalid access policies in " + file, problems);
    }
}

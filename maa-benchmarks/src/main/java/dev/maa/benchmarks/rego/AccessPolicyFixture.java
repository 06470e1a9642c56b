package dev.maa.benchmarks.rego;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Synthetic access policies of the Intune kind: each has a profile type, a platform filter and the groups of
 * administrators it targets. Deterministic, so every run measures the same documents.
 */
final class AccessPolicyFixture {

    static final String[] TYPES = {
        "APP", "SCRIPT", "DEVICE_ACTION", "ROLE", "ACCESS_POLICY", "COMPLIANCE_POLICY", "CUSTOM"
    };
    static final String[] PLATFORMS = {"all", "windows", "non_windows"};

    static final String POLICY = """
            package bench
            import rego.v1

            matching contains p.name if {
              some p in data.access_policies
              p.profile_type == input.resource.type
              platform_ok(p.platforms, input.resource.platform)
              some g in p.target_groups
              g in input.principal.groups
            }

            platform_ok("all", _) if true
            platform_ok("windows", "windows") if true
            platform_ok("non_windows", p) if p != "windows"

            default effect := "allow"
            effect := "require_approval" if count(matching) > 0

            decision := {"effect": effect, "policies": matching}
            """;

    /**
     * The same decision written the way the built-in {@code maa} package writes it: a {@code policies} rule
     * for the list and one helper function per requirement, combined in {@code applies(p)}.
     */
    static final String POLICY_MAA_STYLE = """
            package bench_maa
            import rego.v1

            policies := data.access_policies

            type_matches(p) if p.profile_type == input.resource.type

            platform_matches(p) if p.platforms == "all"

            platform_matches(p) if {
              p.platforms == "windows"
              input.resource.platform == "windows"
            }

            platform_matches(p) if {
              p.platforms == "non_windows"
              input.resource.platform != "windows"
            }

            group_matches(p) if {
              some g in p.target_groups
              g in input.principal.groups
            }

            applies(p) if {
              type_matches(p)
              platform_matches(p)
              group_matches(p)
            }

            matching contains p.name if {
              some p in policies
              applies(p)
            }

            default effect := "allow"
            effect := "require_approval" if count(matching) > 0

            decision := {"effect": effect, "policies": matching}
            """;

    private AccessPolicyFixture() {}

    static List<Map<String, Object>> policies(int n) {
        List<Map<String, Object>> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("name", "policy-" + i);
            p.put("profile_type", TYPES[i % TYPES.length]);
            p.put("platforms", PLATFORMS[(i / TYPES.length) % PLATFORMS.length]);
            p.put("target_groups", List.of("team-" + (i % 50), "region-" + (i % 7)));
            p.put("approver_groups", List.of("approvers-" + (i % 13)));
            out.add(p);
        }
        return out;
    }

    static Map<String, Object> data(int n) {
        return Map.of("access_policies", policies(n));
    }

    /** A call by a member of team-3 and region-3 deleting a Windows app. */
    static Map<String, Object> input() {
        return Map.of(
                "principal", Map.of("id", "alice", "groups", List.of("team-3", "region-3")),
                "resource", Map.of("type", "APP", "id", "app-42", "platform", "windows"),
                "action", "DELETE");
    }

    /** The same decision as plain Java: the baseline. */
    static Map<String, Object> decideInJava(List<Map<String, Object>> policies, Map<String, Object> input) {
        @SuppressWarnings("unchecked")
        Map<String, Object> resource = (Map<String, Object>) input.get("resource");
        @SuppressWarnings("unchecked")
        Map<String, Object> principal = (Map<String, Object>) input.get("principal");
        @SuppressWarnings("unchecked")
        Set<String> groups = Set.copyOf((List<String>) principal.get("groups"));
        String type = (String) resource.get("type");
        String platform = (String) resource.get("platform");
        List<String> matching = new ArrayList<>();
        for (Map<String, Object> p : policies) {
            if (!type.equals(p.get("profile_type")) || !platformOk((String) p.get("platforms"), platform)) {
                continue;
            }
            @SuppressWarnings("unchecked")
            List<String> targets = (List<String>) p.get("target_groups");
            for (String g : targets) {
                if (groups.contains(g)) {
                    matching.add((String) p.get("name"));
                    break;
                }
            }
        }
        return Map.of("effect", matching.isEmpty() ? "allow" : "require_approval", "policies", matching);
    }

    private static boolean platformOk(String filter, String platform) {
        return switch (filter) {
            case "all" -> true;
            case "windows" -> "windows".equals(platform);
            case "non_windows" -> !"windows".equals(platform);
            default -> false;
        };
    }
}

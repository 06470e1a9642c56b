package dev.maa.policies;

import dev.maa.api.PolicyEngine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The access policies in force as the web console reads them ({@code GET /api/v1/policies}): the engine's revision,
 * the policy set's files, modules, data entries and access policies, the revisions activated so far and whether
 * changes can be proposed. One view for {@code maa serve} and the Spring Boot starter's in-app API, so the console
 * shows the same page from either.
 */
public final class PolicyView {

    private PolicyView() {}

    /**
     * @param engine  the engine deciding calls (its revision), or {@code null}
     * @param set     the Rego policy set in force, or {@code null} for an engine without one (an OPA server)
     * @param service the policy service changes are proposed through, or {@code null}: changes are then off
     */
    public static Map<String, Object> of(PolicyEngine engine, PolicySet set, PolicyService service) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("revision", engine == null ? null : engine.revision());
        List<Map<String, Object>> policies = new ArrayList<>();
        if (set != null) {
            m.put("policySetDigest", set.digest());
            m.put("files", new ArrayList<>(new TreeSet<>(set.files().keySet())));
            m.put("modules", set.regoFiles());
            m.put("entries", PolicyEdit.entries(set));
            for (AccessPolicy a : set.accessPolicies().policies()) {
                policies.add(a.toData());
            }
        }
        m.put("policies", policies);
        List<Map<String, Object>> revisions = new ArrayList<>();
        if (service != null) {
            for (PolicyRevision r : service.list()) {
                Map<String, Object> rm = new LinkedHashMap<>();
                rm.put("number", r.number());
                rm.put("revision", r.revision());
                rm.put("activatedAt", r.activatedAt().toString());
                rm.put("requester", r.requester());
                rm.put("approvers", r.approvers());
                rm.put("requestId", r.requestId());
                rm.put("justification", r.justification());
                rm.put("testOverride", r.testOverride());
                revisions.add(rm);
            }
        }
        m.put("revisions", revisions);
        m.put("changesEnabled", service != null);
        m.put("baseRevision", service == null ? null : service.activeNumber());
        return m;
    }
}

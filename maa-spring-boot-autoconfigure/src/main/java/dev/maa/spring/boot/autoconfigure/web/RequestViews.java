package dev.maa.spring.boot.autoconfigure.web;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.Factor;
import dev.maa.api.Review;
import dev.maa.core.QuorumProgress;
import dev.maa.core.RequestAction;
import dev.maa.core.codec.ParkedCallCodec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The JSON of requests in the in-app API, with the field names of {@code maa serve}'s REST API (its
 * {@code RequestJson}), so a client reads both alike. Free text is sent as stored; clients escape it for display
 * ({@code DisplayText}).
 */
final class RequestViews {

    private RequestViews() {}

    static Map<String, Object> summary(ApprovalRequest r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("status", r.status().name());
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("type", r.resource().typeName());
        resource.put("objectId", r.resource().objectId());
        resource.put("platform", r.resource().platform().name());
        m.put("resource", resource);
        m.put("action", r.action().name());
        m.put("operation", r.operation().signature());
        m.put("requester", r.requester().id());
        m.put("justification", r.justification());
        m.put("urgent", r.urgent());
        m.put("emergency", r.emergency());
        m.put("createdAt", r.createdAt().toString());
        m.put("expiresAt", r.expiresAt().toString());
        m.put("version", r.version());
        QuorumProgress q = QuorumProgress.of(r);
        m.put("approvals", Map.of("given", q.given(), "required", q.required(), "met", q.met()));
        return m;
    }

    static Map<String, Object> page(String view, int offset, int limit, List<ApprovalRequest> found) {
        List<Map<String, Object>> items = new ArrayList<>();
        found.stream().limit(limit).forEach(r -> items.add(summary(r)));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("view", view);
        m.put("offset", offset);
        m.put("limit", limit);
        m.put("hasMore", found.size() > limit);
        m.put("items", items);
        return m;
    }

    /** One request; {@code digestVerified} is recomputed on every read, and no action is offered when false. */
    static Map<String, Object> detail(ApprovalRequest r, Collection<RequestAction> actions) {
        Map<String, Object> m = summary(r);
        m.put("completion", r.completion().wireName());
        List<Map<String, Object>> factors = new ArrayList<>();
        for (Factor f : r.factors()) {
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("policy", f.policy());
            fm.put("approverGroups", new TreeSet<>(f.approverGroups()));
            fm.put("requiredApprovals", f.requiredApprovals());
            factors.add(fm);
        }
        m.put("factors", factors);
        m.put("digest", r.digest());
        m.put("digestVerified", ParkedCallCodec.digest(r.payload()).equals(r.digest()));
        List<Map<String, Object>> reviews = new ArrayList<>();
        for (Review v : r.reviews()) {
            Map<String, Object> rv = new LinkedHashMap<>();
            rv.put("reviewer", v.reviewer());
            rv.put("verdict", v.verdict().name());
            rv.put("notes", v.notes());
            rv.put("at", v.at().toString());
            reviews.add(rv);
        }
        m.put("reviews", reviews);
        m.put("outcome", r.outcome());
        m.put("actions", actions.stream().map(RequestAction::wireName).toList());
        return m;
    }
}

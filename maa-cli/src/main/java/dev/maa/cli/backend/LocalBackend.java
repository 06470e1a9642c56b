package dev.maa.cli.backend;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maa.api.ApprovalRequest;
import dev.maa.api.AuditVerification;
import dev.maa.api.Principal;
import dev.maa.api.RequestQuery;
import dev.maa.api.Status;
import dev.maa.cli.DevEnvironment;
import dev.maa.cli.Json;
import dev.maa.core.ApprovalService;
import dev.maa.server.RequestJson;

import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** The local dev store: the H2 file under the MAA home, acting as {@code --as} says (not authenticated). */
public final class LocalBackend implements Backend {

    private final DevEnvironment env;
    private final Supplier<Principal> me;

    public LocalBackend(DevEnvironment env, Supplier<Principal> me) {
        this.env = env;
        Principal[] once = new Principal[1];
        this.me = () -> once[0] != null ? once[0] : (once[0] = me.get());
    }

    public DevEnvironment environment() {
        return env;
    }

    @Override
    public JsonNode list(String view, Set<Status> statuses, int offset, int limit) {
        RequestQuery query = RequestQuery.all().page(offset, limit + 1).withStatuses(statuses);
        if (view.equals("mine")) {
            query = query.mine(me.get().id());
        } else if (view.equals("received")) {
            query = query.received(me.get().groups());
        } else if (view.equals("post-review")) {
            query = query.onlyPostReviewOpen();
        }
        List<ApprovalRequest> found = approvals().list(query);
        if (view.equals("received")) {
            String id = me.get().id();
            found = found.stream().filter(r -> !r.isRequester(id)).toList();
        }
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < Math.min(limit, found.size()); i++) {
            items.add(RequestJson.summary(found.get(i)));
        }
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("view", view);
        page.put("offset", offset);
        page.put("limit", limit);
        page.put("hasMore", found.size() > limit);
        page.put("items", items);
        return Json.mapper().valueToTree(page);
    }

    @Override
    public JsonNode show(String id) {
        return detail(approvals().get(id));
    }

    @Override
    public JsonNode act(String id, String action, Map<String, String> body) {
        Principal p = me.get();
        ApprovalRequest after = switch (action) {
            case "approve" -> approvals().approve(id, p, body.getOrDefault("notes", ""));
            case "reject" -> approvals().reject(id, p, body.getOrDefault("notes", ""));
            case "cancel" -> approvals().cancel(id, p, body.getOrDefault("reason", ""));
            case "complete" -> approvals().complete(id, p);
            case "close-review" -> approvals().closePostReview(id, p, body.getOrDefault("notes", ""));
            default -> throw new IllegalArgumentException("unknown action " + action);
        };
        return detail(after);
    }

    @Override
    public long exportAudit(Writer out) {
        return env.store().auditLog().export(out);
    }

    @Override
    public AuditVerification verifyAudit() {
        return env.store().auditLog().verify();
    }

    @Override
    public String describe() {
        return "local dev store " + env.home();
    }

    private JsonNode detail(ApprovalRequest r) {
        return Json.mapper().valueToTree(RequestJson.detail(r, approvals().auditLog().forRequest(r.id()), null, List.of()));
    }

    private ApprovalService approvals() {
        return env.engine().approvals();
    }

    @Override
    public void close() {
        env.close();
    }
}

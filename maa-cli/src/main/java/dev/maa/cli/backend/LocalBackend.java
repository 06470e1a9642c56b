package dev.maa.cli.backend;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maa.api.ApprovalRequest;
import dev.maa.api.AuditVerification;
import dev.maa.api.Principal;
import dev.maa.api.RequestQuery;
import dev.maa.api.Status;
import dev.maa.cli.CliException;
import dev.maa.cli.DevEnvironment;
import dev.maa.cli.Json;
import dev.maa.core.ApprovalService;
import dev.maa.core.RequestAction;
import dev.maa.core.view.RequestJson;
import java.io.Writer;
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
            if (me.get().groups().isEmpty()) {
                return Json.mapper().valueToTree(RequestJson.page(view, offset, limit, List.of()));
            }
            query = query.receivedBy(me.get().id(), me.get().groups());
        } else if (view.equals("post-review")) {
            query = query.onlyPostReviewOpen();
        }
        return Json.mapper()
                .valueToTree(RequestJson.page(view, offset, limit, approvals().list(query)));
    }

    @Override
    public JsonNode show(String id) {
        return detail(approvals().get(id));
    }

    @Override
    public JsonNode act(String id, RequestAction action, Map<String, String> body) {
        return detail(approvals().act(id, me.get(), action, body));
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
        return Json.mapper()
                .valueToTree(RequestJson.detail(r, approvals().auditLog().forRequest(r.id()), null, actionsOf(r)));
    }

    /** What the acting user may do now; a {@code show} without {@code --as} (dev mode shows anyone) offers nothing. */
    private Set<RequestAction> actionsOf(ApprovalRequest r) {
        Principal p;
        try {
            p = me.get();
        } catch (CliException noIdentity) {
            return Set.of();
        }
        return approvals().allowedActions(r, p);
    }

    private ApprovalService approvals() {
        return env.engine().approvals();
    }

    @Override
    public void close() {
        env.close();
    }
}

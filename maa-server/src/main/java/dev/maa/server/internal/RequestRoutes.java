package dev.maa.server.internal;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.AuditEntry;
import dev.maa.api.MaaException;
import dev.maa.api.Principal;
import dev.maa.api.RequestNotFoundException;
import dev.maa.api.RequestQuery;
import dev.maa.api.Status;
import dev.maa.core.ApprovalService;
import dev.maa.server.Diff;
import dev.maa.server.DiffProvider;
import dev.maa.server.RequestJson;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code /api/v1/requests...} and {@code /api/v1/me}. Every action calls the {@link ApprovalService} with the
 * authenticated principal; its exceptions become problem+json (see {@link Problems}). Nothing here re-implements
 * the approval rules.
 */
public final class RequestRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(RequestRoutes.class);

    /** How far "Received requests" scans the store for one page (the caller's own requests are skipped). */
    private static final int RECEIVED_SCAN_LIMIT = 20_000;

    private final ApprovalService approvals;
    private final Visibility visibility;
    private final Map<String, DiffProvider> diffs;
    private final ServerMetrics metrics;

    public RequestRoutes(ApprovalService approvals, Visibility visibility, Map<String, DiffProvider> diffs,
                         ServerMetrics metrics) {
        this.approvals = approvals;
        this.visibility = visibility;
        this.diffs = diffs;
        this.metrics = metrics;
    }

    public void register(Routes routes) {
        routes.authenticated(HandlerType.GET, "/api/v1/me", this::me);
        routes.authenticated(HandlerType.GET, "/api/v1/requests", Set.of("view", "status", "offset", "limit"), this::list);
        routes.authenticated(HandlerType.GET, "/api/v1/requests/{id}", this::show);
        routes.authenticated(HandlerType.POST, "/api/v1/requests/{id}/approve", (ctx, p) -> act(ctx, p, "approve"));
        routes.authenticated(HandlerType.POST, "/api/v1/requests/{id}/reject", (ctx, p) -> act(ctx, p, "reject"));
        routes.authenticated(HandlerType.POST, "/api/v1/requests/{id}/cancel", (ctx, p) -> act(ctx, p, "cancel"));
        routes.authenticated(HandlerType.POST, "/api/v1/requests/{id}/complete", (ctx, p) -> act(ctx, p, "complete"));
        routes.authenticated(HandlerType.POST, "/api/v1/requests/{id}/close-review",
                (ctx, p) -> act(ctx, p, "close-review"));
    }

    private void me(Context ctx, Principal p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("groups", new TreeSet<>(visibility.groups(p)));
        m.put("reader", visibility.isReader(p));
        json(ctx, 200, m);
    }

    private void list(Context ctx, Principal p) {
        String view = Params.view(ctx);
        Set<Status> statuses = Params.statuses(ctx);
        int offset = Params.intParam(ctx, "offset", 0, 0, Params.MAX_OFFSET);
        int limit = Params.intParam(ctx, "limit", 50, 1, RequestQuery.MAX_LIMIT - 1);
        RequestQuery q = new RequestQuery(null, Set.of(), statuses, null, false, offset, limit + 1);
        if (view.equals("post-review")) {
            // paged after the visibility filter, over the (short) queue of open post-emergency reviews
            List<ApprovalRequest> queue = approvals.list(RequestQuery.all().onlyPostReviewOpen().withStatuses(statuses)
                    .page(0, RequestQuery.MAX_LIMIT));
            page(ctx, view, offset, limit, queue.stream().filter(r -> visibility.canSee(p, r))
                    .skip(offset).limit(limit + 1L).toList());
            return;
        }
        switch (view) {
            case "mine" -> q = q.mine(p.id());
            case "received" -> {
                Set<String> groups = visibility.groups(p);
                if (groups.isEmpty()) {
                    page(ctx, view, offset, limit, List.of());
                    return;
                }
                q = q.received(groups);
            }
            default -> {
                if (!visibility.isReader(p)) {
                    throw ApiError.forbidden("Listing all requests needs membership in a reader group; use"
                            + " view=mine or view=received.");
                }
            }
        }
        List<ApprovalRequest> found = view.equals("received") ? receivedPage(q, p, offset, limit) : approvals.list(q);
        page(ctx, view, offset, limit, found);
    }

    /**
     * "Received requests" leaves out the caller's own requests (they can never review them), so paging counts only
     * the remaining ones: scan the store in chunks, skip {@code offset} of them, keep {@code limit + 1}.
     */
    private List<ApprovalRequest> receivedPage(RequestQuery q, Principal p, int offset, int limit) {
        List<ApprovalRequest> out = new ArrayList<>();
        int skipped = 0;
        int chunk = 200;
        for (int at = 0; at < RECEIVED_SCAN_LIMIT && out.size() <= limit; at += chunk) {
            List<ApprovalRequest> rows = approvals.list(q.page(at, chunk));
            for (ApprovalRequest r : rows) {
                if (r.isRequester(p.id())) {
                    continue;
                }
                if (skipped < offset) {
                    skipped++;
                } else if (out.size() <= limit) {
                    out.add(r);
                }
            }
            if (rows.size() < chunk) {
                break;
            }
        }
        return out;
    }

    private void page(Context ctx, String view, int offset, int limit, List<ApprovalRequest> found) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < Math.min(limit, found.size()); i++) {
            items.add(RequestJson.summary(found.get(i)));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("view", view);
        m.put("offset", offset);
        m.put("limit", limit);
        m.put("hasMore", found.size() > limit);
        m.put("items", items);
        json(ctx, 200, m);
    }

    private void show(Context ctx, Principal p) {
        ApprovalRequest r = visible(Params.requestId(ctx), p);
        List<AuditEntry> history = approvals.auditLog().forRequest(r.id());
        json(ctx, 200, RequestJson.detail(r, history, diff(r), visibility.actions(p, r)));
    }

    private void act(Context ctx, Principal p, String action) {
        String id = Params.requestId(ctx);
        Map<String, String> body = Bodies.strings(ctx, switch (action) {
            case "approve" -> Set.of("notes", "digest");
            case "reject", "close-review" -> Set.of("notes");
            case "cancel" -> Set.of("reason");
            default -> Set.of();
        });
        visible(id, p);
        if (action.equals("close-review") && body.getOrDefault("notes", "").isBlank()) {
            metrics.action(action, false);
            throw ApiError.badRequest("notes", "Closing a post-emergency review needs notes: what was checked and"
                    + " found.");
        }
        ApprovalRequest after;
        try {
            after = switch (action) {
                case "approve" -> body.containsKey("digest")
                        ? approvals.approve(id, p, body.getOrDefault("notes", ""), body.get("digest"))
                        : approvals.approve(id, p, body.getOrDefault("notes", ""));
                case "reject" -> approvals.reject(id, p, body.getOrDefault("notes", ""));
                case "cancel" -> approvals.cancel(id, p, body.getOrDefault("reason", ""));
                case "complete" -> approvals.complete(id, p);
                case "close-review" -> approvals.closePostReview(id, p, body.get("notes"));
                default -> throw new IllegalStateException(action);
            };
        } catch (MaaException e) {
            metrics.action(action, false);
            throw e;
        }
        metrics.action(action, true);
        json(ctx, 200, RequestJson.detail(after, approvals.auditLog().forRequest(id), diff(after),
                visibility.actions(p, after)));
    }

    /** The request if the principal may see it; otherwise 404, so ids of others' requests are not confirmed. */
    private ApprovalRequest visible(String id, Principal p) {
        ApprovalRequest r = approvals.get(id);
        if (!visibility.canSee(p, r)) {
            throw new RequestNotFoundException(id);
        }
        return r;
    }

    /** A live diff, for a request without a captured one; see {@link DiffProvider#readsCurrentState()}. */
    private Diff diff(ApprovalRequest r) {
        DiffProvider provider = diffs.get(r.resource().typeName());
        if (provider == null || r.diff() != null
                || (provider.readsCurrentState() && r.status() != Status.NEEDS_APPROVAL)) {
            return null;
        }
        try {
            return provider.diff(r).orElse(null);
        } catch (RuntimeException e) {
            LOG.warn("Diff provider {} failed for request {}: {}", provider.getClass().getName(), r.id(), e.toString());
            return null;
        }
    }

    static void json(Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json").result(Json.write(body));
    }
}

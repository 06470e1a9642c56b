package dev.maa.server.internal;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.AuditEntry;
import dev.maa.api.CapturedDiff;
import dev.maa.api.MaaException;
import dev.maa.api.Principal;
import dev.maa.api.RequestNotFoundException;
import dev.maa.api.RequestQuery;
import dev.maa.api.Status;
import dev.maa.core.ApprovalService;
import dev.maa.core.RequestAction;
import dev.maa.core.view.RequestJson;
import dev.maa.core.view.RequestLists;
import dev.maa.core.view.Visibility;
import dev.maa.server.DiffProvider;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/v1/requests...} and {@code /api/v1/me}. Every action calls the {@link ApprovalService} with the
 * authenticated principal; its exceptions become problem+json (see {@link Problems}). Nothing here re-implements
 * the approval rules.
 */
public final class RequestRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(RequestRoutes.class);

    /** The actions that are reviews, which service accounts may never take. */
    private static final Set<RequestAction> REVIEWS =
            Set.of(RequestAction.APPROVE, RequestAction.REJECT, RequestAction.CLOSE_REVIEW);

    private final ApprovalService approvals;
    private final Visibility visibility;
    private final Map<String, DiffProvider> diffs;
    private final ServerMetrics metrics;

    public RequestRoutes(
            ApprovalService approvals, Visibility visibility, Map<String, DiffProvider> diffs, ServerMetrics metrics) {
        this.approvals = approvals;
        this.visibility = visibility;
        this.diffs = diffs;
        this.metrics = metrics;
    }

    public void register(Routes routes) {
        routes.authenticated(HandlerType.GET, "/api/v1/me", this::me);
        routes.authenticated(
                HandlerType.GET, "/api/v1/requests", Set.of("view", "status", "offset", "limit"), this::list);
        routes.authenticated(HandlerType.GET, "/api/v1/requests/{id}", this::show);
        for (RequestAction action : RequestAction.values()) {
            routes.authenticated(
                    HandlerType.POST, "/api/v1/requests/{id}/" + action.wireName(), (ctx, p) -> act(ctx, p, action));
        }
    }

    private void me(Context ctx, Principal p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("groups", new TreeSet<>(visibility.groups(p)));
        m.put("reader", visibility.isReader(p));
        // groups come from the directory; a token's groups claim only when auth.trust_token_groups kept it
        m.put("groupsSource", p.groups().isEmpty() ? "directory" : "directory+token");
        java.time.Instant expires = ctx.attribute(Routes.EXPIRES_AT);
        if (expires != null) {
            m.put("tokenExpiresAt", expires.toString());
        }
        if (ClaimsMapping.isServiceAccount(p)) {
            m.put("serviceAccount", true);
        }
        // the bound on membership propagation: how old the groups a review is decided on may be
        m.put("membershipTtlSeconds", visibility.reviewStaleness().toSeconds());
        json(ctx, 200, m);
    }

    private void list(Context ctx, Principal p) {
        String view = Params.view(ctx);
        Set<Status> statuses = Params.statuses(ctx);
        int offset = Params.intParam(ctx, "offset", 0, 0, Params.MAX_OFFSET);
        int limit = Params.intParam(ctx, "limit", 50, 1, RequestQuery.MAX_LIMIT - 1);
        json(ctx, 200, RequestLists.page(approvals, visibility, p, view, statuses, offset, limit));
    }

    private void show(Context ctx, Principal p) {
        ApprovalRequest r = visible(Params.requestId(ctx), p);
        List<AuditEntry> history = approvals.auditLog().forRequest(r.id());
        json(ctx, 200, RequestJson.detail(r, history, diff(r), allowed(r, p)));
    }

    /** The actions offered to {@code p}: the engine's, without reviews for a service account. */
    private Set<RequestAction> allowed(ApprovalRequest r, Principal p) {
        Set<RequestAction> actions = approvals.allowedActions(r, p);
        if (!ClaimsMapping.isServiceAccount(p)) {
            return actions;
        }
        Set<RequestAction> out = java.util.EnumSet.noneOf(RequestAction.class);
        actions.stream().filter(a -> !REVIEWS.contains(a)).forEach(out::add);
        return out;
    }

    private void act(Context ctx, Principal p, RequestAction action) {
        String id = Params.requestId(ctx);
        Map<String, String> body = Bodies.strings(ctx, action.fields());
        if (REVIEWS.contains(action) && ClaimsMapping.isServiceAccount(p)) {
            metrics.action(action.wireName(), false);
            throw ApiError.forbidden(p.id() + " is a service account (auth.oidc.service_accounts or"
                    + " service_account_claim): service accounts may call the API but never review. A person in the"
                    + " request's approver groups must " + action.wireName() + " it.");
        }
        visible(id, p);
        if (action == RequestAction.CLOSE_REVIEW
                && body.getOrDefault("notes", "").isBlank()) {
            metrics.action(action.wireName(), false);
            throw ApiError.badRequest(
                    "notes", "Closing a post-emergency review needs notes: what was checked and" + " found.");
        }
        ApprovalRequest after;
        try {
            after = approvals.act(id, p, action, body);
        } catch (MaaException e) {
            metrics.action(action.wireName(), false);
            throw e;
        }
        metrics.action(action.wireName(), true);
        json(ctx, 200, RequestJson.detail(after, approvals.auditLog().forRequest(id), diff(after), allowed(after, p)));
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
    private CapturedDiff diff(ApprovalRequest r) {
        DiffProvider provider = diffs.get(r.resource().typeName());
        if (provider == null
                || r.diff() != null
                || (provider.readsCurrentState() && r.status() != Status.NEEDS_APPROVAL)) {
            return null;
        }
        try {
            return provider.diff(r).map(d -> d.asOf(r.updatedAt())).orElse(null);
        } catch (RuntimeException e) {
            LOG.warn(
                    "Diff provider {} failed for request {}: {}",
                    provider.getClass().getName(),
                    r.id(),
                    e.toString());
            return null;
        }
    }

    static void json(Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json").result(Json.write(body));
    }
}

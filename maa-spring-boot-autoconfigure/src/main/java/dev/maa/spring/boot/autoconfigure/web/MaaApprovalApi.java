package dev.maa.spring.boot.autoconfigure.web;

import dev.maa.api.AccessDeniedException;
import dev.maa.api.ApprovalRequest;
import dev.maa.api.MaaCallerException;
import dev.maa.api.PolicyEngine;
import dev.maa.api.Principal;
import dev.maa.api.PrincipalProvider;
import dev.maa.api.RequestNotFoundException;
import dev.maa.api.RequestQuery;
import dev.maa.api.Status;
import dev.maa.core.ApprovalService;
import dev.maa.core.BreakGlass;
import dev.maa.core.MaaEngine;
import dev.maa.core.RequestAction;
import dev.maa.core.view.RequestJson;
import dev.maa.core.view.RequestLists;
import dev.maa.core.view.Visibility;
import dev.maa.policies.EmbeddedRegoPolicyEngine;
import dev.maa.policies.PolicyCommands;
import dev.maa.policies.PolicyView;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The approval REST API served by the application itself ({@code maa.web.enabled=true}) under
 * {@code <base-path>/api/v1}: {@code GET /me}, {@code GET /requests?view=mine|received|all|post-review&status=...},
 * {@code GET /requests/{id}},
 * {@code POST /requests/{id}/<action>} for every {@link RequestAction} (approve, reject, cancel, complete,
 * close-review) with the action's fields as a JSON object. Who calls is the application's signed-in user (its
 * Spring Security configuration guards the path); every action goes through {@link ApprovalService#act}, the one
 * dispatch {@code maa serve}, the console and the CLI use, so the guards (never the requester, only current members
 * of the approver groups, digest bound) are the same, and so are the JSON shapes ({@link RequestJson}). A request the caller may neither see nor act on answers 404.
 */
@RestController
@RequestMapping("${maa.web.base-path:/maa}/api/v1")
public class MaaApprovalApi {

    private final ApprovalService approvals;
    private final PrincipalProvider principals;
    private final Visibility visibility;
    private final PolicyEngine policies;
    private final BreakGlass breakGlass;

    /**
     * @param visibility who may read which request, the rule {@code maa serve} applies; it is given principals
     *                   without the application's authorities, so groups come from the directory alone
     * @param policies   the application's policy engine, whose access policies {@code GET /policies} shows
     */
    public MaaApprovalApi(
            MaaEngine engine, PrincipalProvider principals, Visibility visibility, PolicyEngine policies) {
        this.approvals = engine.approvals();
        this.breakGlass = engine.breakGlass();
        this.principals = principals;
        this.visibility = visibility;
        this.policies = policies;
    }

    @GetMapping("/me")
    public Map<String, Object> me() {
        Principal p = caller();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("groups", new TreeSet<>(groups(p)));
        m.put("reader", visibility.isReader(p));
        return m;
    }

    /** {@code maa serve}'s lists ({@link RequestLists}): {@code view=all} needs a reader group. */
    @GetMapping("/requests")
    public Map<String, Object> list(
            @RequestParam(required = false) String view,
            @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "0") int offset,
            @RequestParam(defaultValue = "50") int limit) {
        Principal p = caller();
        if (limit < 1 || limit >= RequestQuery.MAX_LIMIT || offset < 0) {
            throw new BadParameter("limit must be 1.." + (RequestQuery.MAX_LIMIT - 1) + " and offset at least 0");
        }
        Set<Status> statuses;
        try {
            statuses = RequestLists.statuses(status);
            view = RequestLists.view(view);
        } catch (IllegalArgumentException e) {
            throw new BadParameter(e.getMessage());
        }
        return RequestLists.page(approvals, visibility, p, view, statuses, offset, limit);
    }

    @GetMapping("/requests/{id}")
    public Map<String, Object> show(@PathVariable String id) {
        Principal p = caller();
        ApprovalRequest r = visible(id, p);
        return detail(r, p);
    }

    @PostMapping("/requests/{id}/{action}")
    public Map<String, Object> act(
            @PathVariable String id,
            @PathVariable String action,
            @RequestBody(required = false) Map<String, Object> body) {
        Principal p = caller();
        RequestAction a;
        try {
            a = RequestAction.fromWire(action);
        } catch (IllegalArgumentException e) {
            throw new BadParameter(e.getMessage());
        }
        visible(id, p);
        Map<String, String> fields = new HashMap<>();
        if (body != null) {
            body.forEach((k, v) -> {
                if (!a.fields().contains(k)) {
                    throw new BadParameter("unknown field '" + k + "' for " + a.wireName() + "; known: " + a.fields());
                }
                fields.put(k, v == null ? "" : String.valueOf(v));
            });
        }
        ApprovalRequest after = approvals.act(id, p, a, fields);
        return detail(after, p);
    }

    /**
     * The access policies in force, in {@code maa serve}'s shape ({@link PolicyView}); policy changes are not
     * offered here ({@code changesEnabled: false}): they are proposed through {@code maa serve} or the CLI.
     */
    @GetMapping("/policies")
    public Map<String, Object> policies() {
        caller();
        return PolicyView.of(
                policies, policies instanceof EmbeddedRegoPolicyEngine rego ? rego.policySet() : null, null);
    }

    /** What would happen to a call with the given policy input, as {@code maa policy eval} and {@code maa serve}. */
    @PostMapping("/policies/eval")
    public Map<String, Object> eval(@RequestBody(required = false) Map<String, Object> body) {
        caller();
        if (!(policies instanceof EmbeddedRegoPolicyEngine rego)) {
            throw new BadParameter("This application's policy engine is not the embedded one (an OPA server answers"
                    + " decisions only), so it cannot show the policy's own decision document. Evaluate with"
                    + " 'maa policy eval --input FILE --policy DIR'.");
        }
        if (body == null || body.size() != 1 || !(body.get("input") instanceof Map<?, ?>)) {
            throw new BadParameter("The body must be {\"input\": {...}} and nothing else: the policy input (principal,"
                    + " resource, action, justification, emergency, ...), as 'maa policy eval' reads it.");
        }
        return PolicyCommands.evaluate(rego, breakGlass, body);
    }

    /** One request in the shape {@code maa serve} sends (history included), with the actions offered to {@code p}. */
    private Map<String, Object> detail(ApprovalRequest r, Principal p) {
        return RequestJson.detail(r, approvals.auditLog().forRequest(r.id()), null, approvals.allowedActions(r, p));
    }

    /**
     * The signed-in user without the groups the application's authorities gave it (an authority never makes an
     * approver, nor a reader), or 403 (fail closed) when the path was left open to anonymous callers.
     */
    private Principal caller() {
        return principals
                .currentPrincipal()
                .map(p -> new Principal(p.id(), Set.of(), p.roles()).canonical())
                .orElseThrow(() -> new AccessDeniedException(
                        "Nobody is signed in: the approval API needs the application's authenticated user. Guard "
                                + "the maa.web.base-path with the application's Spring Security configuration.",
                        List.of("no principal")));
    }

    /** Groups as the directory says now: the API shows and offers what a review would accept. */
    private Set<String> groups(Principal p) {
        return visibility.groups(p);
    }

    /**
     * The request if {@code p} may read it ({@link Visibility}, as in {@code maa serve}) or may act on it now (a
     * break-glass reviewer the policies name); otherwise 404, so ids of others' requests are not confirmed.
     */
    private ApprovalRequest visible(String id, Principal p) {
        ApprovalRequest r = approvals.get(id);
        if (!visibility.canSee(p, r) && approvals.allowedActions(r, p).isEmpty()) {
            throw new RequestNotFoundException(id);
        }
        return r;
    }

    /** A query parameter or body field the API cannot use (400). */
    static final class BadParameter extends MaaCallerException {
        private static final long serialVersionUID = 1L;

        BadParameter(String message) {
            super(Kind.INVALID_INPUT, message);
        }
    }
}

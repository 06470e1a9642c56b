package dev.maa.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maa.api.ApprovalRequiredException;
import dev.maa.api.Maa;
import dev.maa.api.Principal;
import dev.maa.policies.PolicyEdit;
import dev.maa.policies.PolicyProblem;
import dev.maa.policies.PolicyRevision;
import dev.maa.policies.PolicyService;
import dev.maa.policies.PolicyTestReport;
import dev.maa.policies.PolicyTestsFailedException;
import dev.maa.policies.PolicyValidationException;
import dev.maa.policies.StalePolicyBaseException;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Authoring one piece of the active policy set: create, update and delete one access policy, put or delete one
 * custom Rego module, and run the set's tests against an edit. Each change is a {@link PolicyEdit} pushed through
 * {@link PolicyService#edit} on the revision the author loaded ({@code baseRevision}), so it parks the same
 * {@code ACCESS_POLICY} request as {@code maa policy push}; a stale base is a 409 with the diff to rebase on, a set
 * that does not validate a 400 whose {@code problems} carry {@code file}, {@code line}, {@code column}.
 */
final class PolicyEditRoutes {

    private static final int MAX_BODY = 512 * 1024;
    private static final Set<String> POLICY_MEMBERS =
            Set.of("baseRevision", "policy", "justification", "forceJustification", "dryRun");
    private static final Set<String> MODULE_MEMBERS =
            Set.of("baseRevision", "path", "content", "tests", "justification", "forceJustification", "dryRun");
    private static final Set<String> DELETE_MEMBERS = Set.of("baseRevision", "justification", "dryRun");
    private static final Set<String> DELETE_MODULE_MEMBERS = Set.of("baseRevision", "path", "justification", "dryRun");
    private static final Set<String> TEST_MEMBERS = Set.of("modules");

    private final PolicyService service;

    PolicyEditRoutes(PolicyService service) {
        this.service = service;
    }

    void register(Routes routes) {
        routes.authenticated(HandlerType.POST, "/api/v1/policies/access-policies", this::create);
        routes.authenticated(HandlerType.PUT, "/api/v1/policies/access-policies/{name}", this::update);
        routes.authenticated(HandlerType.DELETE, "/api/v1/policies/access-policies/{name}", this::delete);
        routes.authenticated(HandlerType.PUT, "/api/v1/policies/modules", this::putModule);
        routes.authenticated(HandlerType.DELETE, "/api/v1/policies/modules", this::deleteModule);
        routes.authenticated(HandlerType.POST, "/api/v1/policies/test", this::test);
        routes.authenticated(HandlerType.GET, "/api/v1/policies/impact-previews/{id}", this::impactPreview);
    }

    /** A dry run's impact preview as it is now (computing, or computed), to the author who asked for it only. */
    private void impactPreview(Context ctx, Principal p) {
        String id = ctx.pathParam("id");
        String impact = service.impactPreview(id, p.id())
                .orElseThrow(() -> ApiError.notFound("No impact preview " + Bodies.printable(id) + " of yours is kept"
                        + " (previews are kept 15 minutes after they end): ask again with \"dryRun\": true."));
        RequestRoutes.json(ctx, 200, Json.readOrNull(impact));
    }

    private void create(Context ctx, Principal p) {
        JsonNode body = body(ctx, POLICY_MEMBERS);
        edit(ctx, p, body, new PolicyEdit.PutPolicy("", policy(body)));
    }

    private void update(Context ctx, Principal p) {
        JsonNode body = body(ctx, POLICY_MEMBERS);
        edit(ctx, p, body, new PolicyEdit.PutPolicy(ctx.pathParam("name"), policy(body)));
    }

    private void delete(Context ctx, Principal p) {
        JsonNode body = body(ctx, DELETE_MEMBERS);
        edit(ctx, p, body, new PolicyEdit.DeletePolicy(ctx.pathParam("name")));
    }

    /** One module, and with {@code tests} its sibling {@code *_test.rego} (the console edits the two together). */
    private void putModule(Context ctx, Principal p) {
        JsonNode body = body(ctx, MODULE_MEMBERS);
        String path = required(body, "path");
        List<PolicyEdit> edits = new ArrayList<>();
        edits.add(new PolicyEdit.PutModule(path, required(body, "content")));
        if (body.has("tests")) {
            if (!path.endsWith(".rego") || path.endsWith("_test.rego")) {
                throw ApiError.badRequest(
                        "tests", "'tests' goes with a module path ending in .rego (not _test.rego): its tests file.");
            }
            String testsPath = path.substring(0, path.length() - ".rego".length()) + "_test.rego";
            edits.add(new PolicyEdit.PutModule(testsPath, required(body, "tests")));
        }
        edit(ctx, p, body, edits);
    }

    private void deleteModule(Context ctx, Principal p) {
        JsonNode body = body(ctx, DELETE_MODULE_MEMBERS);
        edit(ctx, p, body, new PolicyEdit.DeleteModule(required(body, "path")));
    }

    /** Runs the tests of the active set with the given modules put in; 200 with every result, 400 if it does not compile. */
    private void test(Context ctx, Principal p) {
        JsonNode body = body(ctx, TEST_MEMBERS);
        List<PolicyEdit> edits = new ArrayList<>();
        JsonNode modules = body.path("modules");
        if (!modules.isMissingNode() && !modules.isObject()) {
            throw ApiError.badRequest("modules", "'modules' must be an object of module path to Rego text.");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = modules.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw ApiError.badRequest(
                        "modules", "The content of module " + Bodies.printable(e.getKey()) + " must be a string.");
            }
            edits.add(new PolicyEdit.PutModule(e.getKey(), e.getValue().asText()));
        }
        PolicyTestReport report;
        try {
            report = service.test(edits);
        } catch (PolicyValidationException e) {
            throw invalid(e);
        }
        RequestRoutes.json(ctx, 200, report(report));
    }

    private void edit(Context ctx, Principal p, JsonNode body, PolicyEdit edit) {
        edit(ctx, p, body, List.of(edit));
    }

    /**
     * Submits {@code edits}, or with {@code "dryRun": true} answers 200 with the diff they would submit and their
     * impact preview ({@code impact}: {@code state} computing with its {@code id}, polled at
     * {@code GET /api/v1/policies/impact-previews/{id}}; {@code null} without a decision log).
     */
    private void edit(Context ctx, Principal p, JsonNode body, List<PolicyEdit> edits) {
        long base = baseRevision(body);
        if (body.path("dryRun").asBoolean(false)) {
            try {
                PolicyService.Preview preview = service.preview(base, edits, p.id());
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("baseRevision", base);
                m.put("diff", preview.diff());
                m.put("impact", preview.impact().isEmpty() ? null : Json.readOrNull(preview.impact()));
                RequestRoutes.json(ctx, 200, m);
            } catch (PolicyValidationException e) {
                throw invalid(e);
            } catch (StalePolicyBaseException e) {
                throw stale(e);
            }
            return;
        }
        String force = PolicyRoutes.text(body, "forceJustification");
        submit(ctx, p, PolicyRoutes.text(body, "justification"), () -> service.edit(base, edits, force));
    }

    /**
     * Pushes as {@code p} with {@code justification}: 202 with the parked request's id (the usual case), 201 if a
     * policy allowed the change directly; the refusals of a push as problem+json with what the author needs to fix.
     */
    static void submit(Context ctx, Principal p, String justification, Supplier<PolicyRevision> push) {
        try (var as = Maa.actingAs(p);
                var why = Maa.justify(justification)) {
            PolicyRevision r = push.get();
            RequestRoutes.json(ctx, 201, Map.of("status", "ACTIVATED", "number", r.number(), "revision", r.revision()));
        } catch (ApprovalRequiredException e) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("status", "NEEDS_APPROVAL");
            m.put("requestId", e.requestId());
            m.put("approverGroups", new TreeSet<>(e.approverGroups()));
            m.put("requiredApprovals", e.requiredApprovals());
            m.put("expiresAt", e.expiresAt() == null ? null : e.expiresAt().toString());
            ctx.header("Location", "/api/v1/requests/" + e.requestId());
            RequestRoutes.json(ctx, 202, m);
        } catch (PolicyValidationException e) {
            throw invalid(e);
        } catch (PolicyTestsFailedException e) {
            throw ApiError.badRequest("files", e.getMessage()).with("tests", report(e.report()));
        } catch (StalePolicyBaseException e) {
            throw stale(e);
        }
    }

    /** A change on a revision that is no longer active: 409 with the diff from its base to the active revision. */
    private static ApiError stale(StalePolicyBaseException e) {
        return ApiError.conflict(
                        "stale-policy-base",
                        "Reload the policies: revision " + e.active() + " is active now",
                        e.getMessage())
                .with("baseRevision", e.base())
                .with("activeRevision", e.active())
                .with("diff", e.diff());
    }

    /** A set that does not validate: 400 with each problem's file, line, column, field and message. */
    static ApiError invalid(PolicyValidationException e) {
        List<Map<String, Object>> problems = new ArrayList<>();
        for (PolicyProblem pp : e.problems()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", pp.file());
            m.put("line", pp.line());
            m.put("column", pp.column());
            m.put("field", pp.field());
            m.put("message", pp.message());
            problems.add(m);
        }
        return ApiError.badRequest("files", e.getMessage()).with("problems", problems);
    }

    private static Map<String, Object> report(PolicyTestReport report) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("passed", report.passed());
        m.put("failed", report.failed());
        List<Map<String, Object>> results = new ArrayList<>();
        for (PolicyTestReport.Result r : report.results()) {
            Map<String, Object> rm = new LinkedHashMap<>();
            rm.put("file", r.file());
            rm.put("name", r.name());
            rm.put("passed", r.passed());
            rm.put("message", r.message());
            results.add(rm);
        }
        m.put("results", results);
        return m;
    }

    private static JsonNode body(Context ctx, Set<String> members) {
        JsonNode body = Bodies.object(ctx, MAX_BODY, "{\"baseRevision\": 3, \"justification\": \"CHG-1\", ...}");
        if (body == null) {
            throw ApiError.badRequest("body", "Send a JSON object with " + new TreeSet<>(members) + ".");
        }
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!members.contains(name)) {
                throw ApiError.badRequest(
                        Bodies.printable(name),
                        "Unknown member; this endpoint accepts " + new TreeSet<>(members) + ".");
            }
        }
        return body;
    }

    private static long baseRevision(JsonNode body) {
        JsonNode v = body.path("baseRevision");
        if (!v.isIntegralNumber() || v.asLong() < 0) {
            throw ApiError.badRequest(
                    "baseRevision",
                    "Give the number of the revision the change is based on (GET /api/v1/policies: baseRevision),"
                            + " so a change made meanwhile is not overwritten.");
        }
        return v.asLong();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> policy(JsonNode body) {
        JsonNode v = body.path("policy");
        if (!v.isObject()) {
            throw ApiError.badRequest(
                    "policy",
                    "'policy' must be an object with the data file's fields, e.g. {\"name\": \"App deletion\","
                            + " \"profile_type\": \"APP\", \"actions\": [\"DELETE\"], \"approver_groups\": [\"App"
                            + " Approvers\"], \"required_approvals\": 1}.");
        }
        return Json.mapper().convertValue(v, Map.class);
    }

    private static String required(JsonNode body, String name) {
        String v = PolicyRoutes.text(body, name);
        if (v.isEmpty()) {
            throw ApiError.badRequest(name, "'" + name + "' is required.");
        }
        return v;
    }
}

package dev.maa.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maa.api.PolicyEngine;
import dev.maa.api.Principal;
import dev.maa.core.BreakGlass;
import dev.maa.policies.EmbeddedRegoPolicyEngine;
import dev.maa.policies.OpaBundle;
import dev.maa.policies.PolicyCommands;
import dev.maa.policies.PolicyService;
import dev.maa.policies.PolicySet;
import dev.maa.policies.PolicyView;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * {@code /api/v1/policies} (the access policies in force, their revisions, and policy changes under approval),
 * {@code /api/v1/policies/eval} (what would happen to a call, as {@code maa policy eval}) and
 * {@code /bundles/maa.tar.gz}, the OPA bundle service: OPA servers poll it with {@code If-None-Match}; the ETag is
 * the policy revision.
 */
public final class PolicyRoutes {

    private static final int MAX_POLICY_BYTES = 512 * 1024;
    private static final int MAX_INPUT_CHARS = 64 * 1024;
    private static final Set<String> POST_MEMBERS = Set.of("files", "justification", "forceJustification");

    private final PolicyEngine engine;
    private final Supplier<PolicySet> policySet;
    private final PolicyService service;
    private final BreakGlass breakGlass;
    private final AtomicReference<Cached> bundle = new AtomicReference<>();

    /** {@code breakGlass} is the engine's own, so an evaluation reports what this server's engine would do. */
    public PolicyRoutes(
            PolicyEngine engine, Supplier<PolicySet> policySet, PolicyService service, BreakGlass breakGlass) {
        this.engine = engine;
        this.policySet = policySet;
        this.service = service;
        this.breakGlass = breakGlass;
    }

    public void register(Routes routes) {
        routes.authenticated(HandlerType.GET, "/api/v1/policies", this::list);
        routes.authenticated(HandlerType.POST, "/api/v1/policies", this::propose);
        routes.authenticated(HandlerType.POST, "/api/v1/policies/eval", this::eval);
        routes.authenticated(HandlerType.GET, "/bundles/maa.tar.gz", this::bundle);
        if (service != null) {
            new PolicyEditRoutes(service).register(routes);
        }
    }

    private void list(Context ctx, Principal p) {
        RequestRoutes.json(ctx, 200, PolicyView.of(engine, policySet == null ? null : policySet.get(), service));
    }

    /**
     * Proposes a complete new policy set. The change goes through the protected PolicyAdmin acting as the caller, so
     * it parks an ACCESS_POLICY request (202 with its id) that a second administrator must approve.
     */
    private void propose(Context ctx, Principal p) {
        if (service == null) {
            throw ApiError.notImplemented(
                    "Enable policy changes on this server (a PolicyService), or use the CLI",
                    "This server is not configured with a PolicyService from maa-opa-policies, so it cannot park"
                            + " policy-change requests. No change was made.");
        }
        JsonNode body = parse(ctx);
        Map<String, String> files = files(body.path("files"));
        String justification = text(body, "justification");
        String force = text(body, "forceJustification");
        PolicySet set;
        try {
            set = PolicySet.of(files);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("files", e.getMessage());
        }
        PolicyEditRoutes.submit(ctx, p, justification, () -> service.push(set, force));
    }

    /** What would happen to a call with the given policy input: the effective outcome beside the policy's decision. */
    private void eval(Context ctx, Principal p) {
        if (!(engine instanceof EmbeddedRegoPolicyEngine rego)) {
            throw ApiError.notImplemented(
                    "Evaluate with 'maa policy eval --input FILE --policy DIR'",
                    "This server's policy engine is not the embedded one (an OPA server answers decisions only), so it"
                            + " cannot show the policy's own decision document.");
        }
        JsonNode body = Bodies.object(
                ctx,
                MAX_INPUT_CHARS,
                "{\"input\": {\"principal\": {\"id\": \"alice\","
                        + " \"groups\": []}, \"resource\": {\"type\": \"APP\", \"id\": \"app-1\"}, \"action\": \"DELETE\","
                        + " \"emergency\": false}}");
        if (body == null || body.size() != 1 || !body.path("input").isObject()) {
            throw ApiError.badRequest(
                    "input",
                    "The body must be {\"input\": {...}} and nothing else: the policy input"
                            + " (principal, resource, action, justification, emergency, ...), as 'maa policy eval' reads it.");
        }
        Map<?, ?> input = Json.mapper().convertValue(body, Map.class);
        RequestRoutes.json(ctx, 200, PolicyCommands.evaluate(rego, breakGlass, input));
    }

    private static JsonNode parse(Context ctx) {
        JsonNode body = Bodies.object(
                ctx,
                MAX_POLICY_BYTES,
                "{\"files\": {\"access-policies.yaml\": \"...\"}," + " \"justification\": \"...\"}");
        if (body == null) {
            throw ApiError.badRequest("body", "The body must be a JSON object with 'files' and 'justification'.");
        }
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!POST_MEMBERS.contains(name)) {
                throw ApiError.badRequest(
                        Bodies.printable(name), "Unknown member; this endpoint accepts " + POST_MEMBERS + ".");
            }
        }
        return body;
    }

    private static Map<String, String> files(JsonNode node) {
        if (!node.isObject() || node.isEmpty()) {
            throw ApiError.badRequest(
                    "files",
                    "'files' must be a non-empty object of file name to content, e.g."
                            + " {\"access-policies.yaml\": \"access_policies: ...\"}.");
        }
        Map<String, String> files = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().matches("[A-Za-z0-9][A-Za-z0-9._/-]{0,199}")
                    || e.getKey().contains("..")) {
                throw ApiError.badRequest(
                        "files",
                        "File names are relative paths of letters, digits, '.', '_', '-'" + " and '/', without '..'.");
            }
            if (!e.getValue().isTextual()) {
                throw ApiError.badRequest("files", "The content of each file must be a string.");
            }
            files.put(e.getKey(), e.getValue().asText());
        }
        return files;
    }

    /** A string member; its length is the engine's to check when the change is parked ({@code TextLimits}). */
    static String text(JsonNode body, String name) {
        JsonNode v = body.path(name);
        if (v.isMissingNode() || v.isNull()) {
            return "";
        }
        if (!v.isTextual()) {
            throw ApiError.badRequest(name, "'" + name + "' must be a string.");
        }
        return v.asText();
    }

    private void bundle(Context ctx, Principal p) {
        if (policySet == null) {
            throw ApiError.notFound("This server has no Rego policy set to serve as an OPA bundle (it is configured"
                    + " with a non-Rego policy engine).");
        }
        PolicySet set = policySet.get();
        Cached c = bundle.get();
        if (c == null || !c.digest().equals(set.digest())) {
            c = new Cached(set.digest(), OpaBundle.of(set));
            bundle.set(c);
        }
        String revision = c.bundle().revision();
        String etag = "\"" + revision + "\"";
        ctx.header("ETag", etag);
        ctx.header("Cache-Control", "no-cache");
        String inm = ctx.header("If-None-Match");
        if (inm != null && (inm.equals(etag) || inm.equals(revision) || inm.equals("W/" + etag))) {
            ctx.status(304);
            return;
        }
        ctx.status(200).contentType("application/gzip").result(c.bundle().bytes());
    }

    /** The bundle built for one policy-set digest (bundles are reproducible, so one per digest suffices). */
    private record Cached(String digest, OpaBundle bundle) {}
}

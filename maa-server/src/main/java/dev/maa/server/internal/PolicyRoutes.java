package dev.maa.server.internal;

import dev.maa.api.PolicyEngine;
import dev.maa.api.Principal;
import dev.maa.policies.AccessPolicy;
import dev.maa.policies.OpaBundle;
import dev.maa.policies.PolicySet;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * {@code /api/v1/policies} (the access policies in force and their revision) and {@code /bundles/maa.tar.gz}, the
 * OPA bundle service: OPA servers poll it with {@code If-None-Match}; the ETag is the policy revision.
 */
public final class PolicyRoutes {

    private final PolicyEngine engine;
    private final Supplier<PolicySet> policySet;
    private final AtomicReference<Cached> bundle = new AtomicReference<>();

    public PolicyRoutes(PolicyEngine engine, Supplier<PolicySet> policySet) {
        this.engine = engine;
        this.policySet = policySet;
    }

    public void register(Routes routes) {
        routes.authenticated(HandlerType.GET, "/api/v1/policies", this::list);
        routes.authenticated(HandlerType.POST, "/api/v1/policies", this::propose);
        routes.authenticated(HandlerType.GET, "/bundles/maa.tar.gz", this::bundle);
    }

    private void list(Context ctx, Principal p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("revision", engine == null ? null : engine.revision());
        List<Map<String, Object>> policies = new ArrayList<>();
        if (policySet != null) {
            PolicySet set = policySet.get();
            m.put("policySetDigest", set.digest());
            m.put("files", new ArrayList<>(set.files().keySet()));
            for (AccessPolicy a : set.accessPolicies().policies()) {
                policies.add(a.toData());
            }
        }
        m.put("policies", policies);
        RequestRoutes.json(ctx, 200, m);
    }

    /**
     * Policy changes must themselves go through approval (an ACCESS_POLICY request). That flow lives in
     * maa-opa-policies' PolicyAdmin, which does not exist yet; until it does this says so instead of applying
     * changes without a second administrator.
     */
    private void propose(Context ctx, Principal p) {
        throw ApiError.notImplemented("Propose policy changes with the CLI for now (maa policy push)",
                "Creating policy-change requests through the REST API needs PolicyAdmin from maa-opa-policies,"
                        + " which this server version does not include yet. No change was made.");
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
    private record Cached(String digest, OpaBundle bundle) {
    }
}

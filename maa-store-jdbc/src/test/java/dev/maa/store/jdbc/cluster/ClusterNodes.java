package dev.maa.store.jdbc.cluster;

import dev.maa.api.Action;
import dev.maa.api.ApprovalRequiredException;
import dev.maa.api.CompletionMode;
import dev.maa.api.Factor;
import dev.maa.api.Maa;
import dev.maa.api.Principal;
import dev.maa.api.RequestStore;
import dev.maa.api.ResourceType;
import dev.maa.core.MaaEngine;
import dev.maa.core.directory.StaticDirectory;
import dev.maa.core.policy.RuleBasedPolicyEngine;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Set;

/** Engines of the cluster tests: alice requests, bob (app-approvers) approves; app deletion needs one approval. */
final class ClusterNodes {

    static final Principal ALICE = Principal.of("alice");
    static final Principal BOB = Principal.of("bob");
    private static final Method DELETE_APP;

    static {
        try {
            DELETE_APP = SideEffects.class.getMethod("deleteApp", String.class);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private ClusterNodes() {}

    static MaaEngine.Builder engine(RequestStore store, String nodeId, CompletionMode completion) {
        return MaaEngine.builder()
                .policyEngine(RuleBasedPolicyEngine.builder()
                        .requireApproval(ResourceType.APP, Set.of(Action.DELETE), Factor.of("apps", 1, "app-approvers"))
                        .ttl(Duration.ofDays(1))
                        .completion(completion)
                        .build())
                .directory(StaticDirectory.builder()
                        .user("alice", "helpdesk")
                        .user("bob", "app-approvers")
                        .build())
                .store(store)
                .nodeId(nodeId);
    }

    /**
     * Parks {@code deleteApp(appId)} as alice through the gatekeeper alone, so that this engine has no target:
     * it cannot run the request itself and an auto completion leaves it COMPLETING for another JVM.
     */
    static String park(MaaEngine engine, String appId) {
        try (var who = Maa.actingAs(ALICE);
                var why = Maa.justify("CHG-7 cluster test")) {
            engine.gatekeeper().check(DELETE_APP, null, new Object[] {appId});
        } catch (ApprovalRequiredException e) {
            return e.requestId();
        }
        throw new AssertionError("deleteApp(" + appId + ") was allowed instead of parked");
    }

    /** Parks and approves: APPROVED with manual completion, COMPLETING (unclaimed) with auto completion. */
    static String parkAndApprove(MaaEngine engine, String appId) {
        String id = park(engine, appId);
        engine.approvals().approve(id, BOB, "ok");
        return id;
    }
}

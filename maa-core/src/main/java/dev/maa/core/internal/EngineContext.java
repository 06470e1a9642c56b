package dev.maa.core.internal;

import dev.maa.api.Directory;
import dev.maa.api.PolicyEngine;
import dev.maa.api.PrincipalProvider;
import dev.maa.api.RequestStore;
import dev.maa.core.BreakGlass;
import dev.maa.core.codec.ParkedCallCodec;
import dev.maa.core.signing.ApprovalSigning;
import java.time.Clock;
import java.time.Duration;

/**
 * The collaborators and settings one engine's services share; built by {@code MaaEngine.Builder}. {@code signing} is
 * {@code null} when the host verifies no passkey signatures (then no request of a passkey policy runs here).
 * {@code reviewerGroupsFromPrincipal}: whether the groups a reviewer's principal carries count at review time beside
 * the directory's (a server that trusts its identity provider's group claims, {@code auth.trust_token_groups});
 * false by default, so an application's own roles never make an approver.
 */
public record EngineContext(
        PolicyEngine policyEngine,
        RequestStore store,
        Directory directory,
        PrincipalProvider principals,
        Clock clock,
        String nodeId,
        ParkedCallCodec codec,
        BreakGlass breakGlass,
        Notifications notifications,
        Targets targets,
        Duration defaultTtl,
        Duration claimLease,
        DiffCaptures diffs,
        ApprovalSigning signing,
        boolean reviewerGroupsFromPrincipal) {

    /** The actor id the engine uses for its own transitions (expiry, auto completion, recovery). */
    public static final String SYSTEM = "system";
}

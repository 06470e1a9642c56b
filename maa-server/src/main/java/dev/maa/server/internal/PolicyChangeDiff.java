package dev.maa.server.internal;

import dev.maa.api.ApprovalRequest;
import dev.maa.policies.PolicyService;
import dev.maa.server.Diff;
import dev.maa.server.DiffProvider;
import java.util.Optional;

/**
 * Policy-change requests show the change against the revision they were based on (PolicyService's diff). The
 * diff follows from the payload and an immutable revision, so it reads the same at any time.
 */
public final class PolicyChangeDiff implements DiffProvider {

    private final PolicyService service;

    public PolicyChangeDiff(PolicyService service) {
        this.service = service;
    }

    @Override
    public String resourceType() {
        return "ACCESS_POLICY";
    }

    @Override
    public boolean readsCurrentState() {
        return false;
    }

    @Override
    public Optional<Diff> diff(ApprovalRequest request) {
        return Optional.of(Diff.ofUnified("access policies", service.diff(request.id())));
    }
}

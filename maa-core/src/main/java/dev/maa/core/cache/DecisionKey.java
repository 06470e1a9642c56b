package dev.maa.core.cache;

import dev.maa.api.Action;
import dev.maa.api.Platform;
import dev.maa.api.PolicyInput;
import java.util.Set;

/** What a cached decision may depend on; see the package documentation for what is left out and why. */
record DecisionKey(
        String principal,
        Set<String> groups,
        Set<String> roles,
        String resourceType,
        Set<String> scopeTags,
        Action action,
        Platform platform,
        boolean justified,
        boolean urgent,
        boolean emergency,
        String revision) {

    static DecisionKey of(PolicyInput in, String revision) {
        return new DecisionKey(
                in.principal().id(),
                in.principal().groups(),
                in.principal().roles(),
                in.resource().typeName(),
                in.resource().scopeTags(),
                in.action(),
                in.resource().platform(),
                !in.justification().isBlank(),
                in.urgent(),
                in.emergency(),
                revision);
    }
}

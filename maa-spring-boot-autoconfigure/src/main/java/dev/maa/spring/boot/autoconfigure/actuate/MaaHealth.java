package dev.maa.spring.boot.autoconfigure.actuate;

import dev.maa.api.PolicyEngine;
import dev.maa.api.RequestQuery;
import dev.maa.api.RequestStore;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code maa} health check, whatever Spring Boot's health API: the request store answers a query and the policy
 * engine names its revision. Without either, protected calls fail closed, so the application is not healthy for
 * them. {@link MaaHealthIndicator} reports it on Spring Boot 3, {@link MaaBoot4HealthIndicator} on Spring Boot 4,
 * whose health API moved to {@code spring-boot-health}.
 */
public final class MaaHealth {

    private final RequestStore store;
    private final PolicyEngine policies;

    public MaaHealth(RequestStore store, PolicyEngine policies) {
        this.store = store;
        this.policies = policies;
    }

    /**
     * The details of a healthy MAA: the store's type and the policy revision.
     *
     * @throws RuntimeException whatever the store or the engine threw: the indicator reports it as down
     */
    public Map<String, Object> check() {
        store.list(RequestQuery.all().page(0, 1));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("store", store.getClass().getSimpleName());
        details.put("policyRevision", policies.revision());
        return details;
    }
}

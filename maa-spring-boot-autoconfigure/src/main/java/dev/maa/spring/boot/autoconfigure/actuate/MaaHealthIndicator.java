package dev.maa.spring.boot.autoconfigure.actuate;

import dev.maa.api.PolicyEngine;
import dev.maa.api.RequestQuery;
import dev.maa.api.RequestStore;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * Up when the request store answers a query and the policy engine names its revision: without either, protected
 * calls fail closed, so the application is not healthy for them.
 */
public final class MaaHealthIndicator extends AbstractHealthIndicator {

    private final RequestStore store;
    private final PolicyEngine policies;

    public MaaHealthIndicator(RequestStore store, PolicyEngine policies) {
        super("MAA health check failed");
        this.store = store;
        this.policies = policies;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        store.list(RequestQuery.all().page(0, 1));
        String revision = policies.revision();
        health.up().withDetail("store", store.getClass().getSimpleName()).withDetail("policyRevision", revision);
    }
}

package dev.maa.spring.boot.autoconfigure.actuate;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.Decision;
import dev.maa.api.Factor;
import dev.maa.api.Notification;
import dev.maa.api.PolicyEngine;
import dev.maa.api.PolicyInput;
import dev.maa.api.Principal;
import dev.maa.api.RequestQuery;
import dev.maa.api.RequestStore;
import dev.maa.api.Status;
import dev.maa.spring.boot.autoconfigure.MaaObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Micrometer meters of MAA in the application: {@code maa.decisions} (effect, policy) and the {@code maa.decision}
 * latency timer (decisions the policy engine makes; cached allows are not decisions), {@code maa.requests} (event:
 * submitted, approved, completed ... as notified), and the gauge {@code maa.requests.pending} (requests waiting for
 * approval, counted up to {@value #PENDING_CAP}).
 */
public final class MaaMetrics implements MaaObserver, MeterBinder {

    /** The pending gauge counts at most this many (one store page). */
    static final int PENDING_CAP = RequestQuery.MAX_LIMIT;

    private final RequestStore store;
    private volatile MeterRegistry registry;

    public MaaMetrics(RequestStore store) {
        this.store = store;
    }

    @Override
    public void bindTo(MeterRegistry meters) {
        this.registry = meters;
        Gauge.builder("maa.requests.pending", this, MaaMetrics::pending)
                .description("Requests waiting for approval (up to " + PENDING_CAP + ")")
                .register(meters);
    }

    /** How many requests wait for approval now, up to {@value #PENDING_CAP}. */
    public int pending() {
        return store.list(RequestQuery.all()
                        .withStatuses(Set.of(Status.NEEDS_APPROVAL))
                        .page(0, PENDING_CAP))
                .size();
    }

    @Override
    public PolicyEngine observe(PolicyEngine engine) {
        return new Metered(engine);
    }

    @Override
    public void notified(Notification n) {
        MeterRegistry meters = registry;
        if (meters != null) {
            Counter.builder("maa.requests")
                    .tag("event", n.kind().name().toLowerCase(Locale.ROOT))
                    .register(meters)
                    .increment();
        }
    }

    /** Times and counts each decision of the engine it wraps. */
    private final class Metered implements PolicyEngine {
        private final PolicyEngine delegate;

        Metered(PolicyEngine delegate) {
            this.delegate = delegate;
        }

        @Override
        public Decision decide(PolicyInput input) {
            MeterRegistry meters = registry;
            if (meters == null) {
                return delegate.decide(input);
            }
            long start = System.nanoTime();
            Decision d = delegate.decide(input);
            String effect = d == null ? "none" : d.effect().name().toLowerCase(Locale.ROOT);
            Timer.builder("maa.decision")
                    .tag("effect", effect)
                    .register(meters)
                    .record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
            Counter.builder("maa.decisions")
                    .tag("effect", effect)
                    .tag("policy", d == null ? "none" : policies(d))
                    .register(meters)
                    .increment();
            return d;
        }

        @Override
        public boolean mayReview(Principal reviewer, ApprovalRequest request) {
            return delegate.mayReview(reviewer, request);
        }

        @Override
        public String revision() {
            return delegate.revision();
        }

        private static String policies(Decision d) {
            return d.factors().isEmpty()
                    ? "none"
                    : d.factors().stream().map(Factor::policy).sorted().collect(Collectors.joining(","));
        }
    }
}

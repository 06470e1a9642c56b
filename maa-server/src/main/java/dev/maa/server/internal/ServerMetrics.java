package dev.maa.server.internal;

import dev.maa.api.RequestQuery;
import dev.maa.api.RequestStore;
import dev.maa.api.Status;
import dev.maa.core.decisionlog.DecisionCounts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server's Micrometer meters, scraped as Prometheus text: HTTP timings by route and status, reviews and other
 * actions taken through the server, and the number of stored requests per status (counted at scrape time, capped
 * at {@link RequestQuery#MAX_LIMIT} per status so a scrape stays cheap).
 */
public final class ServerMetrics {

    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;
    private final RequestStore store;
    private final Map<Status, AtomicLong> byStatus = new EnumMap<>(Status.class);
    private volatile DecisionCounts decisionCounts;

    public ServerMetrics(RequestStore store) {
        this(store, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    /** On a registry others (e.g. the notifiers) also write to, so {@code /metrics} shows their meters too. */
    public ServerMetrics(RequestStore store, PrometheusMeterRegistry registry) {
        this.registry = registry;
        this.store = store;
        for (Status s : Status.values()) {
            AtomicLong value = new AtomicLong();
            byStatus.put(s, value);
            Gauge.builder("maa.requests", value, AtomicLong::get)
                    .description("Stored approval requests by status (capped at " + RequestQuery.MAX_LIMIT + ")")
                    .tag("status", s.name())
                    .register(registry);
        }
    }

    public void httpRequest(String method, String route, int status, float millis) {
        Timer.builder("maa.http.server.requests")
                .description("HTTP requests served by maa-server")
                .tag("method", method)
                .tag("route", route)
                .tag("status", Integer.toString(status))
                .register(registry)
                .record((long) (millis * 1000), TimeUnit.MICROSECONDS);
    }

    /** An action taken through the API: approve, reject, cancel, complete; outcome ok or refused. */
    public void action(String action, boolean ok) {
        Counter.builder("maa.request.actions")
                .description("Approval actions taken through maa-server")
                .tag("action", action)
                .tag("outcome", ok ? "ok" : "refused")
                .register(registry)
                .increment();
        if (ok && (action.equals("approve") || action.equals("reject"))) {
            Counter.builder("maa.reviews")
                    .description("Reviews recorded through maa-server")
                    .tag("verdict", action)
                    .register(registry)
                    .increment();
        }
    }

    /**
     * Binds the engine's decision-path counters (audit mode, decision-log sinks; docs/rollout.md) as
     * {@code maa.audit_mode.would{outcome,policy,method}} and {@code maa.decision_logs.<written|dropped|failed>{sink}};
     * counters that appear later are registered at the next scrape.
     */
    public void decisions(DecisionCounts counts) {
        this.decisionCounts = counts;
    }

    private void registerDecisionCounts() {
        DecisionCounts counts = decisionCounts;
        if (counts == null) {
            return;
        }
        for (DecisionCounts.Key k : counts.snapshot().keySet()) {
            FunctionCounter.Builder<DecisionCounts> b = k.name().equals("would")
                    ? FunctionCounter.builder("maa.audit_mode.would", counts, c -> c.get(k))
                            .description("Calls that ran in audit mode although enforcement would not have let them")
                            .tag("outcome", k.outcome())
                            .tag("policy", k.policy())
                            .tag("method", k.method())
                    : FunctionCounter.builder("maa.decision_logs." + k.name(), counts, c -> c.get(k))
                            .description("Decision-log events " + k.name() + " per sink")
                            .tag("sink", k.sink());
            b.register(registry);
        }
    }

    public String scrape() {
        registerDecisionCounts();
        for (Status s : Status.values()) {
            try {
                int n = store.list(new RequestQuery(null, Set.of(), Set.of(s), null, false, 0, RequestQuery.MAX_LIMIT))
                        .size();
                byStatus.get(s).set(n);
            } catch (RuntimeException e) {
                byStatus.get(s).set(-1);
            }
        }
        return registry.scrape();
    }
}

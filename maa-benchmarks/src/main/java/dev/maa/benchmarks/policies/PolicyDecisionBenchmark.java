package dev.maa.benchmarks.policies;

import dev.maa.api.Action;
import dev.maa.api.Decision;
import dev.maa.api.Factor;
import dev.maa.api.PolicyEngine;
import dev.maa.api.PolicyInput;
import dev.maa.api.Principal;
import dev.maa.api.ResourceRef;
import dev.maa.api.ResourceType;
import dev.maa.core.cache.CachingPolicyEngine;
import dev.maa.core.cache.DecisionCacheSettings;
import dev.maa.core.policy.RuleBasedPolicyEngine;
import dev.maa.policies.EmbeddedRegoPolicyEngine;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One decision through the {@link PolicyEngine} interface, as the gatekeeper makes it: the shipped demo policies
 * in embedded Rego ({@code uncached}), the same engine behind the decision cache ({@code cached}), and a
 * {@link RuleBasedPolicyEngine} with equivalent rules ({@code baseline}, no Rego), in the same run.
 *
 * <p>{@code allow} is an App Admin creating an app (allowed, so cacheable); {@code approval} is a delete that
 * needs an approval, which the cache never stores, so there {@code cached} measures the cache's miss path.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PolicyDecisionBenchmark {

    @Param({"allow", "approval"})
    String call;

    private EmbeddedRegoPolicyEngine embedded;
    private PolicyEngine cached;
    private PolicyEngine baseline;
    private PolicyInput input;

    @Setup(Level.Trial)
    public void setUp() {
        embedded = EmbeddedRegoPolicyEngine.demo();
        cached = CachingPolicyEngine.wrap(embedded, DecisionCacheSettings.DEFAULTS);
        baseline = RuleBasedPolicyEngine.builder()
                .allow(ResourceType.APP, Set.of(Action.CREATE))
                .requireApproval(
                        ResourceType.APP,
                        Set.of(Action.UPDATE, Action.DELETE),
                        Factor.of("App changes", 1, "App Approvers"))
                .build();
        input = "allow".equals(call)
                ? call(Principal.of("carol", "App Admins"), Action.CREATE)
                : call(Principal.of("alice", "Helpdesk"), Action.DELETE);
        Decision rego = embedded.decide(input);
        Decision rules = baseline.decide(input);
        if (rego.effect() != rules.effect() || cached.decide(input).effect() != rego.effect()) {
            throw new IllegalStateException(
                    "engines disagree on " + call + ": Rego " + rego.effect() + ", rules " + rules.effect());
        }
    }

    private static PolicyInput call(Principal who, Action action) {
        return new PolicyInput(
                who,
                ResourceRef.of(ResourceType.APP, "app-42"),
                action,
                null,
                "",
                "ticket-1",
                false,
                false,
                Instant.parse("2026-11-23T10:00:00Z"));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        embedded.close();
    }

    @Benchmark
    public Decision uncached() {
        return embedded.decide(input);
    }

    @Benchmark
    public Decision cached() {
        return cached.decide(input);
    }

    @Benchmark
    public Decision baseline() {
        return baseline.decide(input);
    }
}

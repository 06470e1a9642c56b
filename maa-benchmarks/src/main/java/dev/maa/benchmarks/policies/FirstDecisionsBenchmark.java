package dev.maa.benchmarks.policies;

import dev.maa.api.Action;
import dev.maa.api.Decision;
import dev.maa.api.PolicyInput;
import dev.maa.api.Principal;
import dev.maa.api.ResourceRef;
import dev.maa.api.ResourceType;
import dev.maa.policies.EmbeddedRegoPolicyEngine;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What a fresh JVM pays for its first decisions: each fork builds the demo engine and times the first 100
 * decisions (half allowed, half needing approval) once, before any warm-up. Compare the score divided by
 * 100 with {@link PolicyDecisionBenchmark#uncached} (steady state) of the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(5)
public class FirstDecisionsBenchmark {

    static final int DECISIONS = 100;

    private EmbeddedRegoPolicyEngine engine;
    private PolicyInput allow;
    private PolicyInput approval;

    @Setup(Level.Trial)
    public void setUp() {
        engine = EmbeddedRegoPolicyEngine.demo();
        Instant t = Instant.parse("2026-11-23T10:00:00Z");
        allow = new PolicyInput(
                Principal.of("carol", "App Admins"),
                ResourceRef.of(ResourceType.APP, "app-42"),
                Action.CREATE,
                null,
                "",
                "ticket-1",
                false,
                false,
                t);
        approval = new PolicyInput(
                Principal.of("alice", "Helpdesk"),
                ResourceRef.of(ResourceType.APP, "app-42"),
                Action.DELETE,
                null,
                "",
                "ticket-1",
                false,
                false,
                t);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        engine.close();
    }

    @Benchmark
    public void first100(Blackhole bh) {
        for (int i = 0; i < DECISIONS; i++) {
            Decision d = engine.decide(i % 2 == 0 ? allow : approval);
            bh.consume(d);
        }
    }
}

package dev.maa.benchmarks.rollout;

import static dev.maa.api.Action.CREATE;
import static dev.maa.api.ResourceType.APP;

import dev.maa.api.Action;
import dev.maa.api.Decision;
import dev.maa.api.Operation;
import dev.maa.api.PolicyInput;
import dev.maa.api.Principal;
import dev.maa.api.Protected;
import dev.maa.api.ResourceRef;
import dev.maa.api.ResourceType;
import dev.maa.core.MaaEngine;
import dev.maa.core.cache.CachingPolicyEngine;
import dev.maa.core.cache.DecisionCacheSettings;
import dev.maa.core.decisionlog.DecisionCounts;
import dev.maa.core.decisionlog.DecisionLogger;
import dev.maa.core.decisionlog.DecisionSink;
import dev.maa.core.decisionlog.EventDocuments;
import dev.maa.core.directory.StaticDirectory;
import dev.maa.policies.EmbeddedRegoPolicyEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

/**
 * Issue 20's decision-log costs, same run: a cached allowed {@code @Protected} call (JDK proxy, demo policies behind
 * the decision cache) with decision logging off ({@code cachedAllowLogOff}, the baseline) and on with 1% of allows
 * sampled ({@code cachedAllowLogOn}); and the caller's share of one logged event ({@code recordEvent}: the offer to
 * the bounded buffer; the sink's background thread builds and writes it).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecisionLogBenchmark {

    /** The protected service. */
    public interface Apps {
        @Protected(resource = APP, action = CREATE)
        int create(String name);
    }

    /** Its implementation. */
    public static final class AppsImpl implements Apps {
        @Override
        public int create(String name) {
            return name.length();
        }
    }

    /** Counts and discards: the background side, kept cheap so it does not compete with the caller. */
    static final class DiscardSink implements DecisionSink {
        volatile long events;

        @Override
        public String name() {
            return "discard";
        }

        @Override
        public void write(List<String> batch) {
            events += batch.size();
        }
    }

    private EmbeddedRegoPolicyEngine rego;
    private DecisionLogger log;
    private DecisionLogger eventLog;
    private Apps off;
    private Apps on;
    private PolicyInput input;
    private Decision decision;

    @Setup(Level.Trial)
    public void setUp() {
        rego = EmbeddedRegoPolicyEngine.demo();
        Principal carol = Principal.of("carol", "App Admins");
        log = DecisionLogger.of(
                List.of(new DiscardSink()),
                0.01,
                new EventDocuments(Map.of(), List.of(), List.of()),
                new DecisionCounts(),
                10_000, // the defaults of decision_logs: the log's thread builds at most 10,000 events a second
                500,
                Duration.ofSeconds(1));
        eventLog = DecisionLogger.of(
                List.of(new DiscardSink()),
                1,
                new EventDocuments(Map.of(), List.of(), List.of()),
                new DecisionCounts(),
                1_000_000,
                5_000,
                Duration.ofMillis(50));
        off = engine(carol, DecisionLogger.off());
        on = engine(carol, log);
        if (off.create("a") != 1 || on.create("a") != 1) {
            throw new IllegalStateException("the allowed call did not run");
        }
        input = new PolicyInput(
                carol,
                ResourceRef.of(ResourceType.APP, "app-1"),
                Action.CREATE,
                new Operation(AppsImpl.class.getName(), "create", List.of("java.lang.String")),
                "",
                "",
                false,
                false,
                Instant.parse("2026-12-07T07:00:00Z"));
        decision = rego.decide(input);
    }

    private Apps engine(Principal who, DecisionLogger decisionLog) {
        MaaEngine e = MaaEngine.builder()
                .policyEngine(CachingPolicyEngine.wrap(rego, DecisionCacheSettings.DEFAULTS))
                .principalProvider(() -> Optional.of(who))
                .directory(StaticDirectory.empty())
                .decisionLog(decisionLog)
                .build();
        return e.protect(Apps.class, new AppsImpl());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        log.close();
        eventLog.close();
        rego.close();
    }

    @Benchmark
    public int cachedAllowLogOff() {
        return off.create("app");
    }

    @Benchmark
    public int cachedAllowLogOn() {
        return on.create("app");
    }

    @Benchmark
    public void recordEvent() {
        eventLog.record("require_approval", input, decision, null, false);
    }
}

package dev.maa.benchmarks.rego;

import dev.maa.rego.PreparedQuery;
import dev.maa.rego.QueryResult;
import dev.maa.rego.RegoEngine;
import java.util.List;
import java.util.Map;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * A prepared Rego query over access policies of the Intune kind, matched by type, platform and group
 * membership, against the same decision written as plain Java, with 100 and 10,000 policies in data.
 * {@code regoMaaStyle} is the same decision written as the built-in {@code maa} package writes policies.
 *
 * <p>Targets (maa-rego issue): the 100-policy Rego decision in ≤ 20 µs; the 10,000-policy one ≤ 10× the
 * 100-policy one. Read the {@code java} rows as the baseline of the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RegoDecisionBenchmark {

    @Param({"100", "10000"})
    int policies;

    private PreparedQuery query;
    private PreparedQuery maaStyleQuery;
    private Map<String, Object> input;
    private List<Map<String, Object>> javaPolicies;

    @Setup(Level.Trial)
    public void setUp() {
        RegoEngine engine = RegoEngine.builder()
                .module("bench.rego", AccessPolicyFixture.POLICY)
                .data(AccessPolicyFixture.data(policies))
                .build();
        query = engine.prepare("data.bench.decision");
        maaStyleQuery = RegoEngine.builder()
                .module("bench_maa.rego", AccessPolicyFixture.POLICY_MAA_STYLE)
                .data(AccessPolicyFixture.data(policies))
                .build()
                .prepare("data.bench_maa.decision");
        input = AccessPolicyFixture.input();
        javaPolicies = AccessPolicyFixture.policies(policies);
        QueryResult check = query.eval(input);
        if (!check.isDefined()) {
            throw new IllegalStateException("benchmark policy is undefined");
        }
        Object rego = ((Map<?, ?>) check.value()).get("effect");
        Object java = AccessPolicyFixture.decideInJava(javaPolicies, input).get("effect");
        if (!rego.equals(java)) {
            throw new IllegalStateException("Rego and Java disagree: " + rego + " vs " + java);
        }
        if (!check.value().equals(maaStyleQuery.eval(input).value())) {
            throw new IllegalStateException("the maa-style policy decides differently: " + check.value() + " vs "
                    + maaStyleQuery.eval(input).value());
        }
    }

    @Benchmark
    public QueryResult rego() {
        return query.eval(input);
    }

    /** The same decision in the built-in {@code maa} package's style (helper functions, a policies rule). */
    @Benchmark
    public QueryResult regoMaaStyle() {
        return maaStyleQuery.eval(input);
    }

    @Benchmark
    public Map<String, Object> java() {
        return AccessPolicyFixture.decideInJava(javaPolicies, input);
    }
}

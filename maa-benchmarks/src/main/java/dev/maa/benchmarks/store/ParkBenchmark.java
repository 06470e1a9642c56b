package dev.maa.benchmarks.store;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 * Parking one protected call, committed: policy decision, canonical JSON + SHA-256 digest, insert of the request
 * and its approver rows, and the audit entry, in one transaction. Read the p0.99 of the sample-time result.
 *
 * <p>Targets (store/cluster issue): p99 ≤ 2 ms on H2, ≤ 5 ms on PostgreSQL.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 10)
@Measurement(iterations = 3, time = 10)
@Fork(1)
public class ParkBenchmark {

    @Param({"h2", "postgres"})
    String store;

    private BenchStores stores;
    private BenchApps apps;
    private final AtomicLong next = new AtomicLong();

    @Setup(Level.Trial)
    public void setUp() {
        stores = BenchStores.open(store);
        apps = stores.engine("bench").protect(BenchApps.class, appId -> {});
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        stores.close();
    }

    @Benchmark
    public String park() {
        return BenchStores.park(apps, "app-" + next.incrementAndGet());
    }
}

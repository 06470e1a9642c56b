package dev.maa.benchmarks.store;

import dev.maa.api.ApprovalRequest;
import dev.maa.core.MaaEngine;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The whole life of a request, as cycles per second with two threads: park (alice) → approve (bob) → complete
 * (alice; the call runs on this node under a release token). Four committed writes per cycle on a JDBC store,
 * each with its audit entry; four of them wait for the disk (PostgreSQL's WAL flush, the H2 file's group force of
 * its transition log: park, approve, COMPLETING, the claim; the outcome does not, see
 * {@code RequestStore#recordOutcome}).
 * {@code memory} is the in-memory store: the baseline of the same run.
 *
 * <p>Targets: ≥ 1,000 cycles/s on H2 (durable, sharing forces) and on PostgreSQL, on 2 cores.
 *
 * <p>Warm-up is long on purpose: H2's engine, pgjdbc and Jackson take 30-40 s of this loop to be compiled, and
 * shorter runs report the JIT, not the store. With PostgreSQL two threads mostly wait for flushes; more client
 * threads share them ({@code -t 8} is the best on 2 cores; {@code -t 16} loses to context switches). On the H2 file
 * writers run side by side and overlap the log's forces: {@code -t 16} is the best there (1,169 /s against 988 /s
 * with 8 on a quiet 2-core machine). Figures and what moved them: {@code docs/cluster.md}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 10)
@Measurement(iterations = 3, time = 10)
@Threads(2)
@Fork(1)
public class CycleBenchmark {

    @Param({"memory", "h2", "postgres"})
    String store;

    private BenchStores stores;
    private MaaEngine engine;
    private BenchApps apps;
    private final AtomicLong next = new AtomicLong();

    @Setup(Level.Trial)
    public void setUp() {
        stores = BenchStores.open(store);
        engine = stores.engine("bench");
        apps = engine.protect(BenchApps.class, appId -> {});
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        stores.close();
    }

    @Benchmark
    public ApprovalRequest parkApproveComplete() {
        String id = BenchStores.park(apps, "app-" + next.incrementAndGet());
        engine.approvals().approve(id, BenchStores.BOB, "ok");
        return engine.approvals().complete(id, BenchStores.ALICE);
    }
}

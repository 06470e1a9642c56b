package dev.maa.benchmarks.agent;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Whole-process startup of the device-admin sample ({@code DeviceAdminMain --exit-after-start}: engine with the
 * demo Rego policies, services, {@code READY}) with and without {@code -javaagent} (goal: ≤ +300 ms). Each shot is
 * a fresh JVM; run from the repository root:
 *
 * <pre>
 * java -jar maa-benchmarks/target/benchmarks.jar SampleStartup
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, batchSize = 1)
@Measurement(iterations = 8, batchSize = 1)
@Fork(1)
public class SampleStartupBenchmark {

    @Param({"false", "true"})
    public boolean agent;

    @Benchmark
    public int startSample() throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (agent) {
            cmd.add(AgentOverheadBenchmark.AGENT.replace("dev.maa.benchmarks.agent.", "dev.maa.samples."));
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("dev.maa.samples.deviceadmin.DeviceAdminMain");
        cmd.add("--exit-after-start");
        Process p = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("the sample did not start within 60 s");
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("the sample exited with " + p.exitValue() + ": " + cmd);
        }
        return p.exitValue();
    }
}

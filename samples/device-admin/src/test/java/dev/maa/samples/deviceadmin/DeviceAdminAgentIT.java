package dev.maa.samples.deviceadmin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample service in a separate JVM with the packaged agent: the two-person rule end to end, with the demo
 * Rego policies and an H2 file store.
 */
class DeviceAdminAgentIT {

    @TempDir
    Path work;

    @Test
    void protectedCall_isParked_approvedByAnotherAdmin_andRunsExactlyOnce() throws Exception {
        try (SampleProcess sample = SampleProcess.start(
                work, "config=" + SampleProcess.sampleConfig(), "--store=h2:" + work.resolve("maa"))) {
            assertThat(sample.next(SampleProcess.START)).startsWith("READY agent=true");

            assertThat(sample.send("call alice - createApp app-1 Notes 1.0 windows"))
                    .isEqualTo("OK created");
            String parked = sample.send("call alice CHG-1234_remove_retired_app deleteApp app-1");
            assertThat(parked).startsWith("PARKED ");
            String id = parked.substring("PARKED ".length());

            assertThat(sample.send("show " + id))
                    .contains("NEEDS_APPROVAL", "requester=alice", "justification=CHG-1234_remove_retired_app");
            assertThat(sample.send("count deleted_app_app-1")).isEqualTo("OK 0");
            assertThat(sample.send("approve " + id + " alice")).startsWith("REFUSED ");
            assertThat(sample.send("approve " + id + " bob")).isEqualTo("OK APPROVED");
            assertThat(sample.send("complete " + id + " alice")).isEqualTo("OK COMPLETED");
            assertThat(sample.send("count deleted_app_app-1")).isEqualTo("OK 1");
            assertThat(sample.send("complete " + id + " alice")).startsWith("REFUSED ");
            assertThat(sample.send("count deleted_app_app-1")).isEqualTo("OK 1");
            assertThat(sample.send("effects")).isEqualTo("OK created app app-1|deleted app app-1");
            assertThat(sample.stderr()).doesNotContain("maa-agent: invalid", "could not inspect or instrument");
        }
    }

    @Test
    void unannotatedMethod_onAProtectedClass_isUntouched() throws Exception {
        try (SampleProcess sample = SampleProcess.start(work, "config=" + SampleProcess.sampleConfig())) {
            assertThat(sample.next(SampleProcess.START)).startsWith("READY agent=true");

            assertThat(sample.send("call alice - createApp app-1 Notes 1.0 windows"))
                    .isEqualTo("OK created");
            // mallory holds no MAA role at all: the protected method refuses her, the plain read does not care
            assertThat(sample.send("call mallory - createApp app-2 Mail 1.0 windows"))
                    .startsWith("REFUSED AccessDeniedException");
            assertThat(sample.send("call mallory - findApp app-1")).isEqualTo("OK Notes");
            assertThat(sample.send("effects")).isEqualTo("OK created app app-1");
        }
    }

    @Test
    void agentAttachedAtRunTime_guardsTheAlreadyLoadedService() throws Exception {
        try (SampleProcess sample = SampleProcess.start(work, null)) {
            assertThat(sample.next(SampleProcess.START)).startsWith("READY agent=false");
            assertThat(sample.send("call mallory - createApp app-1 Notes 1.0 windows"))
                    .isEqualTo("OK created");

            ByteBuddyAgent.attach(
                    SampleProcess.agentJar().toFile(),
                    String.valueOf(sample.pid()),
                    "config=" + SampleProcess.sampleConfig());

            assertThat(sample.send("call mallory - createApp app-2 Mail 1.0 windows"))
                    .startsWith("REFUSED AccessDeniedException");
            assertThat(sample.send("call alice CHG-7_cleanup deleteApp app-1")).startsWith("PARKED ");
            assertThat(sample.send("effects")).isEqualTo("OK created app app-1");
        }
    }

    @Test
    void agent_inAJvmWithoutMaa_startsAndStaysOutOfTheWay() throws Exception {
        Process p = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-javaagent:" + SampleProcess.agentJar(),
                        "-version")
                .redirectErrorStream(true)
                .start();
        try {
            assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(output).isZero();
            assertThat(output).doesNotContain("maa-agent", "Exception");
        } finally {
            p.destroyForcibly();
        }
    }
}

package dev.maa.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maa.agent.fixtures.Preloaded;
import dev.maa.core.Gatekeeper;
import org.junit.jupiter.api.Test;

/**
 * Attaching to a running JVM ({@code agentmain}) retransforms classes that were loaded before, and validates them
 * then, since their type initializer has already run. (The end-to-end test attaches the packaged jar to another
 * JVM with {@code ByteBuddyAgent.attach}.)
 */
class RuntimeAttachTest {

    @Test
    void classLoadedBeforeAttach_isGuardedAfterwards_andValidated() {
        LogCapture log = LogCapture.start();
        Preloaded preloaded = new Preloaded();
        assertThat(preloaded.deleteScript("s1")).isEqualTo("deleted s1");

        TestAgent.install("include=dev.maa.agent.fixtures.Preloaded");
        RecordingGatekeeper gatekeeper = new RecordingGatekeeper();
        Gatekeeper.installGlobal(gatekeeper);
        try {
            assertThat(preloaded.deleteScript("s2")).isEqualTo("deleted s2");
            assertThat(preloaded.read("s3")).isEqualTo("script s3");

            assertThat(gatekeeper.entered)
                    .singleElement()
                    .satisfies(e -> assertThat(e.args()).containsExactly("s2"));
            assertThat(log.errors())
                    .singleElement()
                    .satisfies(m -> assertThat(m)
                            .contains("Preloaded")
                            .contains("brokenPath")
                            .contains("script.id"));
        } finally {
            Gatekeeper.uninstallGlobal(gatekeeper);
        }
    }
}

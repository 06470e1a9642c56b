package dev.maa.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maa.agent.fixtures.Reports;
import dev.maa.core.Gatekeeper;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The guard contract with the load-time weaver that {@code -javaagent} registers. */
class ProtectedWeaverTest extends GuardContract {

    @BeforeAll
    static void installAgent() {
        log = LogCapture.start();
        TestAgent.premain("include=dev.maa.agent.fixtures.");
    }

    @Test
    void attachingAtRunTime_afterPremain_isIgnored_soNothingIsGuardedTwice() {
        RecordingGatekeeper gatekeeper = new RecordingGatekeeper();
        Gatekeeper.installGlobal(gatekeeper);
        try {
            assertThat(Reports.reindex("r1", 1)).isEqualTo(2);
            TestAgent.install("include=dev.maa.agent.fixtures.");
            assertThat(Reports.reindex("r2", 1)).isEqualTo(2);

            assertThat(gatekeeper.entered).extracting(e -> e.args()[0]).containsExactly("r1", "r2");
        } finally {
            Gatekeeper.uninstallGlobal(gatekeeper);
        }
    }

    @Test
    void wovenClass_keepsItsDeclaredMethods_andHidesTheMovedBodies() throws Exception {
        Method purge = Reports.class.getMethod("purge", String.class);

        assertThat(purge.getAnnotations()).hasSize(1);
        assertThat(Modifier.isPublic(purge.getModifiers())).isTrue();
        assertThat(Arrays.stream(Reports.class.getDeclaredMethods())
                        .filter(m -> !m.isSynthetic())
                        .map(Method::getName))
                .containsExactlyInAnyOrder("purge", "reindex", "read");
    }
}

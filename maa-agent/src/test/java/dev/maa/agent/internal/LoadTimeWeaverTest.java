package dev.maa.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maa.agent.RecordingGatekeeper;
import dev.maa.core.Gatekeeper;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

class LoadTimeWeaverTest {

    private static final String REPORTS = "dev.maa.agent.fixtures.Reports";

    @Test
    void classFileOlderThanJava11_isWovenByByteBuddy_andGuarded() throws Exception {
        byte[] java8 = ClassFiles.classFile(REPORTS);
        java8[6] = 0;
        java8[7] = 52;
        GateTransformer gate = new GateTransformer(AgentConfig.defaults(), new LoadTimeWeaver(AgentConfig.defaults()));
        RecordingGatekeeper gatekeeper = new RecordingGatekeeper();

        byte[] woven = gate.transform(getClass().getClassLoader(), REPORTS.replace('.', '/'), null, null, java8);
        Class<?> reports = new ClassFiles.Defining(REPORTS, woven, getClass().getClassLoader()).loadClass(REPORTS);
        Gatekeeper.installGlobal(gatekeeper);
        try {
            Method purge = reports.getMethod("purge", String.class);
            assertThat(purge.invoke(reports.getConstructor().newInstance(), "r1"))
                    .isEqualTo("purged r1");

            assertThat(gatekeeper.entered)
                    .singleElement()
                    .satisfies(e -> assertThat(e.method()).isEqualTo(purge));
            assertThat(reports.getDeclaredMethods()).noneMatch(Method::isSynthetic); // inlined advice, no moved body
        } finally {
            Gatekeeper.uninstallGlobal(gatekeeper);
        }
    }
}

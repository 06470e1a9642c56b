package dev.maa.agent.internal;

import dev.maa.agent.RecordingGatekeeper;
import dev.maa.core.internal.GlobalGatekeeper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;

import static org.assertj.core.api.Assertions.assertThat;

class LoadTimeWeaverTest {

    private static final String REPORTS = "dev.maa.agent.fixtures.Reports";

    @Test
    void classFileOlderThanJava11_isWovenByByteBuddy_andGuarded() throws Exception {
        byte[] java8 = classFile(REPORTS);
        java8[6] = 0;
        java8[7] = 52;
        GateTransformer gate = new GateTransformer(AgentConfig.defaults(), new LoadTimeWeaver(AgentConfig.defaults()));
        RecordingGatekeeper gatekeeper = new RecordingGatekeeper();

        byte[] woven = gate.transform(getClass().getClassLoader(), REPORTS.replace('.', '/'), null, null, java8);
        Class<?> reports = new Defining(woven, getClass().getClassLoader()).loadClass(REPORTS);
        GlobalGatekeeper.install(gatekeeper);
        try {
            Method purge = reports.getMethod("purge", String.class);
            assertThat(purge.invoke(reports.getConstructor().newInstance(), "r1")).isEqualTo("purged r1");

            assertThat(gatekeeper.entered).singleElement().satisfies(e -> assertThat(e.method()).isEqualTo(purge));
            assertThat(reports.getDeclaredMethods()).noneMatch(Method::isSynthetic);   // inlined advice, no moved body
        } finally {
            GlobalGatekeeper.uninstall(gatekeeper);
        }
    }

    private static byte[] classFile(String name) throws IOException {
        try (InputStream in = LoadTimeWeaverTest.class.getClassLoader()
                .getResourceAsStream(name.replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }

    private static final class Defining extends ClassLoader {
        private final byte[] bytes;

        Defining(byte[] bytes, ClassLoader parent) {
            super(parent);
            this.bytes = bytes;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.equals(REPORTS)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                return c != null ? c : defineClass(name, bytes, 0, bytes.length);
            }
        }
    }
}

package dev.maa.agent.internal;

import static dev.maa.agent.internal.ClassFiles.classFile;
import static dev.maa.agent.internal.ClassFiles.invoke;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.agent.LogCapture;
import dev.maa.agent.RecordingGatekeeper;
import dev.maa.agent.contract.ChildFirst;
import dev.maa.api.MaaConfigurationException;
import dev.maa.core.Gatekeeper;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.util.List;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * When the agent cannot weave a class that declares {@code @Protected} methods (Byte Buddy failed to build, a
 * weaver fault), those methods refuse every call, even with a gatekeeper that would allow them, while other code
 * runs.
 */
class GateFailClosedTest {

    private static final String FIXTURES = "dev.maa.agent.fixtures.";
    private static final String REPORTS = FIXTURES + "Reports";

    private final RecordingGatekeeper allowAll = new RecordingGatekeeper();
    private final Instrumentation instrumentation = ByteBuddyAgent.install();
    private LogCapture log;
    private ClassFileTransformer gate;

    @BeforeEach
    void installGatekeeper() {
        log = LogCapture.start();
        Gatekeeper.installGlobal(allowAll);
    }

    @AfterEach
    void uninstall() {
        Gatekeeper.uninstallGlobal(allowAll);
        if (gate != null) {
            instrumentation.removeTransformer(gate);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void weaverFailure_makesProtectedMethodsRefuse_whileOtherMethodsAndClassesRun() throws Throwable {
        gate = new GateTransformer(AgentConfig.parse("include=" + FIXTURES), (loader, name, domain, bytes, scan) -> {
            throw new IllegalStateException("simulated: Byte Buddy could not be built");
        });
        instrumentation.addTransformer(gate, false);
        ChildFirst loader = new ChildFirst(FIXTURES, getClass().getClassLoader());

        Class<?> reports = loader.loadClass(REPORTS);
        Object service = reports.getConstructor().newInstance();

        assertThatThrownBy(() -> invoke(reports.getMethod("purge", String.class), service, "r1"))
                .isInstanceOf(MaaConfigurationException.class)
                .hasMessageContaining("could not instrument " + REPORTS)
                .hasMessageContaining("purge")
                .hasMessageContaining("fail closed")
                .hasMessageContaining("simulated: Byte Buddy could not be built");
        assertThatThrownBy(() -> invoke(reports.getMethod("reindex", String.class, int.class), null, "r1", 2))
                .isInstanceOf(MaaConfigurationException.class);
        assertThat(invoke(reports.getMethod("read", String.class), service, "r2"))
                .isEqualTo("report r2");
        assertThat((List<Object>) reports.getField("RAN").get(null)).containsExactly("read r2");
        assertThat(allowAll.entered).isEmpty();

        Class<?> other = loader.loadClass(FIXTURES + "Unprotected");
        assertThat(other.getClassLoader()).isSameAs(loader);
        assertThat(invoke(
                        other.getMethod("describe", String.class),
                        other.getConstructor().newInstance(),
                        "x"))
                .isEqualTo("described x");
        assertThat(log.errors())
                .anySatisfy(m -> assertThat(m)
                        .contains("could not instrument " + REPORTS)
                        .contains("fail closed"));
    }

    @Test
    void byteBuddyBuildFailure_forAnOldClassFile_makesItsProtectedMethodsRefuse() throws Throwable {
        byte[] java8 = classFile(REPORTS);
        java8[6] = 0;
        java8[7] = 52; // major version 52: Java 8, which the ASM weaver hands to Byte Buddy
        GateTransformer gate = new GateTransformer(AgentConfig.parse("include=" + FIXTURES), new LoadTimeWeaver(() -> {
            throw new IllegalStateException("simulated: Byte Buddy could not be built");
        }));

        byte[] transformed = gate.transform(getClass().getClassLoader(), REPORTS.replace('.', '/'), null, null, java8);

        assertThat(transformed).isNotNull();
        Class<?> reports =
                new ClassFiles.Defining(REPORTS, transformed, getClass().getClassLoader()).loadClass(REPORTS);
        Object service = reports.getConstructor().newInstance();
        assertThatThrownBy(() -> invoke(reports.getMethod("purge", String.class), service, "r1"))
                .isInstanceOf(MaaConfigurationException.class)
                .hasMessageContaining("could not instrument " + REPORTS);
        assertThat(invoke(reports.getMethod("read", String.class), service, "r2"))
                .isEqualTo("report r2");
        assertThat(allowAll.entered).isEmpty();
    }

    @Test
    void unreadableClassFile_isMadeUnloadable_ratherThanLoadedUnguarded() throws Exception {
        byte[] broken = classFile(REPORTS);
        byte[] truncated = java.util.Arrays.copyOf(broken, broken.length - 40); // still names the annotation
        GateTransformer gate = new GateTransformer(
                AgentConfig.parse("include=" + FIXTURES), new LoadTimeWeaver(AgentConfig.defaults()));

        byte[] transformed =
                gate.transform(getClass().getClassLoader(), REPORTS.replace('.', '/'), null, null, truncated);

        assertThat(transformed).isEqualTo(Refusal.UNLOADABLE);
        assertThatThrownBy(() ->
                        new ClassFiles.Defining(REPORTS, transformed, getClass().getClassLoader()).loadClass(REPORTS))
                .isInstanceOf(ClassFormatError.class);
        assertThat(log.errors()).anySatisfy(m -> assertThat(m).contains(REPORTS).contains("unloadable"));
    }
}

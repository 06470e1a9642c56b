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
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import net.bytebuddy.agent.ByteBuddyAgent;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runtime attach fails closed like {@code -javaagent}: a loaded class that Byte Buddy cannot retransform gets
 * protected methods that refuse every call, even with a gatekeeper that allows everything, while its other methods
 * run; classes loaded after the attach are woven as they load and guarded once. Each fixture class is defined by
 * its own child-first loader, so each test has fresh classes.
 */
class AttachFailClosedTest {

    private static final String FIXTURES = "dev.maa.agent.fixtures.";
    private static final String REPORTS = FIXTURES + "Reports";
    private static final String PRELOADED = FIXTURES + "Preloaded";

    private final RecordingGatekeeper allowAll = new RecordingGatekeeper();
    private final Instrumentation instrumentation = ByteBuddyAgent.install();
    private LogCapture log;

    @BeforeEach
    void installGatekeeper() {
        log = LogCapture.start();
        Gatekeeper.installGlobal(allowAll);
    }

    @AfterEach
    void uninstall() {
        Gatekeeper.uninstallGlobal(allowAll);
        AgentInstaller.uninstall(instrumentation);
    }

    @Test
    void transformerFailure_onALoadedClass_makesItsProtectedMethodsRefuse_whileOthersRun() throws Throwable {
        Class<?> reports = new ChildFirst(FIXTURES, getClass().getClassLoader()).loadClass(REPORTS);
        Object service = reports.getConstructor().newInstance();
        assertThat(invoke(reports.getMethod("purge", String.class), service, "r0"))
                .isEqualTo("purged r0");

        attach("include=" + REPORTS, failingFor(REPORTS), Refusal::refuse);

        assertRefuses(reports, service, "simulated: Byte Buddy could not transform");
        assertThat(log.errors())
                .anySatisfy(m -> assertThat(m)
                        .contains("could not retransform " + REPORTS)
                        .contains("refuse every call")
                        .contains("purge")
                        .contains("-javaagent"));
        assertThat(log.errors()).noneSatisfy(m -> assertThat(m).contains("NOT guarded"));

        // a later retransformation (by any agent) starts from the original class file: it must not restore it
        instrumentation.retransformClasses(reports);
        assertRefuses(reports, service, "simulated: Byte Buddy could not transform");
    }

    @Test
    void classTheJvmRejects_afterRetransformation_refuses_whileTheOtherClassesOfItsBatchAreGuarded() throws Throwable {
        ChildFirst loader = new ChildFirst(FIXTURES, getClass().getClassLoader());
        Class<?> reports = loader.loadClass(REPORTS);
        Class<?> preloaded = loader.loadClass(PRELOADED);
        Object service = reports.getConstructor().newInstance();
        Object other = preloaded.getConstructor().newInstance();

        // a retransformed class cannot gain a field: the JVM rejects the whole batch
        attach(
                "include=" + FIXTURES,
                (builder, type) -> type.getName().equals(REPORTS)
                        ? AgentInstaller.transform(builder, type).defineField("maa$extra", int.class)
                        : AgentInstaller.transform(builder, type),
                Refusal::refuse);

        assertRefuses(reports, service, "UnsupportedOperationException");
        assertThat(invoke(preloaded.getMethod("deleteScript", String.class), other, "s1"))
                .isEqualTo("deleted s1");
        assertThat(allowAll.entered)
                .singleElement()
                .satisfies(e -> assertThat(e.args()).containsExactly("s1"));
        assertThat(log.errors()).filteredOn(m -> m.contains("brokenPath")).hasSize(1); // validated once
    }

    @Test
    void refusalFailure_isLoggedAsRunningUnguarded() throws Throwable {
        Class<?> reports = new ChildFirst(FIXTURES, getClass().getClassLoader()).loadClass(REPORTS);
        Object service = reports.getConstructor().newInstance();

        attach("include=" + REPORTS, failingFor(REPORTS), (classFile, methods, cause) -> {
            throw new IllegalStateException("simulated: refusal failed");
        });

        // nothing more can be done for a loaded class; the log says so and what to do
        assertThat(invoke(reports.getMethod("purge", String.class), service, "r1"))
                .isEqualTo("purged r1");
        assertThat(log.errors())
                .anySatisfy(m ->
                        assertThat(m).contains(REPORTS).contains("UNGUARDED").contains("-javaagent"));
    }

    @Test
    void classLoadedAfterTheAttach_isWovenAsItLoads_andGuardedOnce_alsoAfterARetransformation() throws Throwable {
        attach("include=" + FIXTURES, AgentInstaller::transform, Refusal::refuse);
        Class<?> reports = new ChildFirst(FIXTURES, getClass().getClassLoader()).loadClass(REPORTS);
        Object service = reports.getConstructor().newInstance();

        assertThat(invoke(reports.getMethod("purge", String.class), service, "r1"))
                .isEqualTo("purged r1");
        instrumentation.retransformClasses(reports);
        assertThat(invoke(reports.getMethod("purge", String.class), service, "r2"))
                .isEqualTo("purged r2");

        assertThat(Arrays.stream(reports.getDeclaredMethods()).map(Method::getName))
                .contains("maa$enter");
        assertThat(allowAll.entered).extracting(e -> e.args()[0]).containsExactly("r1", "r2");
    }

    @Test
    void oldClassFileLoadedAfterTheAttach_isGuardedOnce_alsoAfterARetransformation() throws Throwable {
        attach("include=" + FIXTURES, AgentInstaller::transform, Refusal::refuse);
        byte[] java8 = classFile(REPORTS);
        java8[6] = 0;
        java8[7] = 52; // Java 8: the gate hands it to Byte Buddy, which leaves no maa$enter to recognise it by
        Class<?> reports = new ClassFiles.Defining(REPORTS, java8, getClass().getClassLoader()).loadClass(REPORTS);
        Object service = reports.getConstructor().newInstance();

        assertThat(invoke(reports.getMethod("purge", String.class), service, "r1"))
                .isEqualTo("purged r1");
        instrumentation.retransformClasses(reports);
        assertThat(invoke(reports.getMethod("purge", String.class), service, "r2"))
                .isEqualTo("purged r2");

        assertThat(Arrays.stream(reports.getDeclaredMethods()).map(Method::getName))
                .doesNotContain("maa$enter");
        assertThat(allowAll.entered).extracting(e -> e.args()[0]).containsExactly("r1", "r2");
    }

    private void attach(
            String arguments, AgentInstaller.Transformation transformation, AttachFailClosed.Refuser refuser) {
        assertThat(AgentInstaller.install(AgentConfig.parse(arguments), instrumentation, true, transformation, refuser))
                .isNotNull();
    }

    private static AgentInstaller.Transformation failingFor(String className) {
        return (DynamicType.Builder<?> builder, TypeDescription type) -> {
            if (type.getName().equals(className)) {
                throw new IllegalStateException("simulated: Byte Buddy could not transform " + className);
            }
            return AgentInstaller.transform(builder, type);
        };
    }

    @SuppressWarnings("unchecked")
    private void assertRefuses(Class<?> reports, Object service, String cause) throws Throwable {
        ((List<Object>) reports.getField("RAN").get(null)).clear();
        int entered = allowAll.entered.size();
        assertThatThrownBy(() -> invoke(reports.getMethod("purge", String.class), service, "r1"))
                .isInstanceOf(MaaConfigurationException.class)
                .hasMessageContaining("could not instrument " + REPORTS)
                .hasMessageContaining("purge")
                .hasMessageContaining("fail closed")
                .hasMessageContaining(cause);
        assertThatThrownBy(() -> invoke(reports.getMethod("reindex", String.class, int.class), null, "r1", 2))
                .isInstanceOf(MaaConfigurationException.class);
        assertThat(invoke(reports.getMethod("read", String.class), service, "r2"))
                .isEqualTo("report r2");
        assertThat((List<Object>) reports.getField("RAN").get(null)).containsExactly("read r2");
        assertThat(allowAll.entered).hasSize(entered);
    }
}

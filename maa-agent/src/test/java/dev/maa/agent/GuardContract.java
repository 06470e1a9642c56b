package dev.maa.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.agent.fixtures.Misannotated;
import dev.maa.agent.fixtures.Reports;
import dev.maa.agent.fixtures.Scaling;
import dev.maa.api.Action;
import dev.maa.api.ApprovalRequiredException;
import dev.maa.api.Factor;
import dev.maa.api.MaaConfigurationException;
import dev.maa.api.Protected;
import dev.maa.api.ResourceType;
import dev.maa.core.Gatekeeper;
import dev.maa.core.MaaEngine;
import dev.maa.core.policy.RuleBasedPolicyEngine;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a guard does beyond the shared contract: routing details, fail-closed faults, class-load validation. Runs
 * against both weaving paths (Byte Buddy advice, {@code ProtectedAdviceTest}; load-time weaving, {@code
 * ProtectedWeaverTest}); each subclass installs its path before any fixture class is loaded.
 */
abstract class GuardContract {

    protected static LogCapture log;
    private final RecordingGatekeeper gatekeeper = new RecordingGatekeeper();

    @AfterEach
    void uninstallGatekeeper() {
        Gatekeeper.uninstallGlobal(gatekeeper);
        Reports.RAN.clear();
    }

    @Test
    void unannotatedMethod_inInstrumentedClass_isUntouched() {
        Reports reports = new Reports();

        assertThat(reports.read("r1")).isEqualTo("report r1");
        assertThatThrownBy(purging(reports, "r1"))
                .isInstanceOf(MaaConfigurationException.class)
                .hasMessageContaining("no MAA engine is installed");
        assertThat(Reports.RAN).containsExactly("read r1");
    }

    @Test
    void protectedInstanceMethod_isHandedToTheGatekeeper_withTheSameMethodEveryCall() throws Exception {
        Gatekeeper.installGlobal(gatekeeper);
        Reports reports = new Reports();

        assertThat(reports.purge("r1")).isEqualTo("purged r1");
        reports.purge("r2");

        Method purge = Reports.class.getMethod("purge", String.class);
        assertThat(gatekeeper.entered).hasSize(2);
        assertThat(gatekeeper.entered.get(0).method()).isEqualTo(purge);
        assertThat(gatekeeper.entered.get(1).method())
                .isSameAs(gatekeeper.entered.get(0).method());
        assertThat(gatekeeper.entered.get(0).target()).isSameAs(reports);
        assertThat(gatekeeper.entered.get(1).args()).containsExactly("r2");
        assertThat(gatekeeper.exited).isEmpty();
    }

    @Test
    void protectedStaticMethod_isHandedToTheGatekeeper_withoutTarget() {
        Gatekeeper.installGlobal(gatekeeper);

        assertThat(Reports.reindex("r1", 21)).isEqualTo(42);

        assertThat(gatekeeper.entered).singleElement().satisfies(e -> {
            assertThat(e.target()).isNull();
            assertThat(e.args()).containsExactly("r1", 21);
            assertThat(e.method().getName()).isEqualTo("reindex");
        });
    }

    @Test
    void protectedDefaultMethod_withTwoSlotArgumentsAndResult_isHandedToTheGatekeeper() {
        Gatekeeper.installGlobal(gatekeeper);
        Object scaling = new Scaling.Impl(); // typed Object: see purging

        assertThat(((Scaling) scaling).scale("s1", 3L, 1.5, new int[2])).isEqualTo(6.5);

        assertThat(gatekeeper.entered).singleElement().satisfies(e -> {
            assertThat(e.target()).isSameAs(scaling);
            assertThat(e.args()).hasSize(4).startsWith("s1", 3L, 1.5);
            assertThat(e.method().getDeclaringClass()).isEqualTo(Scaling.class);
        });
    }

    @Test
    void gatekeeperException_reachesTheCallerUnchanged_andTheBodyDoesNotRun() {
        ApprovalRequiredException parked = new ApprovalRequiredException(
                "req-1", List.of(Factor.of("app-deletion", 1, "App-Approvers")), Instant.parse("2026-02-01T00:00:00Z"));
        gatekeeper.answer = () -> {
            throw parked;
        };
        Gatekeeper.installGlobal(gatekeeper);

        assertThatThrownBy(() -> new Reports().purge("r1")).isSameAs(parked);
        assertThat(Reports.RAN).isEmpty();
    }

    @Test
    void admission_isHandedToExit_withTheResultOrTheThrowable() {
        Gatekeeper.Admission admission = new Gatekeeper.Admission() {};
        gatekeeper.answer = () -> admission;
        Gatekeeper.installGlobal(gatekeeper);

        new Reports().purge("r1");
        Reports.reindex("r2", 2);

        assertThat(gatekeeper.exited)
                .extracting(RecordingGatekeeper.Exited::result)
                .containsExactly("purged r1", 4);
        assertThat(gatekeeper.exited).allSatisfy(e -> assertThat(e.admission()).isSameAs(admission));
    }

    @Test
    void linkageFaultInTheAdvice_failsTheProtectedCallClosed_withAClearMessage() {
        gatekeeper.answer = () -> {
            throw new NoSuchMethodError("dev.maa.core.Gatekeeper.enter (simulated version mismatch)");
        };
        Gatekeeper.installGlobal(gatekeeper);
        Reports reports = new Reports();

        assertThatThrownBy(purging(reports, "r1"))
                .isInstanceOf(MaaConfigurationException.class)
                .hasMessageContaining("maa-agent refused the protected call")
                .hasMessageContaining("Reports.purge")
                .hasCauseInstanceOf(NoSuchMethodError.class);
        assertThat(reports.read("r1")).isEqualTo("report r1");
        assertThat(Reports.RAN).containsExactly("read r1");
    }

    @Test
    void loaderWithoutMaaCore_failsProtectedCallsClosed_andLeavesOthersAlone() throws Exception {
        URL api = Protected.class.getProtectionDomain().getCodeSource().getLocation();
        URL tests = Reports.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader isolated =
                new URLClassLoader("no-core", new URL[] {api, tests}, ClassLoader.getPlatformClassLoader())) {
            Class<?> type = isolated.loadClass("dev.maa.agent.fixtures.Isolated");
            Object service = type.getConstructor().newInstance();

            assertThat(type.getMethod("read", String.class).invoke(service, "x"))
                    .isEqualTo("read x");
            assertThatThrownBy(() -> invoke(type.getMethod("delete", String.class), service, "x"))
                    .satisfies(e ->
                            assertThat(e.getClass().getName()).isEqualTo(MaaConfigurationException.class.getName()))
                    .hasMessageContaining("MAA core could not be used from the class loader")
                    .hasMessageContaining("Put maa-api and maa-core");
        }
        assertThat(log.errors())
                .anySatisfy(m -> assertThat(m)
                        .contains("dev.maa.agent.fixtures.Isolated")
                        .contains("MAA core cannot be used from its class loader"));
    }

    @Test
    void annotationMistakes_areReportedOnce_whenTheClassLoads_andTheirCallsFailClosed() {
        MaaEngine engine = MaaEngine.builder()
                .policyEngine(RuleBasedPolicyEngine.builder()
                        .allow(ResourceType.APP, Set.of(Action.DELETE))
                        .build())
                .build()
                .installGlobal();
        try {
            Object first = new Misannotated(); // typed Object: see purging
            new Misannotated();

            List<String> reported = log.errors().stream()
                    .filter(m -> m.contains("Misannotated"))
                    .toList();
            assertThat(reported).hasSize(2);
            assertThat(reported)
                    .anySatisfy(m -> assertThat(m)
                            .contains("deleteApp")
                            .contains("objectId")
                            .contains("identifier"));
            assertThat(reported).anySatisfy(m -> assertThat(m).contains("wipe").contains("@Justification"));
            assertThatThrownBy(() -> ((Misannotated) first).deleteApp("a"))
                    .isInstanceOf(MaaConfigurationException.class)
                    .hasMessageContaining("objectId");
            assertThat(((Misannotated) first).fine()).isEqualTo("fine");
        } finally {
            engine.uninstallGlobal();
        }
    }

    /**
     * Lambdas typed by Object only: JUnit reads this class's declared methods (lambda bodies among them) before
     * any test runs, which would load a fixture class named in a lambda's signature before the load-time weaver
     * is registered.
     */
    private static ThrowableAssert.ThrowingCallable purging(Object reports, String id) {
        return () -> ((Reports) reports).purge(id);
    }

    private static Object invoke(Method m, Object target, Object... args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}

package dev.maa.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maa.api.ApprovalRequiredException;
import dev.maa.api.Maa;
import dev.maa.api.Principal;
import dev.maa.spring.boot.autoconfigure.actuate.MaaActuatorAutoConfiguration;
import dev.maa.spring.boot.autoconfigure.actuate.MaaEndpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.ClassUtils;

/**
 * The actuator parts on the Spring Boot this build runs (3.5 by default, 4.0 with {@code -Pboot4}): the health
 * indicator of that Boot (both health auto-configurations are offered, as in the starter's jar; the other one must
 * back off), the {@code maa} endpoint and the meters.
 */
class MaaActuatorTest {

    /** Both health auto-configurations the build compiled (the boot4 build has Boot 4's only). */
    private static final String[] HEALTH = {
        "dev.maa.spring.boot.autoconfigure.actuate.MaaHealthAutoConfiguration",
        "dev.maa.spring.boot.autoconfigure.actuate.MaaBoot4HealthAutoConfiguration"
    };

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(configurations()))
            .withUserConfiguration(TestPolicies.class)
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withPropertyValues(
                    "maa.executor.enabled=false",
                    "maa.decision-cache.enabled=false",
                    "management.endpoints.web.exposure.include=maa");

    @Test
    void health_isUp_withThePolicyRevision_fromTheIndicatorOfThisBoot() throws Exception {
        runner.run(ctx -> {
            Object indicator = ctx.getBean("maaHealthIndicator");
            boolean boot4 = ClassUtils.isPresent("org.springframework.boot.health.contributor.Health", null);
            assertThat(indicator.getClass().getSimpleName())
                    .isEqualTo(boot4 ? "MaaBoot4HealthIndicator" : "MaaHealthIndicator");
            // Health and Status are in another package on each Boot: read them by name
            Object health = indicator.getClass().getMethod("health").invoke(indicator);
            Object status = health.getClass().getMethod("getStatus").invoke(health);
            assertThat(status.getClass().getMethod("getCode").invoke(status)).isEqualTo("UP");
            Map<?, ?> details =
                    (Map<?, ?>) health.getClass().getMethod("getDetails").invoke(health);
            assertThat(details.get("policyRevision"))
                    .isEqualTo(ctx.getBean(dev.maa.api.PolicyEngine.class).revision());
        });
    }

    @Test
    void health_isOff_whenManagementHealthMaaIsDisabled() {
        runner.withPropertyValues("management.health.maa.enabled=false")
                .run(ctx ->
                        assertThat(ctx).doesNotHaveBean("maaHealthIndicator").hasSingleBean(MaaEndpoint.class));
    }

    @Test
    @SuppressWarnings("unchecked")
    void endpoint_listsProtectedMethods_theirPolicies_andPendingRequests() {
        runner.run(ctx -> {
            try (var as = Maa.actingAs(Principal.of("alice"))) {
                ctx.getBean(Apps.class).deleteApp("42");
            } catch (ApprovalRequiredException expected) {
                // parked: one pending request
            }
            Map<String, Object> view = ctx.getBean(MaaEndpoint.class).maa();
            assertThat(view.get("pendingRequests")).isEqualTo(1);
            List<Map<String, Object>> methods = (List<Map<String, Object>>) view.get("protectedMethods");
            assertThat(methods)
                    .extracting(m -> m.get("operation"))
                    .contains(Apps.class.getName() + "#deleteApp(java.lang.String)");
        });
    }

    @Test
    void meters_countDecisionsByEffect_andTransitions() {
        runner.run(ctx -> {
            MeterRegistry meters = ctx.getBean(MeterRegistry.class);
            ctx.getBean(dev.maa.spring.boot.autoconfigure.actuate.MaaMetrics.class)
                    .bindTo(meters);
            try (var as = Maa.actingAs(Principal.of("alice"))) {
                ctx.getBean(Apps.class).createApp("1");
                ctx.getBean(Apps.class).deleteApp("42");
            } catch (ApprovalRequiredException expected) {
                // parked
            }
            assertThat(meters.get("maa.decisions")
                            .tag("effect", "allow")
                            .counter()
                            .count())
                    .isEqualTo(1.0);
            assertThat(meters.get("maa.decisions")
                            .tag("effect", "require_approval")
                            .tag("policy", "App changes")
                            .counter()
                            .count())
                    .isEqualTo(1.0);
            assertThat(meters.get("maa.decision").timers())
                    .extracting(t -> t.count())
                    .containsOnly(1L);
            assertThat(meters.get("maa.decision").timers()).hasSize(2);
            assertThat(meters.get("maa.requests")
                            .tag("event", "submitted")
                            .counter()
                            .count())
                    .isEqualTo(1.0);
            assertThat(meters.get("maa.requests.pending").gauge().value()).isEqualTo(1.0);
        });
    }

    private static Class<?>[] configurations() {
        List<Class<?>> all = new ArrayList<>(
                List.of(AopAutoConfiguration.class, MaaAutoConfiguration.class, MaaActuatorAutoConfiguration.class));
        for (String name : HEALTH) {
            if (ClassUtils.isPresent(name, MaaActuatorTest.class.getClassLoader())) {
                all.add(ClassUtils.resolveClassName(name, MaaActuatorTest.class.getClassLoader()));
            }
        }
        return all.toArray(Class<?>[]::new);
    }
}

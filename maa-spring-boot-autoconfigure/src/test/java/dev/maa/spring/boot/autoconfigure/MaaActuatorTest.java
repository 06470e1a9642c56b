package dev.maa.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maa.api.ApprovalRequiredException;
import dev.maa.api.Maa;
import dev.maa.api.Principal;
import dev.maa.spring.boot.autoconfigure.actuate.MaaActuatorAutoConfiguration;
import dev.maa.spring.boot.autoconfigure.actuate.MaaEndpoint;
import dev.maa.spring.boot.autoconfigure.actuate.MaaHealthIndicator;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class MaaActuatorTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    AopAutoConfiguration.class, MaaAutoConfiguration.class, MaaActuatorAutoConfiguration.class))
            .withUserConfiguration(TestPolicies.class)
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withPropertyValues(
                    "maa.executor.enabled=false",
                    "maa.decision-cache.enabled=false",
                    "management.endpoints.web.exposure.include=maa");

    @Test
    void health_isUp_withThePolicyRevision() {
        runner.run(ctx -> {
            var health = ctx.getBean(MaaHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsKey("policyRevision");
        });
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
}

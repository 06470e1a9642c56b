package dev.maa.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.api.MaaConfigurationException;
import dev.maa.core.testing.Fixtures;
import dev.maa.core.testing.TestClock;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MaaEngineBuilderTest {

    @Test
    void build_withoutPolicyEngine_failsNamingTheSetting() {
        assertThatThrownBy(() -> MaaEngine.builder().build())
                .isInstanceOf(MaaConfigurationException.class)
                .hasMessageContaining("policyEngine(...) is required");
    }

    @Test
    void defaults_inMemoryStore_actingAsPrincipal_systemClock() {
        MaaEngine engine = MaaEngine.builder().policyEngine(Fixtures.policy()).build();
        assertThat(engine.store()).isInstanceOf(dev.maa.core.store.InMemoryRequestStore.class);
        assertThat(engine.nodeId()).startsWith("node-");
        assertThat(engine.clock().getZone().getId()).isEqualTo("Z");
    }

    @Test
    void setters_failFast_namingTheProblem() {
        MaaEngine.Builder b = MaaEngine.builder();
        assertThatThrownBy(() -> b.allowPackages("java.lang"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("allowPackages")
                .hasMessageContaining("java.lang");
        assertThatThrownBy(() -> b.defaultTtl(Duration.ZERO)).hasMessageContaining("defaultTtl");
        assertThatThrownBy(() -> b.claimLease(Duration.ofMillis(10))).hasMessageContaining("claimLease");
        assertThatThrownBy(() -> b.nodeId(" ")).hasMessageContaining("nodeId");
        assertThatThrownBy(() -> b.policyEngine(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("policyEngine");
    }

    @Test
    void breakGlass_withoutReviewerGroups_orWithAnEmergencyAccountAmongTheReviewers_isAConflict() {
        assertThatThrownBy(() -> MaaEngine.builder()
                        .policyEngine(Fixtures.policy())
                        .breakGlass(BreakGlass.of(Set.of("em"), Set.of()))
                        .build())
                .isInstanceOf(MaaConfigurationException.class)
                .hasMessageContaining("reviewerGroups");
        assertThatThrownBy(() -> Fixtures.engine(
                                new TestClock(),
                                Fixtures.directory().user(Fixtures.EMERGENCY.id(), Fixtures.BREAK_GLASS_REVIEWERS))
                        .build())
                .isInstanceOf(MaaConfigurationException.class)
                .hasMessageContaining("two-person rule");
    }

    @Test
    void protect_needsAnInterface() {
        MaaEngine engine = MaaEngine.builder().policyEngine(Fixtures.policy()).build();
        assertThatThrownBy(() -> engine.protect(Object.class, new Object()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("interface");
    }
}

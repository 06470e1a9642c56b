package dev.maa.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.api.Action;
import dev.maa.api.ApprovalRequest;
import dev.maa.api.Decision;
import dev.maa.api.Effect;
import dev.maa.api.Factor;
import dev.maa.api.Operation;
import dev.maa.api.Platform;
import dev.maa.api.PolicyInput;
import dev.maa.api.Principal;
import dev.maa.api.ResourceRef;
import dev.maa.api.ResourceType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RuleBasedPolicyEngineTest {

    private static PolicyInput input(ResourceType type, Action action, boolean urgent) {
        return new PolicyInput(
                Principal.of("alice"),
                ResourceRef.of(type, "x"),
                action,
                new Operation("C", "m", List.of()),
                "",
                "",
                false,
                urgent,
                Instant.EPOCH);
    }

    private final RuleBasedPolicyEngine engine = RuleBasedPolicyEngine.builder()
            .requireApproval(ResourceType.SCRIPT, Set.of(Action.DEPLOY), Factor.of("scripts", 2, "Security-Admins"))
            .requireApproval(ResourceType.SCRIPT, Set.of(Action.DEPLOY, Action.DELETE), Factor.of("cab", 1, "CAB"))
            .allow(ResourceType.APP, Set.of(Action.CREATE))
            .allow(ResourceType.ROLE, Set.of(Action.DELETE))
            .deny(ResourceType.ROLE, Set.of(Action.DELETE), "no role deletion")
            .ttl(Duration.ofHours(24))
            .urgentTtl(Duration.ofHours(4))
            .build();

    @Test
    void everyMatchingApprovalRule_addsItsFactor() {
        Decision d = engine.decide(input(ResourceType.SCRIPT, Action.DEPLOY, false));
        assertThat(d.effect()).isEqualTo(Effect.REQUIRE_APPROVAL);
        assertThat(d.factors()).extracting(Factor::policy).containsExactly("scripts", "cab");
        assertThat(d.ttl()).isEqualTo(Duration.ofHours(24));
        assertThat(d.policyRevision()).isEqualTo(engine.revision());
    }

    @Test
    void urgentCalls_getTheUrgentTtl() {
        assertThat(engine.decide(input(ResourceType.SCRIPT, Action.DEPLOY, true))
                        .ttl())
                .isEqualTo(Duration.ofHours(4));
    }

    @Test
    void denyWinsOverAllow_andTheDefaultIsDeny() {
        assertThat(engine.decide(input(ResourceType.ROLE, Action.DELETE, false)).reasons())
                .containsExactly("no role deletion");
        assertThat(engine.decide(input(ResourceType.APP, Action.CREATE, false)).effect())
                .isEqualTo(Effect.ALLOW);
        Decision d = engine.decide(input(ResourceType.APP, Action.DELETE, false));
        assertThat(d.effect()).isEqualTo(Effect.DENY);
        assertThat(d.reasons()).singleElement().asString().contains("default deny");
    }

    @Test
    void mayReview_requiresEveryScopeTagOfTheResource() {
        ApprovalRequest r = ApprovalRequest.builder()
                .id("r")
                .resource(new ResourceRef(ResourceType.APP, "", "a", Platform.UNSPECIFIED, Set.of("emea")))
                .action(Action.DELETE)
                .operation(new Operation("C", "m", List.of()))
                .requester(Principal.of("alice"))
                .payload("{}")
                .digest("d")
                .createdAt(Instant.EPOCH)
                .expiresAt(Instant.EPOCH)
                .build();
        assertThat(engine.mayReview(Principal.of("bob", "Security-Admins"), r)).isFalse();
        assertThat(engine.mayReview(new Principal("bob", Set.of(), Set.of("emea")), r))
                .isTrue();
    }

    @Test
    void builder_failsFastNamingTheConflict() {
        assertThatThrownBy(
                        () -> RuleBasedPolicyEngine.builder().requireApproval(ResourceType.APP, Set.of(Action.DELETE)))
                .hasMessageContaining("at least one Factor");
        assertThatThrownBy(() -> RuleBasedPolicyEngine.builder().allow(ResourceType.APP, Set.of()))
                .hasMessageContaining("at least one action");
        assertThatThrownBy(() -> RuleBasedPolicyEngine.builder()
                        .ttl(Duration.ofHours(1))
                        .urgentTtl(Duration.ofHours(2))
                        .build())
                .hasMessageContaining("urgentTtl");
        assertThatThrownBy(() -> RuleBasedPolicyEngine.builder().deny(ResourceType.APP, Set.of(Action.DELETE), " "))
                .hasMessageContaining("reason");
    }
}

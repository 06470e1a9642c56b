package dev.maa.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maa.agent.MaaAgent;
import dev.maa.api.Action;
import dev.maa.api.Decision;
import dev.maa.api.Maa;
import dev.maa.api.PolicyEngine;
import dev.maa.api.PolicyInput;
import dev.maa.api.Principal;
import dev.maa.api.ResourceType;
import dev.maa.core.policy.RuleBasedPolicyEngine;
import dev.maa.core.store.InMemoryRequestStore;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * With the Java agent in the JVM (as {@code -javaagent} starts it; this class runs in its own JVM), the agent's
 * woven code decides, and the advisor steps aside for the classes it wove: one decision per call, not two.
 */
class AgentAttachedTest {

    @BeforeAll
    static void startAgent() {
        MaaAgent.premain("", ByteBuddyAgent.install());
    }

    @Test
    void agentWovenBean_isNotProxied_andEachCallIsDecidedOnce() {
        AtomicInteger decisions = new AtomicInteger();
        RuleBasedPolicyEngine rules = RuleBasedPolicyEngine.builder()
                .allow(ResourceType.APP, Set.of(Action.CREATE))
                .build();
        PolicyEngine counting = new PolicyEngine() {
            @Override
            public Decision decide(PolicyInput input) {
                decisions.incrementAndGet();
                return rules.decide(input);
            }

            @Override
            public boolean mayReview(Principal reviewer, dev.maa.api.ApprovalRequest request) {
                return rules.mayReview(reviewer, request);
            }

            @Override
            public String revision() {
                return rules.revision();
            }
        };
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, MaaAutoConfiguration.class))
                .withPropertyValues("maa.executor.enabled=false", "maa.decision-cache.enabled=false")
                .withBean(PolicyEngine.class, () -> counting)
                .withBean(InMemoryRequestStore.class, InMemoryRequestStore::new)
                .withBean(WovenApps.class, WovenApps::new)
                .withBean(Apps.class, Apps::new)
                .run(ctx -> {
                    WovenApps woven = ctx.getBean(WovenApps.class);
                    assertThat(AgentWeaving.woven(WovenApps.class)).isTrue();
                    assertThat(AopUtils.isAopProxy(woven)).isFalse();
                    try (var as = Maa.actingAs(Principal.of("alice"))) {
                        woven.createApp("1");
                    }
                    assertThat(woven.created).hasValue(1);
                    assertThat(decisions).hasValue(1);
                });
    }
}

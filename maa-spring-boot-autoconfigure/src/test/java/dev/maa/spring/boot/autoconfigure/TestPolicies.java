package dev.maa.spring.boot.autoconfigure;

import dev.maa.api.Action;
import dev.maa.api.Factor;
import dev.maa.api.ResourceType;
import dev.maa.core.directory.StaticDirectory;
import dev.maa.core.policy.RuleBasedPolicyEngine;
import dev.maa.core.store.InMemoryRequestStore;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The parts the advisor tests replace: rules in code, users in code, requests in memory. */
@Configuration(proxyBeanMethods = false)
class TestPolicies {

    @Bean
    RuleBasedPolicyEngine policies() {
        return RuleBasedPolicyEngine.builder()
                .requireApproval(ResourceType.APP, Set.of(Action.DELETE), Factor.of("App changes", 1, "approvers"))
                .allow(ResourceType.APP, Set.of(Action.CREATE))
                .build();
    }

    @Bean
    StaticDirectory directory() {
        return StaticDirectory.builder()
                .user("alice", "admins")
                .user("bob", "approvers")
                .build();
    }

    @Bean
    InMemoryRequestStore store() {
        return new InMemoryRequestStore();
    }

    @Bean
    Apps apps() {
        return new Apps();
    }
}

package dev.maa.spring.boot.autoconfigure.actuate;

import dev.maa.api.PolicyEngine;
import dev.maa.api.RequestStore;
import dev.maa.core.MaaEngine;
import dev.maa.spring.boot.autoconfigure.MaaAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code maa} health indicator on Spring Boot 4 ({@link MaaBoot4HealthIndicator}), where the health API lives
 * in {@code spring-boot-health} (which {@code spring-boot-starter-actuator} brings). Compiled against that module
 * alone, beside Spring Boot 3's variant ({@link MaaHealthAutoConfiguration}); each backs off where its Boot is not.
 */
@AutoConfiguration(after = MaaAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.health.contributor.AbstractHealthIndicator")
@ConditionalOnBean(MaaEngine.class)
public class MaaBoot4HealthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "maaHealthIndicator")
    @ConditionalOnEnabledHealthIndicator("maa")
    public MaaBoot4HealthIndicator maaHealthIndicator(RequestStore store, PolicyEngine policies) {
        return new MaaBoot4HealthIndicator(new MaaHealth(store, policies));
    }
}

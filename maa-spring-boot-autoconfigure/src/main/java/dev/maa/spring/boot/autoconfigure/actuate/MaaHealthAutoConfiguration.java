package dev.maa.spring.boot.autoconfigure.actuate;

import dev.maa.api.PolicyEngine;
import dev.maa.api.RequestStore;
import dev.maa.core.MaaEngine;
import dev.maa.spring.boot.autoconfigure.MaaAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code maa} health indicator on Spring Boot 3 ({@link MaaHealthIndicator}); on Spring Boot 4 the class it
 * needs is absent and {@link MaaBoot4HealthAutoConfiguration} takes over, so one jar serves both.
 */
@AutoConfiguration(after = MaaAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.actuate.health.AbstractHealthIndicator")
@ConditionalOnBean(MaaEngine.class)
public class MaaHealthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "maaHealthIndicator")
    @ConditionalOnEnabledHealthIndicator("maa")
    public MaaHealthIndicator maaHealthIndicator(RequestStore store, PolicyEngine policies) {
        return new MaaHealthIndicator(new MaaHealth(store, policies));
    }
}

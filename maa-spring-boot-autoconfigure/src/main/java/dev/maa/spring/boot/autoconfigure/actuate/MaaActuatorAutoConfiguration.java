package dev.maa.spring.boot.autoconfigure.actuate;

import dev.maa.api.PolicyEngine;
import dev.maa.api.RequestStore;
import dev.maa.core.MaaEngine;
import dev.maa.spring.boot.autoconfigure.MaaAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * MAA in Spring Boot Actuator: Micrometer meters ({@link MaaMetrics}) and the {@code maa} endpoint
 * ({@link MaaEndpoint}), the same on Spring Boot 3 and 4. The health indicator has one auto-configuration per Boot
 * version ({@link MaaHealthAutoConfiguration}, {@link MaaBoot4HealthAutoConfiguration}): Boot 4 moved its API.
 */
@AutoConfiguration(after = MaaAutoConfiguration.class)
@ConditionalOnClass({
    org.springframework.boot.actuate.endpoint.annotation.Endpoint.class,
    io.micrometer.core.instrument.MeterRegistry.class
})
@ConditionalOnBean(MaaEngine.class)
public class MaaActuatorAutoConfiguration {

    /** An observer of the engine (a {@code MaaObserver}): the engine bean picks it up when it is created. */
    @Bean
    @ConditionalOnMissingBean
    public MaaMetrics maaMetrics(RequestStore store) {
        return new MaaMetrics(store);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint
    public MaaEndpoint maaEndpoint(ApplicationContext context, PolicyEngine policies, MaaMetrics metrics) {
        return new MaaEndpoint(context, policies, metrics);
    }
}

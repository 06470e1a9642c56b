package dev.maa.spring.boot.autoconfigure.web;

import dev.maa.core.MaaEngine;
import dev.maa.spring.boot.autoconfigure.MaaAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.reactive.DispatcherHandler;

/**
 * MAA in a WebFlux application: the answers Spring MVC gives ({@link MaaAnswersConfiguration}) and the
 * {@code Maa-Justification}/{@code Maa-Urgent} headers carried in the Reactor context
 * ({@link MaaReactiveRequestHeaders}) to {@link MaaReactive#call}, the way reactive code calls protected methods.
 * The in-app approval API ({@code maa.web.enabled}) is Spring MVC only.
 */
@AutoConfiguration(after = MaaAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(DispatcherHandler.class)
@ConditionalOnBean(MaaEngine.class)
@Import(MaaAnswersConfiguration.class)
public class MaaWebFluxAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public MaaReactiveRequestHeaders maaReactiveRequestHeaders() {
        return new MaaReactiveRequestHeaders();
    }
}

package dev.maa.spring.boot.autoconfigure.web;

import dev.maa.spring.boot.autoconfigure.MaaProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The answers to calls that did not run, for Spring MVC and WebFlux alike: {@link MaaProblemAnswers} is a controller
 * advice both stacks apply, so a client sees the same 202/403/400 from either.
 */
@Configuration(proxyBeanMethods = false)
public class MaaAnswersConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public RequestLinks maaRequestLinks(MaaProperties properties) {
        return new RequestLinks(properties.getWeb());
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = "maa.web", name = "problem-answers", matchIfMissing = true)
    public MaaProblemAnswers maaProblemAnswers(RequestLinks links) {
        return new MaaProblemAnswers(links);
    }
}

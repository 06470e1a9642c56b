package dev.maa.spring.boot.autoconfigure;

import dev.maa.core.MaaEngine;
import org.springframework.aop.config.AopConfigUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * The advisor for {@code @Protected} bean methods ({@code maa.aop.enabled}, order {@code maa.aop.order}), an
 * infrastructure bean like Spring Security's method-security advisors, applied by the auto-proxy creator this
 * configuration registers if the application has none.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "maa.aop", name = "enabled", matchIfMissing = true)
@Import(MaaAopConfiguration.AutoProxy.class)
class MaaAopConfiguration {

    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    @ConditionalOnMissingBean
    static ProtectedMethodAdvisor maaProtectedMethodAdvisor(ObjectProvider<MaaEngine> engine, Environment env) {
        return new ProtectedMethodAdvisor(
                engine::getObject, env.getProperty("maa.aop.order", Integer.class, MaaAopProperties.DEFAULT_ORDER));
    }

    /** Registers Spring's infrastructure auto-proxy creator unless one exists (Boot's AOP configuration adds one). */
    static class AutoProxy implements ImportBeanDefinitionRegistrar {
        @Override
        public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
            AopConfigUtils.registerAutoProxyCreatorIfNecessary(registry);
        }
    }
}

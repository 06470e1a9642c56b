package dev.maa.spring.boot.autoconfigure;

import dev.maa.api.Maa;
import dev.maa.api.PrincipalProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The principal provider: Spring Security's current authentication when Spring Security is on the class path, else
 * the {@code Maa.actingAs(...)} scope alone.
 */
@Configuration(proxyBeanMethods = false)
class MaaPrincipalConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.security.core.context.SecurityContextHolder")
    static class SpringSecurityPrincipal {
        @Bean
        @ConditionalOnMissingBean(PrincipalProvider.class)
        PrincipalProvider maaPrincipalProvider(MaaProperties properties) {
            return new SpringSecurityPrincipalProvider(properties.getPrincipal());
        }
    }

    @Bean
    @ConditionalOnMissingBean(PrincipalProvider.class)
    PrincipalProvider maaActingAsPrincipalProvider() {
        return () -> Maa.context().principal();
    }
}

package dev.maa.benchmarks.agent;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;

/** {@code @EnableMethodSecurity} with one secured bean (a CGLIB proxy through Spring AOP). */
@Configuration
@EnableMethodSecurity
public class SpringSecurityConfig {

    @Bean
    public SecuredCatalog securedCatalog() {
        return new SecuredCatalog();
    }
}

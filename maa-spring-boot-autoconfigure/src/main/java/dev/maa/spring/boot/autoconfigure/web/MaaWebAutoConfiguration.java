package dev.maa.spring.boot.autoconfigure.web;

import dev.maa.api.Directory;
import dev.maa.api.PolicyEngine;
import dev.maa.api.PrincipalProvider;
import dev.maa.core.MaaEngine;
import dev.maa.core.view.Visibility;
import dev.maa.spring.boot.autoconfigure.MaaAutoConfiguration;
import dev.maa.spring.boot.autoconfigure.MaaProperties;
import java.util.Set;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * MAA in a Spring MVC application: answers for calls that did not run ({@link MaaProblemAnswers}), the
 * {@code Maa-Justification}/{@code Maa-Urgent} headers ({@link MaaRequestHeaders}), and with
 * {@code maa.web.enabled=true} the approval API under {@code maa.web.base-path} ({@link MaaApprovalApi}), and with
 * {@code maa.web.console.enabled=true} the web console calling it ({@link MaaConsole}).
 */
@AutoConfiguration(after = MaaAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnBean(MaaEngine.class)
@Import(MaaAnswersConfiguration.class)
public class MaaWebAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "maaRequestHeaders")
    public FilterRegistrationBean<MaaRequestHeaders> maaRequestHeaders() {
        FilterRegistrationBean<MaaRequestHeaders> registration = new FilterRegistrationBean<>(new MaaRequestHeaders());
        // inside Spring Security's chain (-100): the scope wraps the controllers, whatever the security outcome
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 100);
        return registration;
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = "maa.web", name = "enabled")
    public MaaApprovalApi maaApprovalApi(
            MaaEngine engine,
            PrincipalProvider principals,
            Directory directory,
            PolicyEngine policies,
            MaaProperties properties) {
        // maa serve's read rule: reader groups as configured (none by default), break-glass reviewers as the engine's
        Visibility visibility = new Visibility(
                directory,
                Set.copyOf(properties.getWeb().getReaderGroups()),
                engine.breakGlass().reviewerGroups());
        return new MaaApprovalApi(engine, principals, visibility, policies);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = "maa.web.console", name = "enabled")
    public MaaConsole maaConsole(MaaProperties properties, PrincipalProvider principals) {
        return new MaaConsole(properties, principals);
    }
}

package dev.maa.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maa.api.Directory;
import dev.maa.api.Maa;
import dev.maa.api.Notifier;
import dev.maa.api.PolicyEngine;
import dev.maa.api.Principal;
import dev.maa.api.PrincipalProvider;
import dev.maa.api.RequestStore;
import dev.maa.core.MaaEngine;
import dev.maa.core.directory.StaticDirectory;
import dev.maa.core.policy.RuleBasedPolicyEngine;
import dev.maa.core.store.InMemoryRequestStore;
import dev.maa.policies.EmbeddedRegoPolicyEngine;
import dev.maa.store.jdbc.JdbcRequestStore;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class MaaAutoConfigurationTest {

    @TempDir
    Path home;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, MaaAutoConfiguration.class))
                .withPropertyValues("maa.home=" + home, "maa.executor.enabled=false");
    }

    @Test
    void defaults_openTheH2FileUnderTheHome_andTheDemoPolicies() {
        runner().run(ctx -> {
            assertThat(ctx).hasNotFailed();
            assertThat(ctx.getBean(RequestStore.class)).isInstanceOf(JdbcRequestStore.class);
            assertThat(ctx.getBean(PolicyEngine.class)).isInstanceOf(EmbeddedRegoPolicyEngine.class);
            assertThat(ctx).hasSingleBean(MaaEngine.class).hasSingleBean(ProtectedMethodAdvisor.class);
            assertThat(ctx.getBean(PrincipalProvider.class)).isInstanceOf(SpringSecurityPrincipalProvider.class);
            assertThat(ctx.getBean(MaaEngine.class).breakGlass().principals()).contains("emergency-admin-1");
            assertThat(home.resolve("maa.mv.db")).exists();
        });
    }

    @Test
    void disabled_configuresNothing() {
        runner().withPropertyValues("maa.enabled=false")
                .run(ctx ->
                        assertThat(ctx).doesNotHaveBean(MaaEngine.class).doesNotHaveBean(ProtectedMethodAdvisor.class));
    }

    static Stream<Arguments> userBeans() {
        return Stream.of(
                Arguments.of(RequestStore.class, (Supplier<Object>) InMemoryRequestStore::new),
                Arguments.of(Directory.class, (Supplier<Object>) StaticDirectory::empty),
                Arguments.of(PolicyEngine.class, (Supplier<Object>)
                        () -> RuleBasedPolicyEngine.builder().build()),
                Arguments.of(PrincipalProvider.class, (Supplier<Object>)
                        () -> (PrincipalProvider) () -> Optional.of(Principal.of("svc"))),
                Arguments.of(Notifier.class, (Supplier<Object>) () -> (Notifier) n -> {}));
    }

    @ParameterizedTest
    @MethodSource("userBeans")
    @SuppressWarnings({"unchecked", "rawtypes"})
    void userBean_replacesTheDefault(Class type, Supplier<Object> bean) {
        Object mine = bean.get();
        runner().withBean("mine", type, () -> mine).run(ctx -> {
            assertThat(ctx).hasNotFailed();
            assertThat(ctx.getBean(type)).isSameAs(mine);
        });
    }

    @Test
    void userEngine_replacesTheEngine_andTheAdvisorUsesIt() {
        MaaEngine mine = MaaEngine.builder()
                .policyEngine(RuleBasedPolicyEngine.builder().build())
                .build();
        runner().withBean(MaaEngine.class, () -> mine)
                .withUserConfiguration(TestPolicies.class)
                .run(ctx -> {
                    assertThat(ctx.getBean(MaaEngine.class)).isSameAs(mine);
                    try (var as = Maa.actingAs(Principal.of("alice"))) {
                        // the empty rule set denies, so the call reached this engine and not a default one
                        org.assertj.core.api.Assertions.assertThatThrownBy(
                                        () -> ctx.getBean(Apps.class).createApp("7"))
                                .isInstanceOf(dev.maa.api.AccessDeniedException.class);
                    }
                });
    }

    @Test
    void userAdvisor_replacesTheDefault() {
        ProtectedMethodAdvisor advisor = new ProtectedMethodAdvisor(() -> null, 1);
        runner().withBean(ProtectedMethodAdvisor.class, () -> advisor)
                .run(ctx ->
                        assertThat(ctx.getBean(ProtectedMethodAdvisor.class)).isSameAs(advisor));
    }

    @Test
    void aopDisabled_leavesBeansUnproxied() {
        runner().withPropertyValues("maa.aop.enabled=false")
                .withUserConfiguration(TestPolicies.class)
                .run(ctx -> {
                    assertThat(ctx).doesNotHaveBean(ProtectedMethodAdvisor.class);
                    assertThat(org.springframework.aop.support.AopUtils.isAopProxy(ctx.getBean(Apps.class)))
                            .isFalse();
                });
    }

    static Stream<Arguments> badProperties() {
        return Stream.of(
                Arguments.of("maa.executor.interval=5", "maa.executor.interval", "unit"),
                Arguments.of("maa.decision-cache.ttl=soon", "maa.decision-cache.ttl", "soon"),
                Arguments.of("maa.expiry.default-ttl=-1d", "maa.expiry.default-ttl", "-1d"),
                Arguments.of("maa.executor.claim-lease=0", "maa.executor.claim-lease", "positive"),
                Arguments.of("maa.decision-cache.maximum-size=0", "maa.decision-cache.maximum-size", "at least 1"),
                Arguments.of("maa.store.url=postgres://db/maa", "maa.store.url", "not a JDBC URL"),
                Arguments.of("maa.web.base-path=maa/", "maa.web.base-path", "must start with /"),
                Arguments.of("maa.web.console.enabled=true", "maa.web.console.enabled", "needs the approval API"),
                Arguments.of("maa.policies.location=/no/such/dir", "maa.policies.location", "not a directory"),
                Arguments.of("maa.directory.users-file=/no/such/users.yaml", "maa.directory.users-file", "exist"),
                Arguments.of("maa.store.datasource=application", "maa.store.datasource", "no single DataSource"));
    }

    @ParameterizedTest
    @MethodSource("badProperties")
    void invalidProperty_failsStartUp_namingTheProperty(String setting, String property, String problem) {
        runner().withPropertyValues(setting).run(ctx -> {
            assertThat(ctx).hasFailed();
            Throwable failure = ctx.getStartupFailure();
            FailureAnalysis analysis = new MaaFailureAnalyzer().analyze(failure);
            assertThat(analysis).as("analysis of %s", failure).isNotNull();
            assertThat(analysis.getDescription()).contains("'" + property + "'").contains(problem);
            assertThat(analysis.getAction()).contains(property);
        });
    }

    @Test
    void failureAnalyzer_isRegisteredWithBoot() throws Exception {
        var names = new java.util.ArrayList<String>();
        for (var url :
                java.util.Collections.list(getClass().getClassLoader().getResources("META-INF/spring.factories"))) {
            var p = new java.util.Properties();
            try (var in = url.openStream()) {
                p.load(in);
            }
            names.add(p.getProperty("org.springframework.boot.diagnostics.FailureAnalyzer", ""));
        }
        assertThat(names).anyMatch(n -> n.contains(MaaFailureAnalyzer.class.getName()));
    }

    @Test
    void propertiesMetadata_isGenerated() {
        assertThat(getClass().getResource("/META-INF/spring-configuration-metadata.json"))
                .as("spring-boot-configuration-processor output")
                .isNotNull();
    }
}

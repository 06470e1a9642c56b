package dev.maa.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.api.Action;
import dev.maa.api.ApprovalRequiredException;
import dev.maa.api.Factor;
import dev.maa.api.Maa;
import dev.maa.api.Principal;
import dev.maa.api.Protected;
import dev.maa.api.ResourceType;
import dev.maa.api.Status;
import dev.maa.api.TargetResolver;
import dev.maa.core.MaaEngine;
import dev.maa.core.directory.StaticDirectory;
import dev.maa.core.policy.RuleBasedPolicyEngine;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

class SpringTargetResolverTest {

    /** A Spring-managed service with a protected method. */
    public static class Apps {
        final List<String> ran = new CopyOnWriteArrayList<>();

        @Protected(resource = ResourceType.APP, action = Action.DELETE, objectId = "appId")
        public void deleteApp(String appId) {
            ran.add("deleted " + appId);
        }
    }

    @Configuration
    @Import(MaaSpringContextRegistrar.class)
    static class AppConfig {
        @Bean
        Apps apps() {
            return new Apps();
        }
    }

    @Test
    void resolver_isFoundThroughServiceLoader() {
        assertThat(ServiceLoader.load(TargetResolver.class).stream().map(ServiceLoader.Provider::type))
                .contains(SpringTargetResolver.class);
    }

    @Test
    void beanOfARegisteredContext_isResolved_untilTheContextCloses() {
        SpringTargetResolver resolver = new SpringTargetResolver();
        Apps bean;
        try (var ctx = new AnnotationConfigApplicationContext(AppConfig.class)) {
            bean = ctx.getBean(Apps.class);
            assertThat(resolver.resolve(Apps.class)).containsSame(bean);
            assertThat(resolver.resolve(String.class)).isEmpty();
        }
        assertThat(resolver.resolve(Apps.class)).isEmpty();
    }

    @Test
    void approvedCall_isReplayedOnTheSpringBean_exactlyOnce() throws Exception {
        MaaEngine engine = MaaEngine.builder()
                .policyEngine(RuleBasedPolicyEngine.builder()
                        .requireApproval(
                                ResourceType.APP, Set.of(Action.DELETE), Factor.of("app-deletion", 1, "App-Approvers"))
                        .build())
                .directory(StaticDirectory.builder()
                        .user("alice", "App-Approvers")
                        .user("bob", "App-Approvers")
                        .build())
                .targetResolver(
                        ServiceLoader.load(TargetResolver.class).findFirst().orElseThrow())
                .build();
        try (var ctx = new AnnotationConfigApplicationContext(AppConfig.class)) {
            Apps bean = ctx.getBean(Apps.class);
            String id;
            try (var who = Maa.actingAs(Principal.of("alice"));
                    var why = Maa.justify("CHG-1")) {
                ApprovalRequiredException parked = catchParked(() -> engine.gatekeeper()
                        .check(Apps.class.getMethod("deleteApp", String.class), bean, new Object[] {"app-1"}));
                id = parked.requestId();
            }
            engine.approvals().approve(id, Principal.of("bob"), "ok");

            assertThat(engine.approvals().complete(id, Principal.of("alice")).status())
                    .isEqualTo(Status.COMPLETED);
            assertThat(bean.ran).containsExactly("deleted app-1");
        }
    }

    private static ApprovalRequiredException catchParked(ThrowingRunnable call) throws Exception {
        try {
            call.run();
        } catch (ApprovalRequiredException e) {
            return e;
        }
        throw new AssertionError("the call was not parked");
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void resolverOfOneContext_seesThatContextOnly() {
        try (var mine = new AnnotationConfigApplicationContext(AppConfig.class);
                var other = new AnnotationConfigApplicationContext(AppConfig.class)) {
            SpringTargetResolver.register(other);
            SpringTargetResolver resolver = SpringTargetResolver.of(mine);

            assertThat(resolver.resolve(Apps.class)).containsSame(mine.getBean(Apps.class));
            mine.close();
            assertThat(resolver.resolve(Apps.class)).isEmpty();
        }
    }

    @Test
    void register_withoutAContext_failsWithAClearMessage() {
        assertThatThrownBy(() -> SpringTargetResolver.register("not a context")).isInstanceOf(ClassCastException.class);
    }
}

package dev.maa.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.api.AccessDeniedException;
import dev.maa.api.ApprovalRequest;
import dev.maa.api.ApprovalRequiredException;
import dev.maa.api.Maa;
import dev.maa.api.Principal;
import dev.maa.api.ReviewNotAllowedException;
import dev.maa.api.Status;
import dev.maa.core.MaaEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

class ProtectedMethodAdvisorTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, MaaAutoConfiguration.class))
            .withUserConfiguration(TestPolicies.class)
            .withPropertyValues("maa.executor.enabled=false");

    @AfterEach
    void clearSecurity() {
        SecurityContextHolder.clearContext();
    }

    private static void signIn(String user, String... authorities) {
        var auth = new TestingAuthenticationToken(user, "n/a", AuthorityUtils.createAuthorityList(authorities));
        auth.setAuthenticated(true);
        SecurityContextHolder.getContext().setAuthentication(auth);
    }

    @Test
    void protectedCall_ofTheSignedInUser_isParked_approvedByAnother_andRunsOnce() {
        runner.run(ctx -> {
            Apps apps = ctx.getBean(Apps.class);
            MaaEngine engine = ctx.getBean(MaaEngine.class);
            assertThat(AopUtils.isAopProxy(apps)).isTrue();
            signIn("alice", "ROLE_ADMIN");

            ApprovalRequiredException parked =
                    org.junit.jupiter.api.Assertions.assertThrows(ApprovalRequiredException.class, () -> {
                        try (var why = Maa.justify("CHG-1 retire app 42")) {
                            apps.deleteApp("42");
                        }
                    });
            assertThat(apps.ran()).isEmpty();
            ApprovalRequest r = engine.approvals().get(parked.requestId());
            assertThat(r.requester().id()).isEqualTo("alice");
            assertThat(r.operation().className()).isEqualTo(Apps.class.getName());

            assertThatThrownBy(() -> engine.approvals().approve(r.id(), Principal.of("alice", "approvers"), "me"))
                    .isInstanceOf(ReviewNotAllowedException.class);
            engine.approvals().approve(r.id(), Principal.of("bob"), "checked");
            ApprovalRequest done = engine.approvals().complete(r.id(), Principal.of("alice"));

            assertThat(done.status()).isEqualTo(Status.COMPLETED);
            assertThat(apps.ran()).containsExactly("deleted 42");
        });
    }

    @Test
    void allowedCall_runsAtOnce_andUnannotatedMethodsPassUntouched() {
        runner.run(ctx -> {
            signIn("alice");
            Apps apps = ctx.getBean(Apps.class);
            assertThat(apps.createApp("7")).isEqualTo("7");
            assertThat(apps.count()).isEqualTo(1);
        });
    }

    @Test
    void noAuthentication_isRefused_failClosed() {
        runner.run(ctx -> assertThatThrownBy(() -> ctx.getBean(Apps.class).createApp("7"))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("No principal"));
    }

    @Test
    void anonymousToken_isNobody() {
        runner.run(ctx -> {
            SecurityContextHolder.getContext()
                    .setAuthentication(new AnonymousAuthenticationToken(
                            "key", "anonymousUser", AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")));
            assertThatThrownBy(() -> ctx.getBean(Apps.class).createApp("7")).isInstanceOf(AccessDeniedException.class);
            assertThat(ctx.getBean(Apps.class).ran()).isEmpty();
        });
    }

    @Test
    void actingAs_winsOverTheSignedInUser() {
        runner.run(ctx -> {
            signIn("alice");
            ApprovalRequiredException parked;
            try (var as = Maa.actingAs(Principal.of("svc-batch"))) {
                parked = org.junit.jupiter.api.Assertions.assertThrows(
                        ApprovalRequiredException.class,
                        () -> ctx.getBean(Apps.class).deleteApp("9"));
            }
            assertThat(ctx.getBean(MaaEngine.class)
                            .approvals()
                            .get(parked.requestId())
                            .requester()
                            .id())
                    .isEqualTo("svc-batch");
        });
    }

    @Test
    void authorities_becomeGroupsAndRoles_withThePrefixStripped_andMapped() {
        var settings = new MaaPrincipalProperties();
        settings.getGroupMapping().put("ADMIN", "App Admins");
        var provider = new SpringSecurityPrincipalProvider(settings);
        signIn("alice", "ROLE_ADMIN", "SCOPE_apps");

        Principal p = provider.currentPrincipal().orElseThrow();

        assertThat(p.id()).isEqualTo("alice");
        assertThat(p.groups()).containsExactlyInAnyOrder("App Admins", "SCOPE_apps");
        assertThat(p.roles()).containsExactly("ADMIN");
    }

    @Test
    void principal_isBuiltOncePerAuthentication_inCanonicalForm() {
        var provider = new SpringSecurityPrincipalProvider(new MaaPrincipalProperties());
        signIn("Alice", "ROLE_ADMIN");

        Principal first = provider.currentPrincipal().orElseThrow();

        assertThat(first.id()).isEqualTo("alice");
        assertThat(provider.currentPrincipal()).containsSame(first);
        signIn("bob");
        assertThat(provider.currentPrincipal().orElseThrow().id()).isEqualTo("bob");
    }

    @Test
    void signedInIdWithMixedScripts_isRefused() {
        runner.run(ctx -> {
            signIn("p\u0430ypal"); // Cyrillic a inside a Latin id
            assertThatThrownBy(() -> ctx.getBean(Apps.class).createApp("7")).isInstanceOf(AccessDeniedException.class);
            assertThat(ctx.getBean(Apps.class).ran()).isEmpty();
        });
    }

    @Test
    void advisorOrder_isConfigurable_andDefaultsBetweenMethodSecurityAndTransactions() {
        runner.run(ctx ->
                assertThat(ctx.getBean(ProtectedMethodAdvisor.class).getOrder()).isEqualTo(700));
        runner.withPropertyValues("maa.aop.order=50")
                .run(ctx -> assertThat(ctx.getBean(ProtectedMethodAdvisor.class).getOrder())
                        .isEqualTo(50));
    }

    @Test
    void misannotatedBean_failsStartUp() {
        runner.withBean(BadApps.class).run(ctx -> assertThat(ctx).hasFailed());
    }

    /** A protected method whose object id names no parameter. */
    static class BadApps {
        @dev.maa.api.Protected(
                resource = dev.maa.api.ResourceType.APP,
                action = dev.maa.api.Action.DELETE,
                objectId = "noSuchParameter")
        public void deleteApp(String appId) {}
    }

    @Test
    void executorJobs_startAndStopWithTheContext() {
        runner.withPropertyValues("maa.executor.enabled=true").run(ctx -> {
            MaaLifecycle lifecycle = ctx.getBean(MaaLifecycle.class);
            assertThat(lifecycle.jobsRunning()).isTrue();
            ctx.stop();
            assertThat(lifecycle.jobsRunning()).isFalse();
        });
    }
}

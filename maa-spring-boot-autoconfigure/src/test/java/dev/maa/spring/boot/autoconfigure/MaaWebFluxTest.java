package dev.maa.spring.boot.autoconfigure;

import static dev.maa.api.Action.CREATE;
import static dev.maa.api.Action.DELETE;
import static dev.maa.api.Action.WIPE;
import static dev.maa.api.ResourceType.APP;
import static dev.maa.api.ResourceType.DEVICE_ACTION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.Factor;
import dev.maa.api.MaaConfigurationException;
import dev.maa.api.Protected;
import dev.maa.core.MaaEngine;
import dev.maa.core.policy.RuleBasedPolicyEngine;
import dev.maa.spring.boot.autoconfigure.web.MaaReactive;
import dev.maa.spring.boot.autoconfigure.web.MaaWebFluxAutoConfiguration;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A WebFlux application secured by Spring Security: the answers of Spring MVC (202 + Location + problem, 403, 400
 * naming the header), the headers, the principal from the reactive security context, and the refusals that keep
 * protected calls off the event loop.
 */
class MaaWebFluxTest {

    private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    AopAutoConfiguration.class,
                    bootClass(
                            "org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration",
                            "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration"),
                    bootClass(
                            "org.springframework.boot.autoconfigure.http.codec.CodecsAutoConfiguration",
                            "org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration"),
                    bootClass(
                            "org.springframework.boot.autoconfigure.web.reactive.WebFluxAutoConfiguration",
                            "org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration"),
                    MaaAutoConfiguration.class,
                    MaaWebFluxAutoConfiguration.class))
            .withUserConfiguration(TestPolicies.class, App.class)
            .withAllowBeanDefinitionOverriding(true)
            .withPropertyValues("maa.executor.enabled=false");

    /**
     * The auto-configuration named by the first name on the class path: Spring Boot 3's name, then Boot 4's (which
     * moved it to its own module), so the test runs on both (the boot4 profile).
     */
    private static Class<?> bootClass(String... names) {
        for (String name : names) {
            try {
                return Class.forName(name, false, MaaWebFluxTest.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                // the other Boot version's name
            }
        }
        throw new IllegalStateException("none of " + List.of(names) + " is on the class path");
    }

    /** Runs the application with these rules in place of {@link TestPolicies}'. */
    private void run(RuleBasedPolicyEngine policies, Consumer<ApplicationContext> test) {
        runner.withBean("policies", RuleBasedPolicyEngine.class, () -> policies).run(ctx -> {
            assertThat(ctx).hasNotFailed();
            test.accept(ctx);
        });
    }

    private static RuleBasedPolicyEngine.Builder rules() {
        return RuleBasedPolicyEngine.builder()
                .requireApproval(APP, Set.of(DELETE), Factor.of("App changes", 1, "approvers"))
                .allow(APP, Set.of(CREATE))
                .deny(DEVICE_ACTION, Set.of(WIPE), "wipes are done on site");
    }

    private static WebTestClient client(ApplicationContext ctx, String user) {
        return WebTestClient.bindToApplicationContext(ctx)
                .build()
                .mutate()
                .responseTimeout(Duration.ofMinutes(1)) // a loaded build machine; no timing is asserted
                .defaultHeaders(h -> h.setBasicAuth(user, "pw"))
                .build();
    }

    /** The problem body of an answer, as a map. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> problem(WebTestClient.ResponseSpec answer) {
        return answer.expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    @Test
    void parkedCall_answers202_withLocationAndProblem_asTheSignedInUser_withTheHeaderJustification() {
        run(rules().build(), ctx -> {
            var answer = client(ctx, "alice")
                    .delete()
                    .uri("/apps/42")
                    .header("Maa-Justification", "CHG-7 retire app 42")
                    .exchange()
                    .expectStatus()
                    .isAccepted();
            Map<String, Object> body = problem(answer);
            String id = (String) body.get("requestId");
            assertThat(body)
                    .containsEntry("kind", "APPROVAL_REQUIRED")
                    .containsEntry("approverGroups", List.of("approvers"))
                    .containsEntry("requiredApprovals", 1);
            answer.expectHeader().location("/maa/api/v1/requests/" + id);

            ApprovalRequest r = ctx.getBean(MaaEngine.class).approvals().get(id);
            assertThat(r.requester().id()).isEqualTo("alice");
            assertThat(r.justification()).isEqualTo("CHG-7 retire app 42");
            assertThat(r.urgent()).isFalse();
            assertThat(ctx.getBean(Apps.class).ran()).isEmpty();
        });
    }

    @Test
    void urgentHeader_makesTheRequestUrgent() {
        run(rules().build(), ctx -> {
            String location = client(ctx, "alice")
                    .delete()
                    .uri("/apps/43")
                    .header("Maa-Justification", "INC-9 compromised app")
                    .header("Maa-Urgent", "true")
                    .exchange()
                    .expectStatus()
                    .isAccepted()
                    .returnResult(String.class)
                    .getResponseHeaders()
                    .getFirst(HttpHeaders.LOCATION);

            String id = location.substring(location.lastIndexOf('/') + 1);
            assertThat(ctx.getBean(MaaEngine.class).approvals().get(id).urgent())
                    .isTrue();
        });
    }

    @Test
    void allowedCall_runsOnce_andAnswersItsResult() {
        run(rules().build(), ctx -> {
            client(ctx, "alice")
                    .post()
                    .uri("/apps/7")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(String.class)
                    .isEqualTo("7");

            assertThat(ctx.getBean(Apps.class).ran()).containsExactly("created 7");
        });
    }

    @Test
    void deniedCall_answers403Problem_andDoesNotRun() {
        run(rules().build(), ctx -> {
            var answer = client(ctx, "alice")
                    .delete()
                    .uri("/devices/d-1")
                    .exchange()
                    .expectStatus()
                    .isForbidden();

            assertThat(problem(answer)).containsEntry("reasons", List.of("wipes are done on site"));

            assertThat(ctx.getBean(Devices.class).ran()).isEmpty();
        });
    }

    @Test
    void missingJustification_answers400_namingTheHeader() {
        run(rules().justificationRequired(true).build(), ctx -> {
            var answer = client(ctx, "alice")
                    .delete()
                    .uri("/apps/42")
                    .exchange()
                    .expectStatus()
                    .isBadRequest();

            assertThat(problem(answer))
                    .containsEntry("header", "Maa-Justification")
                    .containsEntry("title", "Say why: send the header Maa-Justification (e.g. a ticket id) and retry");

            assertThat(ctx.getBean(Apps.class).ran()).isEmpty();
        });
    }

    @Test
    void urgentWithoutJustification_isRefused400_beforeAnythingRuns() {
        run(rules().build(), ctx -> {
            var answer = client(ctx, "alice")
                    .post()
                    .uri("/apps/8")
                    .header("Maa-Urgent", "true")
                    .exchange()
                    .expectStatus()
                    .isBadRequest();

            assertThat(problem(answer))
                    .containsEntry("kind", "INVALID_INPUT")
                    .containsEntry("detail", "An urgent call needs a justification: send Maa-Justification too.");

            assertThat(ctx.getBean(Apps.class).ran()).isEmpty();
        });
    }

    @Test
    void protectedMethodReturningMono_isRefused_andNothingRuns() {
        run(rules().build(), ctx -> {
            Devices devices = ctx.getBean(Devices.class);

            assertThatThrownBy(() -> devices.deleteLater("42"))
                    .isInstanceOf(MaaConfigurationException.class)
                    .hasMessageContaining("deleteLater")
                    .hasMessageContaining("MaaReactive.call");
            assertThat(devices.ran()).isEmpty();
        });
    }

    @Test
    void protectedCall_onAnEventLoopThread_isRefused_andDoesNotRun() {
        run(rules().build(), ctx -> {
            Apps apps = ctx.getBean(Apps.class);

            assertThatThrownBy(() -> Mono.fromCallable(() -> apps.createApp("9"))
                            .subscribeOn(Schedulers.parallel())
                            .block())
                    .isInstanceOf(MaaConfigurationException.class)
                    .hasMessageContaining("non-blocking thread");
            assertThat(apps.ran()).isEmpty();
        });
    }

    /** The application: users in memory, HTTP basic, a controller calling a protected bean through MaaReactive. */
    @Configuration(proxyBeanMethods = false)
    @EnableWebFluxSecurity
    static class App {

        @Bean
        MapReactiveUserDetailsService users() {
            return new MapReactiveUserDetailsService(
                    User.withUsername("alice")
                            .password("{noop}pw")
                            .roles("ADMIN")
                            .build(),
                    User.withUsername("bob").password("{noop}pw").roles("ADMIN").build());
        }

        @Bean
        SecurityWebFilterChain security(ServerHttpSecurity http) {
            return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                    .authorizeExchange(e -> e.anyExchange().authenticated())
                    .httpBasic(Customizer.withDefaults())
                    .build();
        }

        @Bean
        Devices devices() {
            return new Devices();
        }

        @Bean
        Controller controller(Apps apps, Devices devices) {
            return new Controller(apps, devices);
        }
    }

    @RestController
    static class Controller {
        private final Apps apps;
        private final Devices devices;

        Controller(Apps apps, Devices devices) {
            this.apps = apps;
            this.devices = devices;
        }

        @DeleteMapping("/apps/{id}")
        Mono<String> delete(@PathVariable String id) {
            return MaaReactive.call(() -> {
                apps.deleteApp(id);
                return "deleted";
            });
        }

        @PostMapping("/apps/{id}")
        Mono<String> create(@PathVariable String id) {
            return MaaReactive.call(() -> apps.createApp(id));
        }

        @DeleteMapping("/devices/{id}")
        Mono<String> wipe(@PathVariable String id) {
            return MaaReactive.call(() -> {
                devices.wipe(id);
                return "wiped";
            });
        }
    }

    /** A denied blocking method, and a reactive protected method the advisor refuses. */
    public static class Devices {
        private final List<String> ran = new CopyOnWriteArrayList<>();

        @Protected(resource = DEVICE_ACTION, action = WIPE, objectId = "deviceId")
        public void wipe(String deviceId) {
            ran.add("wiped " + deviceId);
        }

        @Protected(resource = APP, action = DELETE, objectId = "appId")
        public Mono<Void> deleteLater(String appId) {
            return Mono.fromRunnable(() -> ran.add("deleted later " + appId));
        }

        public List<String> ran() {
            return List.copyOf(ran);
        }
    }
}

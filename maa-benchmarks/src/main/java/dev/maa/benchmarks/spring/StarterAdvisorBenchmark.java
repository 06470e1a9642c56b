package dev.maa.benchmarks.spring;

import dev.maa.api.Action;
import dev.maa.api.ResourceType;
import dev.maa.core.directory.StaticDirectory;
import dev.maa.core.policy.RuleBasedPolicyEngine;
import dev.maa.core.store.InMemoryRequestStore;
import dev.maa.spring.boot.autoconfigure.MaaAutoConfiguration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * What the Spring Boot starter's advisor costs per call, against Spring Security's {@code @PreAuthorize} on the
 * same bean in the same run (run from the repository root after
 * {@code ./mvnw -q -pl maa-benchmarks -am package -DskipTests}):
 *
 * <pre>
 * java -jar maa-benchmarks/target/benchmarks.jar StarterAdvisor
 * </pre>
 *
 * <ul>
 *   <li>{@code advisor_cachedAllow}: a {@code @Protected} method whose allow is in the decision cache, the principal
 *       read from the Spring Security context (goal: ≤ 0.10× of {@code preAuthorize});</li>
 *   <li>{@code preAuthorize}: the same body behind {@code @PreAuthorize("hasRole('ADMIN')")};</li>
 *   <li>{@code unannotated_proxied} vs {@code unannotated_plain}: a method without annotations on the proxied bean
 *       and on a plain instance (goal ≤ 1.02×).</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StarterAdvisorBenchmark {

    private AnnotationConfigApplicationContext spring;
    private StarterCatalog proxied;
    private StarterCatalog plain;
    private String appId;

    /** The application: the starter's auto-configuration with method security, users and rules in code. */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({AopAutoConfiguration.class, MaaAutoConfiguration.class})
    @EnableMethodSecurity
    public static class App {
        @Bean
        public StarterCatalog catalog() {
            return new StarterCatalog();
        }

        @Bean
        public RuleBasedPolicyEngine policies() {
            return RuleBasedPolicyEngine.builder()
                    .allow(ResourceType.APP, Set.of(Action.UPDATE))
                    .build();
        }

        @Bean
        public StaticDirectory directory() {
            return StaticDirectory.builder().user("alice", "App Admins").build();
        }

        @Bean
        public InMemoryRequestStore store() {
            return new InMemoryRequestStore();
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        appId = "app-" + System.nanoTime() % 10;
        spring = new AnnotationConfigApplicationContext();
        spring.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "benchmark", Map.of("maa.executor.enabled", "false", "maa.decision-cache.ttl", "30s")));
        spring.register(App.class);
        spring.refresh();
        proxied = spring.getBean(StarterCatalog.class);
        plain = new StarterCatalog();
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        "alice", null, List.of(new SimpleGrantedAuthority("ROLE_ADMIN"))));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        spring.close();
        SecurityContextHolder.clearContext();
    }

    @Benchmark
    public String advisor_cachedAllow() {
        return proxied.update(appId);
    }

    @Benchmark
    public String preAuthorize() {
        return proxied.updateSecured(appId);
    }

    @Benchmark
    public String unannotated_proxied() {
        return proxied.read(appId);
    }

    @Benchmark
    public String unannotated_plain() {
        return plain.read(appId);
    }
}

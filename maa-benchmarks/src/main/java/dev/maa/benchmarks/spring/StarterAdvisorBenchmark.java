package dev.maa.benchmarks.spring;

import dev.maa.api.Action;
import dev.maa.api.ResourceType;
import dev.maa.core.directory.StaticDirectory;
import dev.maa.core.policy.RuleBasedPolicyEngine;
import dev.maa.core.store.InMemoryRequestStore;
import dev.maa.spring.boot.autoconfigure.MaaAutoConfiguration;
import java.util.Arrays;
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
import org.springframework.aop.framework.Advised;
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
 *   <li>{@code unannotated_proxied} vs {@code unannotated_securityProxyOnly}: a method without annotations on the
 *       bean the advisor proxies, and on a bean proxied by method security alone (goal ≤ 1.02×: the advisor adds
 *       nothing to a method it does not guard); {@code unannotated_plain}, the method without any proxy.</li>
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
    private SecuredCatalog securityOnly;
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
        public SecuredCatalog securedCatalog() {
            return new SecuredCatalog();
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
        securityOnly = spring.getBean(SecuredCatalog.class);
        guardsAreApplied(proxied);
        if (!(securityOnly instanceof Advised)
                || advisors(securityOnly).stream().anyMatch(a -> a.contains("Protected"))) {
            throw new IllegalStateException(
                    "the baseline bean must be proxied by method security alone, has " + advisors(securityOnly));
        }
    }

    /**
     * Signs alice in on the thread that runs the next iteration: the security context is thread-local, and JMH does
     * not promise that the thread of the trial's set-up runs every iteration.
     */
    @Setup(Level.Iteration)
    public void signIn() {
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        "alice", null, List.of(new SimpleGrantedAuthority("ROLE_ADMIN"))));
    }

    /**
     * Refuses to measure unless both guards are on the proxy and refuse a caller nobody signed in: a ratio of two
     * unguarded calls would read as a success (last session's 0.066x and 1.09x could not say which guard ran).
     */
    static void guardsAreApplied(StarterCatalog bean) {
        if (!(bean instanceof Advised advised)) {
            throw new IllegalStateException("the catalog bean is not proxied: neither guard would run");
        }
        List<String> advisors = advisors(advised);
        SecurityContextHolder.clearContext();
        if (!refuses(() -> bean.update("x")) || !refuses(() -> bean.updateSecured("x"))) {
            throw new IllegalStateException("a guard let an anonymous call through; advisors: " + advisors);
        }
        System.out.println("# advisors on the catalog proxy: " + advisors);
    }

    /** The proxy's advisors as {@code Advisor/Advice} class names. */
    private static List<String> advisors(Object proxy) {
        return Arrays.stream(((Advised) proxy).getAdvisors())
                .map(a -> a.getClass().getSimpleName() + "/"
                        + a.getAdvice().getClass().getSimpleName())
                .toList();
    }

    private static boolean refuses(Runnable call) {
        try {
            call.run();
            return false;
        } catch (RuntimeException e) {
            return true;
        }
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
    public String unannotated_securityProxyOnly() {
        return securityOnly.read(appId);
    }

    @Benchmark
    public String unannotated_plain() {
        return plain.read(appId);
    }
}

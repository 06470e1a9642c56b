package dev.maa.benchmarks.agent;

import dev.maa.api.Action;
import dev.maa.api.Maa;
import dev.maa.api.Principal;
import dev.maa.api.ResourceType;
import dev.maa.core.MaaEngine;
import dev.maa.core.cache.CachingPolicyEngine;
import dev.maa.core.cache.DecisionCacheSettings;
import dev.maa.core.directory.StaticDirectory;
import dev.maa.core.policy.RuleBasedPolicyEngine;
import java.time.Duration;
import java.util.List;
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
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * What maa-agent costs per call, with ratios taken inside one run (run from the repository root, after
 * {@code ./mvnw -q -pl maa-benchmarks -am package -DskipTests}, which also builds the agent jar the forks attach):
 *
 * <pre>
 * java -jar maa-benchmarks/target/benchmarks.jar AgentOverhead
 * </pre>
 *
 * <ul>
 *   <li>{@code plain_*}: an unannotated method of an instrumented class, with and without the agent (goal ≤ 1.02);</li>
 *   <li>{@code protected_agentCachedAllow} vs {@code protected_noAgent}: a {@code @Protected} method whose allow is
 *       in the decision cache, against the direct call (goal ≤ 50 ns added);</li>
 *   <li>{@code spring_preAuthorize}: the same body behind {@code @PreAuthorize("hasRole('ADMIN')")} (goal: the
 *       cached MAA call costs ≤ 0.05× of it).</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AgentOverheadBenchmark {

    /** Relative to the repository root, where the benchmarks are run from. */
    static final String AGENT =
            "-javaagent:maa-agent/target/maa-agent-0.1.0-SNAPSHOT.jar=include=dev.maa.benchmarks.agent.";

    private Catalog catalog;
    private SecuredCatalog secured;
    private MaaEngine engine;
    private Maa.Scope principal;
    private AnnotationConfigApplicationContext spring;
    private String appId;

    @Setup(Level.Trial)
    public void setUp() {
        appId = "app-" + System.nanoTime() % 10;
        RuleBasedPolicyEngine rules = RuleBasedPolicyEngine.builder()
                .allow(ResourceType.APP, Set.of(Action.UPDATE))
                .build();
        engine = MaaEngine.builder()
                .policyEngine(CachingPolicyEngine.wrap(rules, DecisionCacheSettings.of(Duration.ofSeconds(30), 1000)))
                .directory(StaticDirectory.builder().user("alice", "App Admins").build())
                .build()
                .installGlobal();
        catalog = new Catalog();
        principal = Maa.actingAs(Principal.of("alice")); // this benchmark thread acts as alice

        spring = new AnnotationConfigApplicationContext(SpringSecurityConfig.class);
        secured = spring.getBean(SecuredCatalog.class);
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        "admin", null, List.of(new SimpleGrantedAuthority("ROLE_ADMIN"))));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        principal.close();
        engine.uninstallGlobal();
        spring.close();
        SecurityContextHolder.clearContext();
    }

    @Benchmark
    public String plain_noAgent() {
        return catalog.read(appId);
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = AGENT)
    public String plain_agent() {
        return catalog.read(appId);
    }

    @Benchmark
    public String protected_noAgent() {
        return catalog.update(appId);
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = AGENT)
    public String protected_agentCachedAllow() {
        return catalog.update(appId);
    }

    @Benchmark
    public String spring_preAuthorize() {
        return secured.update(appId);
    }
}

package dev.maa.spring.boot.autoconfigure;

import dev.maa.api.DiffCapture;
import dev.maa.api.Directory;
import dev.maa.api.Notifier;
import dev.maa.api.PolicyEngine;
import dev.maa.api.PrincipalProvider;
import dev.maa.api.RequestStore;
import dev.maa.core.BreakGlass;
import dev.maa.core.MaaEngine;
import dev.maa.core.cache.CachingPolicyEngine;
import dev.maa.core.cache.DecisionCacheSettings;
import dev.maa.core.config.MaaHome;
import dev.maa.spring.SpringTargetResolver;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Wires MAA into a Spring Boot application: store, directory, policy engine, principal provider, the
 * {@link MaaEngine} and its background jobs, each a bean that backs off when the application defines its own.
 *
 * <p>Why separate beans rather than {@code EmbeddedMaa} (maa-server's composition root for {@code maa serve} and the
 * CLI): an application replaces parts one at a time (its own store, policy engine, directory or notifier), and a
 * host runs every approved call itself, so it starts the engine's full background jobs, not the server's recovery
 * jobs. The parts are built by the same factories as there ({@code JdbcStores}, {@code EmbeddedRegoPolicyEngine},
 * {@code UsersFileDirectory}, {@code Notifiers}), with durations read by {@code Durations}.
 */
@AutoConfiguration(afterName = "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration")
@ConditionalOnProperty(prefix = "maa", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(MaaProperties.class)
@Import({MaaPrincipalConfiguration.class, MaaAopConfiguration.class, MaaNotifierConfiguration.class})
public class MaaAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(RequestStore.class)
    public RequestStore maaRequestStore(MaaProperties properties, ObjectProvider<DataSource> dataSources) {
        return MaaParts.store(properties, home(properties), dataSources);
    }

    @Bean
    @ConditionalOnMissingBean(Directory.class)
    public Directory maaDirectory(MaaProperties properties) {
        return MaaParts.directory(properties, home(properties));
    }

    @Bean
    @ConditionalOnMissingBean(PolicyEngine.class)
    public PolicyEngine maaPolicyEngine(MaaProperties properties) {
        return MaaParts.policyEngine(properties, home(properties));
    }

    @Bean
    @ConditionalOnMissingBean
    public MaaEngine maaEngine(
            MaaProperties properties,
            PolicyEngine policyEngine,
            RequestStore store,
            Directory directory,
            PrincipalProvider principals,
            ObjectProvider<Notifier> notifier,
            ObjectProvider<MaaObserver> observers,
            ObjectProvider<DiffCapture> diffCaptures,
            @Qualifier("maaClock") ObjectProvider<Clock> clock,
            ApplicationContext context) {
        MaaEngine.Builder builder = MaaEngine.builder()
                .policyEngine(cached(
                        properties,
                        observed(policyEngine, observers.orderedStream().toList())))
                .store(store)
                .directory(directory)
                .principalProvider(principals)
                .breakGlass(breakGlass(properties, policyEngine))
                .defaultTtl(MaaProperties.duration(
                        "maa.expiry.default-ttl", properties.getExpiry().getDefaultTtl()))
                .claimLease(MaaProperties.duration(
                        "maa.executor.claim-lease", properties.getExecutor().getClaimLease()))
                .targetResolver(SpringTargetResolver.of(context))
                .allowPackages(allowedPackages(properties, context).toArray(String[]::new));
        if (context.getClassLoader() != null) {
            builder.classLoader(context.getClassLoader());
        }
        if (properties.getNodeId() != null) {
            builder.nodeId(properties.getNodeId());
        }
        builder.notifier(
                notifier(notifier.getIfAvailable(), observers.orderedStream().toList()));
        clock.ifAvailable(builder::clock);
        diffCaptures.orderedStream().forEach(builder::diffCapture);
        return builder.build();
    }

    /** Starts the background jobs with the context and stops them with it; installs the agent's gatekeeper. */
    @Bean
    @ConditionalOnMissingBean
    public MaaLifecycle maaLifecycle(MaaEngine engine, MaaProperties properties) {
        return new MaaLifecycle(engine, properties);
    }

    static Path home(MaaProperties properties) {
        return properties.getHome() == null ? MaaHome.resolve() : Path.of(properties.getHome());
    }

    private static PolicyEngine observed(PolicyEngine engine, List<MaaObserver> observers) {
        PolicyEngine observed = engine;
        for (MaaObserver o : observers) {
            observed = o.observe(observed);
        }
        return observed;
    }

    /** The application's or configured notifier, then every observer; an observer's failure is not the sender's. */
    private static Notifier notifier(Notifier configured, List<MaaObserver> observers) {
        return n -> {
            if (configured != null) {
                configured.notify(n);
            }
            for (MaaObserver o : observers) {
                o.notified(n);
            }
        };
    }

    private static PolicyEngine cached(MaaProperties properties, PolicyEngine engine) {
        MaaDecisionCacheProperties cache = properties.getDecisionCache();
        if (!cache.isEnabled() || engine instanceof CachingPolicyEngine) {
            return engine;
        }
        return CachingPolicyEngine.wrap(
                engine,
                DecisionCacheSettings.of(
                        MaaProperties.duration("maa.decision-cache.ttl", cache.getTtl()), cache.getMaximumSize()));
    }

    /** The break-glass accounts of the properties if any are named, else those of the policies. */
    private static BreakGlass breakGlass(MaaProperties properties, PolicyEngine engine) {
        MaaBreakGlassProperties bg = properties.getBreakGlass();
        if (!bg.getPrincipals().isEmpty()) {
            return new BreakGlass(
                    Set.copyOf(bg.getPrincipals()), bg.isJustificationRequired(), Set.copyOf(bg.getReviewerGroups()));
        }
        return MaaParts.policyBreakGlass(engine);
    }

    /** The configured packages and the application's own (those of {@code @SpringBootApplication}). */
    private static Set<String> allowedPackages(MaaProperties properties, BeanFactory beans) {
        Set<String> packages = new LinkedHashSet<>(properties.getAllowPackages());
        if (AutoConfigurationPackages.has(beans)) {
            packages.addAll(AutoConfigurationPackages.get(beans));
        }
        return packages;
    }
}

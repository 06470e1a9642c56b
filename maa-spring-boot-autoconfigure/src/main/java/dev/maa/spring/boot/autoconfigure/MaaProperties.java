package dev.maa.spring.boot.autoconfigure;

import dev.maa.api.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * The {@code maa.*} properties of a Spring Boot application (IDE completion from the generated metadata).
 *
 * <p>Durations are written in the one grammar of {@link Durations} ({@value Durations#FORMS}), the same as in
 * {@code maa.yaml}, so an operator writes {@code 24h} in both places; they are kept as text here and read once by
 * {@link #validate()}, which names the property of the first bad value ({@link InvalidMaaPropertyException}, shown
 * by Boot's failure analysis at start-up). Spring's own duration converter is not used because it reads a unitless
 * number as milliseconds, which the kit refuses on purpose.
 */
@ConfigurationProperties(prefix = "maa")
public class MaaProperties implements InitializingBean {

    /** Whether MAA is configured at all; false leaves @Protected methods to an agent or your own engine. */
    private boolean enabled = true;

    /** The MAA home (audit key, default H2 file, users file); default $MAA_HOME, else ~/.maa. */
    private String home;

    /**
     * Packages (and sub-packages) whose records and POJOs may be parked as arguments; the application's own packages
     * (those of @SpringBootApplication) are always allowed.
     */
    private List<String> allowPackages = new ArrayList<>();

    /** This JVM's name in claims and job leases; default: the application name and a random part. */
    private String nodeId;

    @NestedConfigurationProperty
    private final MaaStoreProperties store = new MaaStoreProperties();

    @NestedConfigurationProperty
    private final MaaPoliciesProperties policies = new MaaPoliciesProperties();

    @NestedConfigurationProperty
    private final MaaDecisionCacheProperties decisionCache = new MaaDecisionCacheProperties();

    @NestedConfigurationProperty
    private final MaaBreakGlassProperties breakGlass = new MaaBreakGlassProperties();

    @NestedConfigurationProperty
    private final MaaExpiryProperties expiry = new MaaExpiryProperties();

    @NestedConfigurationProperty
    private final MaaExecutorProperties executor = new MaaExecutorProperties();

    @NestedConfigurationProperty
    private final MaaNotificationsProperties notifications = new MaaNotificationsProperties();

    @NestedConfigurationProperty
    private final MaaDirectoryProperties directory = new MaaDirectoryProperties();

    @NestedConfigurationProperty
    private final MaaPrincipalProperties principal = new MaaPrincipalProperties();

    @NestedConfigurationProperty
    private final MaaAopProperties aop = new MaaAopProperties();

    @NestedConfigurationProperty
    private final MaaWebProperties web = new MaaWebProperties();

    /** Validates the bound values ({@link #validate()}), so a bad one fails start-up before any part opens. */
    @Override
    public void afterPropertiesSet() {
        validate();
    }

    /**
     * Checks every value that Spring's binder cannot: durations, sizes, and settings that exclude each other.
     *
     * @throws InvalidMaaPropertyException naming the first bad property, its value and what to write instead
     */
    public void validate() {
        duration("maa.decision-cache.ttl", decisionCache.getTtl());
        duration("maa.expiry.default-ttl", expiry.getDefaultTtl());
        duration("maa.executor.interval", executor.getInterval());
        duration("maa.executor.claim-lease", executor.getClaimLease());
        if (policies.getWatch() != null) {
            duration("maa.policies.watch", policies.getWatch());
        }
        if (decisionCache.getMaximumSize() < 1) {
            throw new InvalidMaaPropertyException(
                    "maa.decision-cache.maximum-size",
                    String.valueOf(decisionCache.getMaximumSize()),
                    "must be at least 1",
                    "set a positive size, or maa.decision-cache.enabled=false to turn the cache off");
        }
        if (policies.getLocation() != null && policies.getOpaUrl() != null) {
            throw new InvalidMaaPropertyException(
                    "maa.policies.opa-url",
                    policies.getOpaUrl(),
                    "is set together with maa.policies.location",
                    "set one of them: a policy directory (or classpath: location) evaluated in-process, or an OPA"
                            + " server");
        }
        if (store.getDatasource() == StoreSource.APPLICATION && store.getUrl() != null) {
            throw new InvalidMaaPropertyException(
                    "maa.store.url",
                    store.getUrl(),
                    "is set together with maa.store.datasource=application",
                    "remove maa.store.url to use the application's DataSource, or maa.store.datasource to use the"
                            + " URL");
        }
        if (store.getUrl() != null && !store.getUrl().startsWith("jdbc:")) {
            throw new InvalidMaaPropertyException(
                    "maa.store.url",
                    store.getUrl(),
                    "is not a JDBC URL",
                    "write jdbc:postgresql://<host>:<port>/<database> or jdbc:h2:file:<path>");
        }
        if (!web.getBasePath().startsWith("/")
                || web.getBasePath().endsWith("/")
                || web.getBasePath().contains("*")) {
            throw new InvalidMaaPropertyException(
                    "maa.web.base-path", web.getBasePath(), "must start with / and not end with /", "write e.g. /maa");
        }
        if (web.getConsole().isEnabled() && !web.isEnabled()) {
            throw new InvalidMaaPropertyException(
                    "maa.web.console.enabled",
                    "true",
                    "needs the approval API the console calls, which is off",
                    "set maa.web.enabled=true too (and guard maa.web.base-path with Spring Security), or remove"
                            + " maa.web.console.enabled");
        }
    }

    /** The duration {@code value} of {@code property}, read by {@link Durations#parse}. */
    static Duration duration(String property, String value) {
        try {
            Duration d = Durations.parse(value);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("must be positive");
            }
            return d;
        } catch (IllegalArgumentException e) {
            throw new InvalidMaaPropertyException(
                    property, value, e.getMessage(), "write a duration: " + Durations.FORMS);
        }
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getHome() {
        return home;
    }

    public void setHome(String home) {
        this.home = home;
    }

    public List<String> getAllowPackages() {
        return allowPackages;
    }

    public void setAllowPackages(List<String> allowPackages) {
        this.allowPackages = allowPackages;
    }

    public String getNodeId() {
        return nodeId;
    }

    public void setNodeId(String nodeId) {
        this.nodeId = nodeId;
    }

    public MaaStoreProperties getStore() {
        return store;
    }

    public MaaPoliciesProperties getPolicies() {
        return policies;
    }

    public MaaDecisionCacheProperties getDecisionCache() {
        return decisionCache;
    }

    public MaaBreakGlassProperties getBreakGlass() {
        return breakGlass;
    }

    public MaaExpiryProperties getExpiry() {
        return expiry;
    }

    public MaaExecutorProperties getExecutor() {
        return executor;
    }

    public MaaNotificationsProperties getNotifications() {
        return notifications;
    }

    public MaaDirectoryProperties getDirectory() {
        return directory;
    }

    public MaaPrincipalProperties getPrincipal() {
        return principal;
    }

    public MaaAopProperties getAop() {
        return aop;
    }

    public MaaWebProperties getWeb() {
        return web;
    }

    /** Where the store's database comes from. */
    public enum StoreSource {
        /** An H2 file under the home, or maa.store.url when set. */
        OWN,
        /** The application's DataSource (its database, through a pool of MAA's own). */
        APPLICATION
    }
}

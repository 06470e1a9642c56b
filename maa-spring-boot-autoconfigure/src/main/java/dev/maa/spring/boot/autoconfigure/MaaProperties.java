package dev.maa.spring.boot.autoconfigure;

import dev.maa.api.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;

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

    private final Store store = new Store();
    private final Policies policies = new Policies();
    private final DecisionCache decisionCache = new DecisionCache();
    private final BreakGlass breakGlass = new BreakGlass();
    private final Expiry expiry = new Expiry();
    private final Executor executor = new Executor();
    private final Notifications notifications = new Notifications();
    private final Directory directory = new Directory();
    private final Principal principal = new Principal();
    private final Aop aop = new Aop();
    private final Web web = new Web();

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
        duration("maa.decision-cache.ttl", decisionCache.ttl);
        duration("maa.expiry.default-ttl", expiry.defaultTtl);
        duration("maa.executor.interval", executor.interval);
        duration("maa.executor.claim-lease", executor.claimLease);
        if (policies.watch != null) {
            duration("maa.policies.watch", policies.watch);
        }
        if (decisionCache.maximumSize < 1) {
            throw new InvalidMaaPropertyException(
                    "maa.decision-cache.maximum-size",
                    String.valueOf(decisionCache.maximumSize),
                    "must be at least 1",
                    "set a positive size, or maa.decision-cache.enabled=false to turn the cache off");
        }
        if (policies.location != null && policies.opaUrl != null) {
            throw new InvalidMaaPropertyException(
                    "maa.policies.opa-url",
                    policies.opaUrl,
                    "is set together with maa.policies.location",
                    "set one of them: a policy directory (or classpath: location) evaluated in-process, or an OPA"
                            + " server");
        }
        if (store.datasource == StoreSource.APPLICATION && store.url != null) {
            throw new InvalidMaaPropertyException(
                    "maa.store.url",
                    store.url,
                    "is set together with maa.store.datasource=application",
                    "remove maa.store.url to use the application's DataSource, or maa.store.datasource to use the"
                            + " URL");
        }
        if (store.url != null && !store.url.startsWith("jdbc:")) {
            throw new InvalidMaaPropertyException(
                    "maa.store.url",
                    store.url,
                    "is not a JDBC URL",
                    "write jdbc:postgresql://<host>:<port>/<database> or jdbc:h2:file:<path>");
        }
        if (!web.basePath.startsWith("/") || web.basePath.endsWith("/") || web.basePath.contains("*")) {
            throw new InvalidMaaPropertyException(
                    "maa.web.base-path", web.basePath, "must start with / and not end with /", "write e.g. /maa");
        }
        if (web.console.enabled && !web.enabled) {
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

    public Store getStore() {
        return store;
    }

    public Policies getPolicies() {
        return policies;
    }

    public DecisionCache getDecisionCache() {
        return decisionCache;
    }

    public BreakGlass getBreakGlass() {
        return breakGlass;
    }

    public Expiry getExpiry() {
        return expiry;
    }

    public Executor getExecutor() {
        return executor;
    }

    public Notifications getNotifications() {
        return notifications;
    }

    public Directory getDirectory() {
        return directory;
    }

    public Principal getPrincipal() {
        return principal;
    }

    public Aop getAop() {
        return aop;
    }

    public Web getWeb() {
        return web;
    }

    /** Where the store's database comes from. */
    public enum StoreSource {
        /** An H2 file under the home, or maa.store.url when set. */
        OWN,
        /** The application's DataSource (its database, through a pool of MAA's own). */
        APPLICATION
    }

    /** {@code maa.store.*}: the request store and audit log. */
    public static class Store {

        /** own (the H2 file under the home, or maa.store.url) or application (the application's DataSource). */
        private StoreSource datasource = StoreSource.OWN;

        /** A JDBC URL (jdbc:postgresql:... or jdbc:h2:...); default: the H2 file <home>/maa. */
        private String url;

        /** The database user for maa.store.url. */
        private String username;

        /** The database password for maa.store.url. */
        private String password;

        public StoreSource getDatasource() {
            return datasource;
        }

        public void setDatasource(StoreSource datasource) {
            this.datasource = datasource;
        }

        public String getUrl() {
            return url;
        }

        public void setUrl(String url) {
            this.url = url;
        }

        public String getUsername() {
            return username;
        }

        public void setUsername(String username) {
            this.username = username;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }
    }

    /** {@code maa.policies.*}: where the Rego access policies come from. */
    public static class Policies {

        /**
         * A policy directory, or classpath:<prefix> for policies packaged with the application; default
         * <home>/policies when it exists, else the demo policies.
         */
        private String location;

        /** The base URL of an OPA server deciding instead of the embedded evaluator, e.g. http://localhost:8181. */
        private String opaUrl;

        /** How often a policy directory is checked for edits (a duration); default: not watched. */
        private String watch;

        public String getLocation() {
            return location;
        }

        public void setLocation(String location) {
            this.location = location;
        }

        public String getOpaUrl() {
            return opaUrl;
        }

        public void setOpaUrl(String opaUrl) {
            this.opaUrl = opaUrl;
        }

        public String getWatch() {
            return watch;
        }

        public void setWatch(String watch) {
            this.watch = watch;
        }
    }

    /** {@code maa.decision-cache.*}: the cache of allow and deny decisions, keyed by policy revision. */
    public static class DecisionCache {

        /** Whether allow and deny decisions are cached. */
        private boolean enabled = true;

        /** How long a decision is reused (a duration). */
        private String ttl = "10s";

        /** How many decisions are kept. */
        private long maximumSize = 10_000;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getTtl() {
            return ttl;
        }

        public void setTtl(String ttl) {
            this.ttl = ttl;
        }

        public long getMaximumSize() {
            return maximumSize;
        }

        public void setMaximumSize(long maximumSize) {
            this.maximumSize = maximumSize;
        }
    }

    /** {@code maa.break-glass.*}: emergency accounts; default: as the policies configure them. */
    public static class BreakGlass {

        /** Principals whose calls in a Maa.emergency(...) scope run at once and are reviewed afterwards. */
        private List<String> principals = new ArrayList<>();

        /** Groups that close the post-emergency reviews (required with principals). */
        private List<String> reviewerGroups = new ArrayList<>();

        /** Whether an emergency call needs a justification. */
        private boolean justificationRequired = true;

        public List<String> getPrincipals() {
            return principals;
        }

        public void setPrincipals(List<String> principals) {
            this.principals = principals;
        }

        public List<String> getReviewerGroups() {
            return reviewerGroups;
        }

        public void setReviewerGroups(List<String> reviewerGroups) {
            this.reviewerGroups = reviewerGroups;
        }

        public boolean isJustificationRequired() {
            return justificationRequired;
        }

        public void setJustificationRequired(boolean justificationRequired) {
            this.justificationRequired = justificationRequired;
        }
    }

    /** {@code maa.expiry.*}. */
    public static class Expiry {

        /** Expiry of requests whose policy sets no ttl (a duration). */
        private String defaultTtl = "30d";

        public String getDefaultTtl() {
            return defaultTtl;
        }

        public void setDefaultTtl(String defaultTtl) {
            this.defaultTtl = defaultTtl;
        }
    }

    /** {@code maa.executor.*}: the background jobs that run approved calls, recover claims and expire requests. */
    public static class Executor {

        /** Whether the jobs run in this application (they start and stop with the context). */
        private boolean enabled = true;

        /** How often the jobs run (a duration). */
        private String interval = "5s";

        /** How long a claimed call may run before it is marked FAILED, outcome unknown (a duration). */
        private String claimLease = "5m";

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getInterval() {
            return interval;
        }

        public void setInterval(String interval) {
            this.interval = interval;
        }

        public String getClaimLease() {
            return claimLease;
        }

        public void setClaimLease(String claimLease) {
            this.claimLease = claimLease;
        }
    }

    /** {@code maa.notifications.*}. */
    public static class Notifications {

        /** A YAML file whose notifications: section configures webhooks and e-mail (as in maa.yaml). */
        private String config;

        public String getConfig() {
            return config;
        }

        public void setConfig(String config) {
            this.config = config;
        }
    }

    /** {@code maa.directory.*}: who is in which group when a request is reviewed. */
    public static class Directory {

        /** The users file (re-read as it is edited); default <home>/users.yaml when it exists. */
        private String usersFile;

        public String getUsersFile() {
            return usersFile;
        }

        public void setUsersFile(String usersFile) {
            this.usersFile = usersFile;
        }
    }

    /** {@code maa.principal.*}: how the Spring Security Authentication becomes the caller of a protected call. */
    public static class Principal {

        /** The prefix stripped from role authorities (ROLE_ADMIN becomes the group ADMIN). */
        private String rolePrefix = "ROLE_";

        /** Whether authorities become groups in the policy input (reviews always ask the directory). */
        private boolean authoritiesAsGroups = true;

        /** Authority (after the prefix is stripped) to group name, e.g. ADMIN: intune-admins. */
        private Map<String, String> groupMapping = new LinkedHashMap<>();

        public String getRolePrefix() {
            return rolePrefix;
        }

        public void setRolePrefix(String rolePrefix) {
            this.rolePrefix = rolePrefix;
        }

        public boolean isAuthoritiesAsGroups() {
            return authoritiesAsGroups;
        }

        public void setAuthoritiesAsGroups(boolean authoritiesAsGroups) {
            this.authoritiesAsGroups = authoritiesAsGroups;
        }

        public Map<String, String> getGroupMapping() {
            return groupMapping;
        }

        public void setGroupMapping(Map<String, String> groupMapping) {
            this.groupMapping = groupMapping;
        }
    }

    /** {@code maa.aop.*}: the Spring AOP advisor for @Protected methods of beans. */
    public static class Aop {

        /** After Spring Security's method security (100 to 600), before {@code @Transactional}. */
        public static final int DEFAULT_ORDER = 700;

        /** Whether @Protected bean methods are intercepted by Spring AOP (it steps aside for classes the agent wove). */
        private boolean enabled = true;

        /**
         * The advisor's order: lower runs first (outside). The default 700 runs after Spring Security's method
         * security (100 to 600) and before @Transactional (lowest precedence), so a call is authorized first and
         * parked before any transaction opens.
         */
        private int order = DEFAULT_ORDER;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public int getOrder() {
            return order;
        }

        public void setOrder(int order) {
            this.order = order;
        }
    }

    /** {@code maa.web.*}: HTTP answers and the approval endpoints inside the application. */
    public static class Web {

        /** Whether the REST API for approvers is served by the application under base-path. */
        private boolean enabled;

        /** Where the in-app API lives. */
        private String basePath = "/maa";

        /**
         * Where a parked request can be followed, with {id} for its id; default <base-path>/api/v1/requests/{id}.
         * Set it to a maa serve elsewhere, e.g. https://maa.example.com/api/v1/requests/{id}.
         */
        private String requestUrl;

        /** Whether ApprovalRequiredException and friends are answered as application/problem+json. */
        private boolean problemAnswers = true;

        /**
         * Directory groups whose members may list every request (view=all), as maa serve's auth.reader_groups;
         * empty (the default) means nobody.
         */
        private List<String> readerGroups = new ArrayList<>();

        /** The web console of maa serve, served by the application under base-path (needs enabled). */
        private final Console console = new Console();

        public Console getConsole() {
            return console;
        }

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getBasePath() {
            return basePath;
        }

        public void setBasePath(String basePath) {
            this.basePath = basePath;
        }

        public String getRequestUrl() {
            return requestUrl;
        }

        public void setRequestUrl(String requestUrl) {
            this.requestUrl = requestUrl;
        }

        public boolean isProblemAnswers() {
            return problemAnswers;
        }

        public List<String> getReaderGroups() {
            return readerGroups;
        }

        public void setReaderGroups(List<String> readerGroups) {
            this.readerGroups = readerGroups;
        }

        public void setProblemAnswers(boolean problemAnswers) {
            this.problemAnswers = problemAnswers;
        }

        /** Where request {@code id} can be followed. */
        public String requestUrl(String id) {
            String template = requestUrl != null ? requestUrl : basePath + "/api/v1/requests/{id}";
            return template.replace("{id}", id);
        }
    }

    /** The in-app web console ({@code maa.web.console.*}). */
    public static class Console {

        /**
         * Whether the application serves the web console at <base-path>/console/ (needs maa.web.enabled and the
         * maa-server jar, which holds the console's files, on the class path).
         */
        private boolean enabled;

        /** Where the console's Sign out button sends the browser: the application's own sign-out page. */
        private String signOutUrl = "/logout";

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getSignOutUrl() {
            return signOutUrl;
        }

        public void setSignOutUrl(String signOutUrl) {
            this.signOutUrl = signOutUrl;
        }
    }
}

package dev.maa.core;

import dev.maa.api.ClaimingStore;
import dev.maa.api.DiffCapture;
import dev.maa.api.Directory;
import dev.maa.api.Identities;
import dev.maa.api.Maa;
import dev.maa.api.MaaConfigurationException;
import dev.maa.api.Notifier;
import dev.maa.api.PolicyEngine;
import dev.maa.api.Principal;
import dev.maa.api.PrincipalProvider;
import dev.maa.api.RequestStore;
import dev.maa.api.TargetResolver;
import dev.maa.api.Verdict;
import dev.maa.core.codec.ParkedCallCodec;
import dev.maa.core.codec.TypeAllowList;
import dev.maa.core.decisionlog.DecisionCounts;
import dev.maa.core.decisionlog.DecisionLogger;
import dev.maa.core.directory.StaticDirectory;
import dev.maa.core.internal.DefaultApprovalService;
import dev.maa.core.internal.DefaultExecutor;
import dev.maa.core.internal.DefaultGatekeeper;
import dev.maa.core.internal.DiffCaptures;
import dev.maa.core.internal.EngineContext;
import dev.maa.core.internal.Notifications;
import dev.maa.core.internal.PeriodicJobs;
import dev.maa.core.internal.Targets;
import dev.maa.core.signing.ApprovalSigning;
import dev.maa.core.signing.ApprovalStatement;
import dev.maa.core.store.InMemoryRequestStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * MAA without an agent: wires a policy engine, a store, a directory and the rest into a {@link Gatekeeper},
 * an {@link ApprovalService} and an {@link Executor}.
 *
 * <pre>{@code
 * MaaEngine engine = MaaEngine.builder()
 *         .policyEngine(policies)
 *         .directory(StaticDirectory.fromYaml(Path.of("users.yaml")))
 *         .allowPackages("com.acme.model")
 *         .build();
 * AppManagement apps = engine.protect(AppManagement.class, new AppManagementImpl());
 * try (var who = Maa.actingAs(alice); var why = Maa.justify("CHG-1234")) {
 *     apps.deleteApp("app-42");            // ApprovalRequiredException: parked as a request
 * }
 * engine.approvals().approve(requestId, bob, "checked with the app owner");
 * engine.approvals().complete(requestId, alice);   // runs deleteApp("app-42") once
 * }</pre>
 */
public final class MaaEngine {

    /** The job-lease name of the expiry sweep in {@link ClaimingStore#tryAcquireJobLock}. */
    public static final String EXPIRY_SWEEP_JOB = "maa.expiry-sweep";

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MaaEngine.class);
    private static final Duration DEFAULT_JOB_INTERVAL = Duration.ofSeconds(5);

    private final EngineContext ctx;
    private final DefaultExecutor executor;
    private final DefaultApprovalService approvals;
    private final DefaultGatekeeper gatekeeper;

    private final DecisionLogger decisionLog;
    private final DecisionCounts decisionCounts;

    private MaaEngine(EngineContext ctx, EnforcementDefaults enforcement, DecisionLogger decisionLog) {
        this.ctx = ctx;
        this.decisionLog = decisionLog;
        this.decisionCounts = decisionLog.enabled() ? decisionLog.counts() : new DecisionCounts();
        this.executor = new DefaultExecutor(ctx);
        this.approvals = new DefaultApprovalService(ctx, executor);
        executor.autoCompletion(approvals::completeAuto);
        this.gatekeeper = new DefaultGatekeeper(ctx, approvals, enforcement, decisionLog, decisionCounts);
    }

    /** The decision log the gatekeeper writes to ({@link DecisionLogger#off()} unless one was configured). */
    public DecisionLogger decisionLog() {
        return decisionLog;
    }

    /** Counters of audit-mode outcomes and decision-log sinks, for the host's metrics. */
    public DecisionCounts decisionCounts() {
        return decisionCounts;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Gatekeeper gatekeeper() {
        return gatekeeper;
    }

    public ApprovalService approvals() {
        return approvals;
    }

    /**
     * The statement {@code reviewer} signs with a passkey to approve or reject request {@code requestId} with
     * {@code notes}, as the review will check it; refused as that review would be.
     */
    public ApprovalStatement statementToSign(String requestId, Principal reviewer, Verdict verdict, String notes) {
        return approvals.statementToSign(requestId, reviewer, verdict, notes);
    }

    /** The engine's verification of passkey-signed reviews, or {@code null} if it has none. */
    public ApprovalSigning approvalSigning() {
        return ctx.signing();
    }

    public Executor executor() {
        return executor;
    }

    public RequestStore store() {
        return ctx.store();
    }

    public ParkedCallCodec codec() {
        return ctx.codec();
    }

    public Clock clock() {
        return ctx.clock();
    }

    public String nodeId() {
        return ctx.nodeId();
    }

    /** The break-glass configuration: who may act in an emergency and who closes the post-emergency reviews. */
    public BreakGlass breakGlass() {
        return ctx.breakGlass();
    }

    /**
     * Starts this node's share of the periodic work, every 5 seconds; see {@link #startBackgroundJobs(Duration)}.
     */
    public BackgroundJobs startBackgroundJobs() {
        return startBackgroundJobs(DEFAULT_JOB_INTERVAL);
    }

    /**
     * Runs, every {@code interval} on one daemon thread: {@link Executor#runPending()},
     * {@link Executor#recoverExpiredClaims()}, the expiry sweep ({@link ApprovalService#expireDue()}) and reminders
     * ({@link ApprovalService#remindDue()}). Every
     * node may run the first two (the store decides each claim). The sweep runs on one node of the cluster at a
     * time when the store is a {@link ClaimingStore}: the node holding the job lease (three intervals, renewed on
     * each run) sweeps, the others skip; if it dies, another node takes over when the lease ends.
     */
    public BackgroundJobs startBackgroundJobs(Duration interval) {
        return startJobs(interval, true);
    }

    /**
     * Runs, every {@code interval} on one daemon thread, {@link Executor#recoverExpiredClaims()} and the expiry sweep
     * (as {@link #startBackgroundJobs(Duration)}), but not {@link Executor#runPending()}: for a node that runs only
     * the calls completed on it, at once ({@code maa serve}: policy activations). Claiming other nodes' work would
     * only hand back each call that waits for a host, with a CLAIMED and a RELEASED audit entry every interval.
     */
    public BackgroundJobs startRecoveryJobs(Duration interval) {
        return startJobs(interval, false);
    }

    private BackgroundJobs startJobs(Duration interval, boolean runPending) {
        Duration lease = Objects.requireNonNull(interval, "interval").multipliedBy(3);
        List<PeriodicJobs.Job> jobs = new ArrayList<>();
        if (runPending) {
            jobs.add(new PeriodicJobs.Job("runPending", executor::runPending));
        }
        jobs.add(new PeriodicJobs.Job("recoverExpiredClaims", executor::recoverExpiredClaims));
        jobs.add(new PeriodicJobs.Job("expiry sweep", () -> sweepExpired(lease)));
        jobs.add(new PeriodicJobs.Job("reminders", () -> sweepReminders(lease)));
        jobs.add(new PeriodicJobs.Job(
                "policy revalidation", () -> holdsSweepLease(lease) ? approvals.revalidateOpen() : 0));
        PeriodicJobs started =
                PeriodicJobs.start("maa-jobs-" + ctx.nodeId(), interval, jobs, DefaultExecutor.MAX_PER_RUN);
        // a new revision (activated, reloaded, reported by OPA) revalidates the open requests at once, on this node
        // whether or not it holds the sweep lease: each revalidation is a conditional update, so nodes never clash
        Runnable stopListening = ctx.policyEngine()
                .onRevisionChange(revision -> started.soon("revalidation for revision " + revision, () -> {
                    int voided = approvals.revalidateOpen();
                    LOG.info("Policy revision {}: {} open request(s) voided", revision, voided);
                }));
        return started.onClose(stopListening);
    }

    /**
     * Expires due requests if this node holds (or takes) the cluster-wide sweep lease {@value #EXPIRY_SWEEP_JOB},
     * {@code lease} long and renewed on every run; without a {@link ClaimingStore}, always. For hosts that schedule
     * the sweep themselves; returns how many requests expired (0 when another node holds the lease).
     */
    public int sweepExpired(Duration lease) {
        return holdsSweepLease(lease) ? approvals.expireDue() : 0;
    }

    /**
     * Fires due reminders and escalations ({@link ApprovalService#remindDue()}) if this node holds (or takes) the
     * sweep lease, as {@link #sweepExpired}: one node of a cluster reminds. Returns how many fired.
     */
    public int sweepReminders(Duration lease) {
        return holdsSweepLease(lease) ? approvals.remindDue() : 0;
    }

    private boolean holdsSweepLease(Duration lease) {
        return !(ctx.store() instanceof ClaimingStore claiming)
                || claiming.tryAcquireJobLock(
                        EXPIRY_SWEEP_JOB, ctx.nodeId(), lease, ctx.clock().instant());
    }

    /** Makes {@code target} the object approved calls of its class and interfaces are replayed on. */
    public MaaEngine registerTarget(Object target) {
        executor.registerTarget(Objects.requireNonNull(target, "target"));
        return this;
    }

    /**
     * Makes this engine's gatekeeper the one {@link Gatekeeper#global()} returns (agent, aspect).
     *
     * @throws dev.maa.api.MaaConfigurationException when another engine's gatekeeper is installed
     */
    public MaaEngine installGlobal() {
        GlobalGatekeeper.install(gatekeeper);
        return this;
    }

    /** Undoes {@link #installGlobal()} if this engine is the installed one. */
    public void uninstallGlobal() {
        GlobalGatekeeper.uninstall(gatekeeper);
    }

    /**
     * A JDK proxy of {@code type} that enforces {@code @Protected} (on the interface's or the implementation's
     * methods) before delegating to {@code impl}; {@code impl} becomes the replay target of approved calls.
     * Every protected method is validated now, so an annotation mistake fails here.
     */
    public <T> T protect(Class<T> type, T impl) {
        Objects.requireNonNull(impl, "impl");
        if (!type.isInterface()) {
            throw new IllegalArgumentException("protect(" + type.getName() + ", ...): JDK proxies need an interface;"
                    + " for classes use the maa-agent or the AspectJ aspect");
        }
        Map<Method, Method> implMethods = new ConcurrentHashMap<>();
        for (Method m : type.getMethods()) {
            Method target = implMethod(impl, m);
            implMethods.put(m, target);
            ProtectedMethods.find(target);
        }
        registerTarget(impl);
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return objectMethod(p, impl, method, args);
            }
            Method target = implMethods.computeIfAbsent(method, m -> implMethod(impl, m));
            Object[] a = args == null ? new Object[0] : args;
            return gatekeeper.invoke(target, impl, a, () -> call(target, impl, a));
        });
        return type.cast(proxy);
    }

    private static Method implMethod(Object impl, Method m) {
        try {
            Method found = impl.getClass().getMethod(m.getName(), m.getParameterTypes());
            found.trySetAccessible();
            return found;
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(impl.getClass().getName() + " does not implement " + m, e);
        }
    }

    private static Object call(Method m, Object target, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static Object objectMethod(Object proxy, Object impl, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "equals":
                return proxy == args[0];
            case "hashCode":
                return System.identityHashCode(proxy);
            case "toString":
                return "MaaProxy[" + impl + "]";
            default:
                return call(method, impl, args);
        }
    }

    /** Configures an engine; every setter validates at once and names the conflict. */
    public static final class Builder {
        private PolicyEngine policyEngine;
        private RequestStore store;
        private Directory directory;
        private PrincipalProvider principalProvider;
        private Clock clock = Clock.systemUTC();
        private String nodeId;
        private final Set<String> packages = new LinkedHashSet<>();
        private BreakGlass breakGlass = BreakGlass.disabled();
        private Notifier notifier = n -> {};
        private final List<TargetResolver> resolvers = new ArrayList<>();
        private Duration defaultTtl = Duration.ofDays(30);
        private Duration claimLease = Duration.ofMinutes(5);
        private ClassLoader classLoader;
        private ApprovalSigning approvalSigning;
        private boolean reviewerGroupsFromPrincipal;
        private EnforcementDefaults enforcement = EnforcementDefaults.enforce();
        private DecisionLogger decisionLog = DecisionLogger.off();
        private final Map<String, DiffCapture> diffCaptures = new LinkedHashMap<>();

        private Builder() {}

        /** Required: decides protected calls (the Rego engine of maa-opa-policies, or a RuleBasedPolicyEngine). */
        public Builder policyEngine(PolicyEngine engine) {
            policyEngine = Objects.requireNonNull(engine, "policyEngine");
            return this;
        }

        /** Where requests and the audit log live; default: an {@link InMemoryRequestStore}. */
        public Builder store(RequestStore value) {
            store = Objects.requireNonNull(value, "store");
            return this;
        }

        /** Users and groups; default: empty (nobody can approve). */
        public Builder directory(Directory value) {
            directory = Objects.requireNonNull(value, "directory");
            return this;
        }

        /** Who is calling; default: the principal of the current {@code Maa.actingAs(...)} scope. */
        public Builder principalProvider(PrincipalProvider value) {
            principalProvider = Objects.requireNonNull(value, "principalProvider");
            return this;
        }

        public Builder clock(Clock value) {
            clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** This JVM's name in claims; default: a random id. Must be unique per running JVM. */
        public Builder nodeId(String value) {
            if (value == null || value.isBlank() || value.length() > 200) {
                throw new IllegalArgumentException("nodeId must be 1..200 characters, was '" + value + "'");
            }
            nodeId = value;
            return this;
        }

        /** Packages (and sub-packages) whose records and POJOs may be parked as arguments. */
        public Builder allowPackages(String... names) {
            for (String n : names) {
                packages.add(TypeAllowList.validatePackage(n));
            }
            return this;
        }

        public Builder breakGlass(BreakGlass value) {
            breakGlass = Objects.requireNonNull(value, "breakGlass");
            return this;
        }

        /** Receives notifications after each transition; it must not block (queue and retry on its own). */
        public Builder notifier(Notifier value) {
            notifier = Objects.requireNonNull(value, "notifier");
            return this;
        }

        /** Adds a resolver for replay targets, asked after the registered targets and before singletons. */
        public Builder targetResolver(TargetResolver value) {
            resolvers.add(Objects.requireNonNull(value, "targetResolver"));
            return this;
        }

        /**
         * Captures the before/after of parked calls on {@code capture.resourceType()} once, when they are parked;
         * the diff is kept with the request (see {@link DiffCapture}). One capture per resource type.
         */
        public Builder diffCapture(DiffCapture capture) {
            Objects.requireNonNull(capture, "diffCapture");
            DiffCapture previous = diffCaptures.putIfAbsent(capture.resourceType(), capture);
            if (previous != null) {
                throw new IllegalArgumentException("diffCapture: resource type " + capture.resourceType()
                        + " already has " + previous.getClass().getName() + "; register one capture per type");
            }
            return this;
        }

        /** Expiry of requests whose decision sets no ttl; default 30 days. */
        public Builder defaultTtl(Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("defaultTtl must be positive, was " + value);
            }
            defaultTtl = value;
            return this;
        }

        /** How long a claim may run before recovery marks it FAILED, outcome unknown; default 5 minutes. */
        public Builder claimLease(Duration value) {
            if (value == null || value.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("claimLease must be at least 1 second, was " + value);
            }
            claimLease = value;
            return this;
        }

        /**
         * Verifies passkey-signed reviews with {@code signing} (the host's anchors, the key store, relying-party id and
         * origins). Without it, requests of {@code approval_assurance: passkey} policies are refused at completion in
         * this JVM (fail closed), and reviews of them are checked for their statement only.
         */
        public Builder approvalSigning(ApprovalSigning signing) {
            approvalSigning = Objects.requireNonNull(signing, "approvalSigning");
            return this;
        }

        /**
         * Whether the groups a reviewer's {@link dev.maa.api.Principal} carries count at review time beside the
         * directory's. Default false: only the directory makes an approver, so an application's roles or a token's
         * claims never do. A server sets it when it trusts its identity provider's group claims
         * ({@code auth.trust_token_groups}); the principal must then come from a verified token, never from a caller.
         */
        public Builder reviewerGroupsFromPrincipal(boolean value) {
            reviewerGroupsFromPrincipal = value;
            return this;
        }

        /**
         * The operator's enforcement default for policies that set none (per service, class or method; enforce by
         * default). A policy in audit mode lets calls run and records what it would have done (docs/rollout.md).
         */
        public Builder enforcementDefaults(EnforcementDefaults value) {
            enforcement = Objects.requireNonNull(value, "enforcementDefaults");
            return this;
        }

        /** Where decisions are logged (OPA's decision-log format); default: off. The engine does not close it. */
        public Builder decisionLog(DecisionLogger value) {
            decisionLog = Objects.requireNonNull(value, "decisionLog");
            return this;
        }

        /** Loads parked argument types and replay targets; default: maa-core's class loader. */
        public Builder classLoader(ClassLoader value) {
            classLoader = Objects.requireNonNull(value, "classLoader");
            return this;
        }

        public MaaEngine build() {
            if (policyEngine == null) {
                throw new MaaConfigurationException("MaaEngine.builder(): policyEngine(...) is required; use the Rego"
                        + " engine of maa-opa-policies, or RuleBasedPolicyEngine for code-only hosts and tests");
            }
            if (breakGlass.enabled() && breakGlass.reviewerGroups().isEmpty()) {
                throw new MaaConfigurationException("breakGlass: emergency principals " + breakGlass.principals()
                        + " are configured without reviewerGroups; a break-glass call the policy denied has no approver"
                        + " groups, so nobody could close its post-emergency review. Name reviewerGroups.");
            }
            Directory dir = directory == null ? StaticDirectory.empty() : directory;
            for (String p : breakGlass.principals()) {
                if (Identities.anyShared(dir.groupsOf(p), breakGlass.reviewerGroups())) {
                    throw new MaaConfigurationException("breakGlass: emergency principal '" + p + "' is also in a"
                            + " break-glass reviewer group; it could not close its own reviews anyway, but the"
                            + " overlap defeats the two-person rule. Remove it from " + breakGlass.reviewerGroups());
                }
            }
            ClassLoader loader = classLoader != null ? classLoader : MaaEngine.class.getClassLoader();
            RequestStore theStore = store == null ? new InMemoryRequestStore() : store;
            EngineContext ctx = new EngineContext(
                    policyEngine,
                    theStore,
                    dir,
                    principalProvider == null ? () -> Maa.context().principal() : principalProvider,
                    clock,
                    nodeId == null ? "node-" + UUID.randomUUID().toString().substring(0, 8) : nodeId,
                    ParkedCallCodec.of(TypeAllowList.withPackages(packages), loader),
                    breakGlass,
                    new Notifications(notifier, dir, theStore),
                    new Targets(resolvers, loader),
                    defaultTtl,
                    claimLease,
                    new DiffCaptures(diffCaptures),
                    approvalSigning,
                    reviewerGroupsFromPrincipal);
            return new MaaEngine(ctx, enforcement, decisionLog);
        }
    }
}

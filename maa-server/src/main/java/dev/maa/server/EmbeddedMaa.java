package dev.maa.server;

import dev.maa.api.DiffCapture;
import dev.maa.api.Directory;
import dev.maa.api.MaaConfigurationException;
import dev.maa.api.Notifier;
import dev.maa.core.BackgroundJobs;
import dev.maa.core.EnforcementDefaults;
import dev.maa.core.MaaEngine;
import dev.maa.core.config.ConfigSection;
import dev.maa.core.config.MaaHome;
import dev.maa.core.decisionlog.DecisionLogSettings;
import dev.maa.core.decisionlog.DecisionLogger;
import dev.maa.core.directory.StaticDirectory;
import dev.maa.core.directory.UsersFileDirectory;
import dev.maa.core.signing.ApprovalSigning;
import dev.maa.directory.ldap.LdapDirectory;
import dev.maa.directory.ldap.LdapSettings;
import dev.maa.policies.EmbeddedRegoPolicyEngine;
import dev.maa.policies.PolicyService;
import dev.maa.store.jdbc.JdbcApproverKeyStore;
import dev.maa.store.jdbc.JdbcPolicyRevisionStore;
import dev.maa.store.jdbc.JdbcRequestStore;
import dev.maa.store.jdbc.JdbcScimStore;
import dev.maa.store.jdbc.JdbcStoreSettings;
import dev.maa.store.jdbc.JdbcStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded MAA stack of one home, opened and closed as a unit: the JDBC store (the H2 file under the home by
 * default), the users file as the directory (re-read as it is edited) or an LDAP directory, the Rego policies ({@code <home>/policies}
 * or the demo set, then the approved revision in the store), the {@link MaaEngine} with break-glass from those
 * policies, policy changes under approval ({@link PolicyService}, revisions in the store) and the engine's
 * recovery jobs ({@link MaaEngine#startRecoveryJobs}: claims left by a crash, the expiry sweep). {@code maa serve} ({@link ServerSetup}), the CLI's local mode and {@code maa demo} all open it.
 *
 * <p>Why one composition root: each of them used to wire this stack itself, and they drifted apart (two users
 * parsers, two lists of demo users, the sample's packages allowed in the production server, and a server that ran
 * its own expiry thread instead of the engine's jobs, so a claim left by a crash was never recovered). Demo-only
 * settings apply only when {@link Settings.Builder#demo(boolean)} says so.
 */
public final class EmbeddedMaa implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMaa.class);

    /** The sample's package: parked arguments of its types are accepted by the demo only. */
    public static final String DEMO_PACKAGE = "dev.maa.samples";

    private final Path home;
    private final JdbcRequestStore store;
    private final Directory directory;
    private final boolean createdUsersFile;
    private final EmbeddedRegoPolicyEngine policyEngine;
    private final MaaEngine engine;
    private final PolicyService policies;
    private final BackgroundJobs jobs;
    private final DecisionLogger decisionLog;

    private EmbeddedMaa(
            Path home,
            JdbcRequestStore store,
            Directory directory,
            boolean createdUsersFile,
            EmbeddedRegoPolicyEngine policyEngine,
            MaaEngine engine,
            PolicyService policies,
            BackgroundJobs jobs,
            DecisionLogger decisionLog) {
        this.home = home;
        this.store = store;
        this.directory = directory;
        this.createdUsersFile = createdUsersFile;
        this.policyEngine = policyEngine;
        this.engine = engine;
        this.policies = policies;
        this.jobs = jobs;
        this.decisionLog = decisionLog;
    }

    /** Settings for the stack of {@code home}, every other choice at its default. */
    public static Settings.Builder settings(Path home) {
        return new Settings.Builder(home);
    }

    /**
     * Opens the stack: the store first (it creates the home private to its owner and refuses one others can read),
     * then users, policies, engine and policy service, then starts the background jobs. Anything opened is closed
     * again if a later step fails.
     */
    public static EmbeddedMaa open(Settings s) {
        JdbcRequestStore store = JdbcStores.open(s.store());
        EmbeddedRegoPolicyEngine rego = null;
        Directory directory = null;
        DecisionLogger decisionLog = DecisionLogger.off();
        try {
            boolean created = s.demoUsersIfMissing() && MaaHome.createDemoUsersIfMissing(s.usersFile());
            directory = s.ldap() != null
                    ? LdapDirectory.open(s.ldap())
                    : s.scimDirectory() ? JdbcScimStore.of(store).directory() : directory(s.usersFile());
            rego = policyEngine(s);
            decisionLog = DecisionLogSettings.open(s.decisionLogs(), s.home());
            MaaEngine.Builder builder = MaaEngine.builder()
                    .policyEngine(rego)
                    .store(store)
                    .directory(directory)
                    .notifier(s.notifier())
                    .breakGlass(rego.policySet().accessPolicies().engineBreakGlass())
                    .nodeId(s.nodeName() + " " + ProcessHandle.current().pid() + " ("
                            + UUID.randomUUID().toString().substring(0, 8) + ")")
                    .claimLease(s.claimLease())
                    .reviewerGroupsFromPrincipal(s.trustTokenGroups())
                    .allowPackages("dev.maa.policies")
                    .enforcementDefaults(s.enforcement())
                    .decisionLog(decisionLog);
            if (s.demo()) {
                builder.allowPackages(DEMO_PACKAGE);
            }
            s.diffCaptures().forEach(builder::diffCapture);
            if (s.approvals().enabled()) {
                builder.approvalSigning(new ApprovalSigning(
                        s.approvals().anchors(),
                        JdbcApproverKeyStore.of(store),
                        s.approvals().rpId(),
                        s.approvals().origins(),
                        s.approvals().enrollmentApprovals()));
            }
            MaaEngine engine = builder.build();
            // the revision store shares the database: an approved policy change is what is active here
            // a pushed change carries its impact over the home's decision log of the last 7 days (docs/rollout.md)
            PolicyService policies = new PolicyService(
                    engine,
                    rego,
                    JdbcPolicyRevisionStore.of(store),
                    s.decisionLogFile(),
                    PolicyService.DEFAULT_IMPACT_WINDOW);
            // recovery and expiry only: the stack runs the calls completed on it at once, and claiming a host's
            // waiting calls would hand each back with two audit entries every interval
            BackgroundJobs jobs = s.jobInterval() == null ? () -> {} : engine.startRecoveryJobs(s.jobInterval());
            if (s.jobInterval() != null) {
                // a change whose impact a stop cut short (still "computing") gets it now, and one a node that died was
                // computing gets it once that node's lease runs out (docs/rollout.md)
                policies.resumeImpactsEvery(PolicyService.IMPACT_RESUME_INTERVAL);
            }
            return new EmbeddedMaa(s.home(), store, directory, created, rego, engine, policies, jobs, decisionLog);
        } catch (RuntimeException e) {
            decisionLog.close();
            if (rego != null) {
                rego.close();
            }
            if (directory instanceof LdapDirectory ldap) {
                ldap.close();
            }
            store.close();
            throw e;
        }
    }

    private static Directory directory(Path usersFile) {
        if (Files.exists(usersFile)) {
            return DevUsersFile.watchDirectory(usersFile);
        }
        LOG.warn("No users file {}: the directory is empty, so nobody can approve. Set auth.users_file.", usersFile);
        return StaticDirectory.empty();
    }

    /** The configured policy directory, else {@code <home>/policies} when it exists, else the demo policies. */
    private static EmbeddedRegoPolicyEngine policyEngine(Settings s) {
        Path dir = s.policiesDir() != null ? s.policiesDir() : s.home().resolve("policies");
        return s.policiesDir() != null || Files.isDirectory(dir)
                ? EmbeddedRegoPolicyEngine.builder().directory(dir).build()
                : EmbeddedRegoPolicyEngine.demo();
    }

    public Path home() {
        return home;
    }

    public JdbcRequestStore store() {
        return store;
    }

    /**
     * The directory reviews are checked against: the users file's, followed as it is edited (empty if there is no
     * users file), the LDAP directory when {@link Settings.Builder#ldap} names one, or the SCIM-provisioned one
     * ({@link Settings.Builder#scimDirectory}).
     */
    public Directory directory() {
        return directory;
    }

    /** The users and groups of the users file as they are now. @throws MaaConfigurationException with LDAP */
    public StaticDirectory users() {
        if (directory instanceof UsersFileDirectory watched) {
            return watched.current();
        }
        if (directory instanceof StaticDirectory fixed) {
            return fixed;
        }
        throw new MaaConfigurationException("The directory of " + home + " is LDAP, not a users file: its users are"
                + " listed by the LDAP server");
    }

    /** Whether opening wrote the users file with the demo users ({@link MaaHome#demoUsers}). */
    public boolean createdUsersFile() {
        return createdUsersFile;
    }

    public EmbeddedRegoPolicyEngine policyEngine() {
        return policyEngine;
    }

    public MaaEngine engine() {
        return engine;
    }

    /** Policy changes under approval, revisions kept in the store's database. */
    public PolicyService policies() {
        return policies;
    }

    /**
     * Stops computing policy-change impacts (a replay in progress ends at its next chunk), the background jobs (waiting
     * a bounded time for a run in progress), then the decision log (flushing what it buffered), the policies and the
     * store.
     */
    @Override
    public void close() {
        List<RuntimeException> failures = new ArrayList<>();
        Runnable directoryClose = directory instanceof LdapDirectory ldap ? ldap::close : () -> {};
        for (Runnable step : List.<Runnable>of(
                policies::close, jobs::close, decisionLog::close, policyEngine::close, directoryClose, store::close)) {
            try {
                step.run();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            RuntimeException first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
    }

    /**
     * What {@link #open} builds: the home and, each with a default, the store, users file, policies, node name,
     * background jobs and demo-only settings.
     */
    public record Settings(
            Path home,
            JdbcStoreSettings store,
            Path usersFile,
            boolean demoUsersIfMissing,
            Path policiesDir,
            Notifier notifier,
            String nodeName,
            Duration jobInterval,
            Duration claimLease,
            boolean demo,
            List<DiffCapture> diffCaptures,
            LdapSettings ldap,
            boolean scimDirectory,
            boolean trustTokenGroups,
            ApprovalsSettings approvals,
            EnforcementDefaults enforcement,
            ConfigSection decisionLogs) {

        /**
         * The decision log policy changes measure their impact on and {@code maa policy what-if} replays by default:
         * the file sink's path when {@code decision_logs.file} is on, else {@code <home>/decisions.jsonl}.
         */
        public Path decisionLogFile() {
            return decisionLogs.section("file").path("path", home).orElse(home.resolve(PolicyService.DECISION_LOG));
        }

        /** The background jobs' default interval: claim recovery and the expiry sweep every 5 seconds. */
        public static final Duration DEFAULT_JOB_INTERVAL = Duration.ofSeconds(5);

        /** How long a claim may run before recovery marks it FAILED "outcome unknown": 5 minutes. */
        public static final Duration DEFAULT_CLAIM_LEASE = Duration.ofMinutes(5);

        public Settings {
            Objects.requireNonNull(home, "home");
            Objects.requireNonNull(store, "store");
            Objects.requireNonNull(usersFile, "usersFile");
            Objects.requireNonNull(notifier, "notifier");
            Objects.requireNonNull(claimLease, "claimLease");
            Objects.requireNonNull(enforcement, "enforcement");
            Objects.requireNonNull(decisionLogs, "decisionLogs");
            diffCaptures = List.copyOf(diffCaptures);
        }

        /** Builds {@link Settings}; see each setter for its default. */
        public static final class Builder {
            private final Path home;
            private JdbcStoreSettings store;
            private Path usersFile;
            private boolean demoUsersIfMissing = true;
            private Path policiesDir;
            private Notifier notifier = n -> {};
            private String nodeName = "maa";
            private Duration jobInterval = DEFAULT_JOB_INTERVAL;
            private Duration claimLease = DEFAULT_CLAIM_LEASE;
            private boolean demo;
            private final List<DiffCapture> diffCaptures = new ArrayList<>();
            private LdapSettings ldap;
            private boolean scimDirectory;
            private boolean trustTokenGroups;
            private ApprovalsSettings approvals = ApprovalsSettings.NONE;
            private EnforcementDefaults enforcement = EnforcementDefaults.enforce();
            private ConfigSection decisionLogs =
                    ConfigSection.root(null, "defaults").section("decision_logs");

            private Builder(Path home) {
                this.home = Objects.requireNonNull(home, "home");
            }

            /** The store; default: the H2 file {@code <home>/maa}, private to this process unless shared. */
            public Builder store(JdbcStoreSettings value) {
                store = Objects.requireNonNull(value, "store");
                return this;
            }

            /** The users file (the directory); default {@code <home>/users.yaml}. */
            public Builder usersFile(Path value) {
                usersFile = Objects.requireNonNull(value, "usersFile");
                return this;
            }

            /** Whether a missing users file is created with the demo users ({@link MaaHome#demoUsers}) (default: yes, a dev home). */
            public Builder demoUsersIfMissing(boolean value) {
                demoUsersIfMissing = value;
                return this;
            }

            /** The policy directory; default {@code <home>/policies} when it exists, else the demo policies. */
            public Builder policiesDir(Path value) {
                policiesDir = value;
                return this;
            }

            /** Receives the engine's notifications; the caller closes it after the stack. Default: none. */
            public Builder notifier(Notifier value) {
                notifier = Objects.requireNonNull(value, "notifier");
                return this;
            }

            /** This process's name in claims and job leases (its pid and a random part are added). */
            public Builder nodeName(String value) {
                if (value == null || value.isBlank() || value.length() > 100) {
                    throw new IllegalArgumentException("nodeName must be 1..100 characters, was '" + value + "'");
                }
                nodeName = value;
                return this;
            }

            /**
             * How often the engine's recovery jobs run (recovery of expired claims, the expiry sweep under its
             * cluster lease); null runs none, for a command that lives a second. Default 5 s.
             */
            public Builder jobInterval(Duration value) {
                jobInterval = value;
                return this;
            }

            /** How long a claim may run before recovery marks it FAILED "outcome unknown"; default 5 minutes. */
            public Builder claimLease(Duration value) {
                claimLease = Objects.requireNonNull(value, "claimLease");
                return this;
            }

            /** The demo: parked arguments of the sample's types ({@value EmbeddedMaa#DEMO_PACKAGE}) are accepted. Default off. */
            public Builder demo(boolean value) {
                demo = value;
                return this;
            }

            /** Captures the before/after of calls the engine parks (the demo's app catalog). */
            public Builder diffCapture(DiffCapture value) {
                diffCaptures.add(Objects.requireNonNull(value, "diffCapture"));
                return this;
            }

            /** The directory from LDAP / Active Directory instead of the users file; default: the users file. */
            public Builder ldap(LdapSettings value) {
                ldap = value;
                return this;
            }

            /**
             * Whether the directory is the SCIM-provisioned users and groups in the store's database
             * ({@link JdbcScimStore#directory()}) instead of the users file; default no.
             */
            public Builder scimDirectory(boolean value) {
                scimDirectory = value;
                return this;
            }

            /**
             * Whether the groups of a verified token's claims count for reviews beside the directory's
             * ({@code auth.trust_token_groups}; {@link MaaEngine.Builder#reviewerGroupsFromPrincipal}); default no.
             */
            public Builder trustTokenGroups(boolean value) {
                trustTokenGroups = value;
                return this;
            }

            /**
             * Passkey-signed approvals: the engine verifies signed reviews against these anchors, with the key
             * records in the store's database ({@code approvals:}); default none.
             */
            public Builder approvals(ApprovalsSettings value) {
                approvals = Objects.requireNonNull(value, "approvals");
                return this;
            }

            /** The operator's enforcement defaults ({@code enforcement:}); default: every policy enforced. */
            public Builder enforcement(EnforcementDefaults value) {
                enforcement = Objects.requireNonNull(value, "enforcement");
                return this;
            }

            /**
             * The {@code decision_logs:} section, opened with the stack ({@link DecisionLogSettings#open}, files
             * under the home) and closed with it; its file sink is what policy changes measure their impact on.
             * Default: an empty section, no log.
             */
            public Builder decisionLogs(ConfigSection value) {
                decisionLogs = Objects.requireNonNull(value, "decisionLogs");
                return this;
            }

            public Settings build() {
                return new Settings(
                        home,
                        store != null
                                ? store
                                : JdbcStores.h2FileSettings(home.resolve("maa")).build(),
                        usersFile != null ? usersFile : home.resolve("users.yaml"),
                        demoUsersIfMissing,
                        policiesDir,
                        notifier,
                        nodeName,
                        jobInterval,
                        claimLease,
                        demo,
                        diffCaptures,
                        ldap,
                        scimDirectory,
                        trustTokenGroups,
                        approvals,
                        enforcement,
                        decisionLogs);
            }
        }
    }
}

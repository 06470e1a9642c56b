package dev.maa.cli;

import dev.maa.api.DiffCapture;
import dev.maa.api.Identities;
import dev.maa.api.InvalidIdentityException;
import dev.maa.api.Principal;
import dev.maa.core.MaaEngine;
import dev.maa.core.config.MaaHome;
import dev.maa.core.directory.StaticDirectory;
import dev.maa.policies.EmbeddedRegoPolicyEngine;
import dev.maa.policies.JdbcPolicyRevisionStore;
import dev.maa.policies.PolicyService;
import dev.maa.store.jdbc.JdbcRequestStore;
import dev.maa.store.jdbc.JdbcStores;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;

/**
 * The local dev mode: requests in the H2 file under the MAA home ({@code ~/.maa} or {@code $MAA_HOME}),
 * identities from its {@code users.yaml}, and whoever {@code --as} names. Nothing here authenticates; every
 * command that acts says so on stderr.
 */
public final class DevEnvironment implements AutoCloseable {

    private final Path home;
    private final StaticDirectory directory;
    private final JdbcRequestStore store;
    private final MaaEngine engine;
    private final PolicyService policies;
    private final EmbeddedRegoPolicyEngine rego;

    private DevEnvironment(Path home, StaticDirectory directory, JdbcRequestStore store, MaaEngine engine,
                           PolicyService policies, EmbeddedRegoPolicyEngine rego) {
        this.rego = rego;
        this.home = home;
        this.directory = directory;
        this.store = store;
        this.engine = engine;
        this.policies = policies;
    }

    /**
     * Opens (creating on first use) the dev environment under {@code home}; {@code diffCaptures} give the engine the
     * before/after of calls it parks (the demo's app catalog).
     */
    public static DevEnvironment open(Path home, PrintWriter err, DiffCapture... diffCaptures) {
        // the store first: it creates the home private to its owner (0700) and refuses one that others can read;
        // it is shared with a running `maa serve` or host that opened it shared (JdbcStores.h2File)
        JdbcRequestStore store = JdbcStores.h2File(home.resolve("maa"));
        try {
            Path users = home.resolve(MaaHome.USERS_FILE);
            if (MaaHome.createDemoUsersIfMissing(users)) {
                err.println("maa: created " + users + " with the demo users (alice, bob, carol, dave, erin, emergency-admin-1); edit it to change who is in which group.");
                err.flush();
            }
            StaticDirectory directory = StaticDirectory.fromYaml(users);
            EmbeddedRegoPolicyEngine rego = policyEngine(home);
            MaaEngine.Builder builder = MaaEngine.builder();
            for (DiffCapture capture : diffCaptures) {
                builder.diffCapture(capture);
            }
            MaaEngine engine = builder
                    .policyEngine(rego)
                    .store(store)
                    .directory(directory)
                    .breakGlass(rego.policySet().accessPolicies().engineBreakGlass())
                    .nodeId("maa-cli")
                    .allowPackages("dev.maa.samples", "dev.maa.policies")
                    .build();
            // the revision store shares the database; an approved `maa policy push` is what is active here
            PolicyService policies = new PolicyService(engine, rego, JdbcPolicyRevisionStore.create(store.dataSource()));
            return new DevEnvironment(home, directory, store, engine, policies, rego);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /**
     * The dev policy, evaluated by the embedded Rego engine: the policy directory {@code <home>/policies} when
     * it exists (edits are picked up on the next command), otherwise the demo access policies.
     */
    static EmbeddedRegoPolicyEngine policyEngine(Path home) {
        Path dir = home.resolve("policies");
        return Files.isDirectory(dir)
                ? EmbeddedRegoPolicyEngine.builder().directory(dir).build()
                : EmbeddedRegoPolicyEngine.demo();
    }

    /**
     * The principal {@code --as} names (compared canonically, so {@code --as Alice} is alice), with its groups from
     * users.yaml; an id without canonical form is a usage error.
     */
    public Principal principal(String id) {
        if (id == null || id.isBlank()) {
            throw new CliException(ExitCodes.USAGE, "Say who you are with --as USER (dev mode does not authenticate). Known users: "
                    + new TreeSet<>(directory.userIds()));
        }
        try {
            Identities.canonical(id);
        } catch (InvalidIdentityException e) {
            throw new CliException(ExitCodes.USAGE, "--as " + e.shownId() + " is not accepted: " + e.problem()
                    + ". Known users: " + new TreeSet<>(directory.userIds()));
        }
        return directory.find(id).orElseThrow(() -> new CliException(ExitCodes.NOT_ALLOWED,
                "Unknown user '" + id + "' in " + home.resolve("users.yaml") + ". Known users: "
                        + new TreeSet<>(directory.userIds()) + ". Add the user there to act as them."));
    }

    public MaaEngine engine() {
        return engine;
    }

    /** The embedded Rego engine deciding for this environment. */
    public EmbeddedRegoPolicyEngine policyEngine() {
        return rego;
    }

    /** Policy changes under approval, revisions kept in the same database. */
    public PolicyService policies() {
        return policies;
    }

    public StaticDirectory directory() {
        return directory;
    }

    public JdbcRequestStore store() {
        return store;
    }

    public Path home() {
        return home;
    }

    @Override
    public void close() {
        store.close();
    }
}

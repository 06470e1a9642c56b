package dev.maa.cli;

import dev.maa.api.DiffCapture;
import dev.maa.api.Directory;
import dev.maa.api.Identities;
import dev.maa.api.InvalidIdentityException;
import dev.maa.api.Principal;
import dev.maa.core.MaaEngine;
import dev.maa.core.config.MaaHome;
import dev.maa.core.directory.UsersYaml;
import dev.maa.policies.EmbeddedRegoPolicyEngine;
import dev.maa.policies.PolicyService;
import dev.maa.server.EmbeddedMaa;
import dev.maa.server.ServerSettings;
import dev.maa.store.jdbc.JdbcRequestStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The local dev mode: the {@link EmbeddedMaa} stack of the MAA home ({@code ~/.maa} or {@code $MAA_HOME}): requests
 * in its H2 file, identities from its {@code users.yaml}, the same policies {@code maa serve} on that home uses, and
 * whoever {@code --as} names. Nothing here authenticates; every command that acts says so on stderr. A command
 * lives a second, so it runs no background jobs: the server or host on the home does.
 */
public final class DevEnvironment implements AutoCloseable {

    private final EmbeddedMaa maa;

    private DevEnvironment(EmbeddedMaa maa) {
        this.maa = maa;
    }

    /** Opens (creating on first use) the dev environment under {@code home}, with its embedded defaults. */
    public static DevEnvironment open(Path home, PrintWriter err) {
        return open(home, null, err);
    }

    /**
     * Opens the dev environment of {@code home} as {@code maa serve --config config} opens it ({@code null}: the
     * embedded defaults): its store, users file, directory, policies, {@code enforcement:} and
     * {@code decision_logs:}, read by the one reader ({@link ServerSettings}), so a local push measures its impact on
     * the configured decision log.
     */
    public static DevEnvironment open(Path home, Path config, PrintWriter err) {
        return open(
                ServerSettings.of(config, home).embedded().nodeName("maa-cli").jobInterval(null), err);
    }

    /**
     * Opens the demo's environment under {@code home}: the sample's argument types are accepted, {@code diffCaptures}
     * give the engine the before/after of calls it parks (the demo's app catalog), and the background jobs run (the
     * demo leaves a console running). With {@code config} ({@code null}: none), its {@code enforcement:} and
     * {@code decision_logs:} apply (relative paths under {@code home}); the demo keeps its own store, users and
     * policies.
     */
    public static DevEnvironment openDemo(Path home, Path config, PrintWriter err, DiffCapture... diffCaptures) {
        ServerSettings s = ServerSettings.of(config, home);
        EmbeddedMaa.Settings.Builder settings = EmbeddedMaa.settings(home)
                .nodeName("maa-demo")
                .demo(true)
                .enforcement(s.enforcement())
                .decisionLogs(s.decisionLogs());
        for (DiffCapture capture : diffCaptures) {
            settings.diffCapture(capture);
        }
        return open(settings, err);
    }

    private static DevEnvironment open(EmbeddedMaa.Settings.Builder settings, PrintWriter err) {
        EmbeddedMaa maa = EmbeddedMaa.open(settings.build());
        if (maa.createdUsersFile()) {
            err.println("maa: created " + maa.home().resolve(MaaHome.USERS_FILE) + " with the demo users ("
                    + demoUserIds() + "); edit it to change who is in which group.");
            err.flush();
        }
        return new DevEnvironment(maa);
    }

    /**
     * The principal {@code --as} names (compared canonically, so {@code --as Alice} is alice), with its groups from
     * users.yaml; an id without canonical form is a usage error.
     */
    public Principal principal(String id) {
        if (id == null || id.isBlank()) {
            throw new CliException(
                    ExitCodes.USAGE,
                    "Say who you are with --as USER (dev mode does not authenticate). Known users: "
                            + new TreeSet<>(maa.users().userIds()));
        }
        try {
            Identities.canonical(id);
        } catch (InvalidIdentityException e) {
            throw new CliException(
                    ExitCodes.USAGE,
                    "--as " + e.shownId() + " is not accepted: " + e.problem() + ". Known users: "
                            + new TreeSet<>(maa.users().userIds()));
        }
        return maa.users()
                .find(id)
                .orElseThrow(() -> new CliException(
                        ExitCodes.NOT_ALLOWED,
                        "Unknown user '" + id + "' in " + maa.home().resolve("users.yaml") + ". Known users: "
                                + new TreeSet<>(maa.users().userIds()) + ". Add the user there to act as them."));
    }

    public MaaEngine engine() {
        return maa.engine();
    }

    /** The embedded Rego engine deciding for this environment. */
    public EmbeddedRegoPolicyEngine policyEngine() {
        return maa.policyEngine();
    }

    /** Policy changes under approval, revisions kept in the same database. */
    public PolicyService policies() {
        return maa.policies();
    }

    /** The users file's directory, followed as it is edited. */
    public Directory directory() {
        return maa.directory();
    }

    public JdbcRequestStore store() {
        return maa.store();
    }

    public Path home() {
        return maa.home();
    }

    @Override
    public void close() {
        maa.close();
    }

    /** The ids of the demo users, as the one demo-users resource lists them. */
    private static String demoUserIds() {
        return UsersYaml.parse(MaaHome.demoUsers(), MaaHome.DEMO_USERS_RESOURCE).stream()
                .map(UsersYaml.Entry::id)
                .collect(Collectors.joining(", "));
    }
}

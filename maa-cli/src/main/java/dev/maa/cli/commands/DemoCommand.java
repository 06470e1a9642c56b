package dev.maa.cli.commands;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.ApprovalRequiredException;
import dev.maa.api.AuditEntry;
import dev.maa.api.AuditVerification;
import dev.maa.api.Maa;
import dev.maa.api.MaaException;
import dev.maa.api.Platform;
import dev.maa.api.Principal;
import dev.maa.cli.AgentAttach;
import dev.maa.cli.DevEnvironment;
import dev.maa.cli.ExitCodes;
import dev.maa.cli.NextSteps;
import dev.maa.cli.RequestViews;
import dev.maa.core.ApprovalService;
import dev.maa.core.MaaEngine;
import dev.maa.samples.deviceadmin.App;
import dev.maa.samples.deviceadmin.AppCatalog;
import dev.maa.samples.deviceadmin.AppManagement;
import dev.maa.samples.deviceadmin.SideEffects;
import dev.maa.server.AuthConfig;
import dev.maa.server.DevUsersFile;
import dev.maa.server.MaaServer;
import dev.maa.server.ServerConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code maa demo}: the whole lifecycle on the sample device-admin service, narrated. It runs on its own H2
 * file: in a temporary directory that is removed when the demo ends (also on failure and Ctrl-C), or under
 * {@code --home DIR}, kept afterwards so the requests can be explored with {@code maa requests list --home DIR}.
 */
@Command(
        name = "demo",
        description =
                "Walk through request → refused self-approval → approval → completion → audit, then leave the console running.")
public final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--home",
            paramLabel = "DIR",
            description =
                    "Where to keep the demo's store (default: a temporary directory, removed when the demo ends).")
    Path home;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "A maa.yaml whose enforcement: and decision_logs: the demo uses (audit mode, a decision log);"
                    + " the demo keeps its own store, users and policies.")
    Path config;

    @Option(
            names = "--no-serve",
            description = "Exit after the walk-through instead of leaving the web console running.")
    boolean noServe;

    @Option(
            names = "--port",
            paramLabel = "N",
            defaultValue = "8080",
            description =
                    "Port of the console left running after the walk-through (default ${DEFAULT-VALUE}; 0 = any free).")
    int port;

    private final CountDownLatch stop = new CountDownLatch(1);
    private PrintWriter out;
    private int step;

    @Override
    public Integer call() throws IOException {
        out = spec.commandLine().getOut();
        boolean temporary = home == null;
        Path dir = temporary ? Files.createTempDirectory("maa-demo-") : home;
        // Ctrl-C: the hook releases serve(), waits for the store to close, then removes a temporary directory
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(
                () -> {
                    stop.countDown();
                    try {
                        finished.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    if (temporary) {
                        deleteTree(dir);
                    }
                },
                "maa-demo-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        // attach before the sample's classes load: HotSpot drops parameter names from retransformed classes
        java.util.Optional<String> agentProblem = AgentAttach.ensureAttached();
        SideEffects effects = new SideEffects();
        AppCatalog catalog = new AppCatalog(effects);
        // the engine captures each parked call's diff from the catalog, so a completed request keeps what changed
        try (DevEnvironment env =
                DevEnvironment.openDemo(dir, config, spec.commandLine().getErr(), new AppDiffProvider(catalog))) {
            try {
                return run(env, dir, temporary, effects, catalog, agentProblem);
            } finally {
                env.engine().uninstallGlobal(); // the sample's classes must not keep calling a closed store
            }
        } finally {
            if (temporary) {
                deleteTree(dir);
            }
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting: the hook is running and has just been released
            }
        }
    }

    /** Removes the demo's temporary directory and everything in it; what cannot be removed is left. */
    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort: a file still held open by a dying JVM is left behind
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // the directory vanished meanwhile, or cannot be listed: nothing more to do
        }
    }

    private int run(
            DevEnvironment env,
            Path dir,
            boolean temporary,
            SideEffects effects,
            AppCatalog catalog,
            java.util.Optional<String> agentProblem) {
        MaaEngine engine = env.engine();
        ApprovalService approvals = engine.approvals();
        AppManagement apps = guard(engine, catalog, agentProblem);
        Principal alice = env.principal("alice");
        Principal bob = env.principal("bob");
        Principal erin = env.principal("erin");

        say("MAA demo — the two-person rule on a device-admin service (store: " + dir + ")");
        say(guardedBy);
        say(
                "Policy (Rego, access-policies.yaml): deleting an app needs 1 approval from 'App Approvers'; App Admins create apps directly.");
        say(
                "Cast: alice [App Admins] requests, bob [App Approvers] approves, erin [Device Managers] is not an approver.");

        step("alice creates app-42 (the policy allows it, so it runs at once)");
        try (var who = Maa.actingAs(alice)) {
            apps.createApp(new App("app-42", "Contoso VPN", "1.0", Platform.WINDOWS));
        }
        say("effects so far: " + effects.all());

        step("alice deletes app-42 with a justification");
        String id;
        try (var who = Maa.actingAs(alice);
                var why = Maa.justify("CHG-1234 remove retired VPN client")) {
            apps.deleteApp("app-42");
            say("unexpected: the delete ran without approval");
            return ExitCodes.FAILED;
        } catch (ApprovalRequiredException e) {
            id = e.requestId();
            say("parked: " + e.getMessage());
            NextSteps.of(e).ifPresent(next -> say("next: " + next));
        }
        say("app-42 still exists: " + apps.findApp("app-42").isPresent());

        step("the request, as an approver sees it");
        RequestViews.show(
                out,
                dev.maa.cli.Json.mapper()
                        .valueToTree(dev.maa.core.view.RequestJson.detail(
                                approvals.get(id), approvals.auditLog().forRequest(id), null, java.util.List.of())));

        step("alice tries to approve her own request");
        refused(() -> approvals.approve(id, alice, "looks fine to me"));

        step("erin, who is not in 'App Approvers', tries to approve");
        refused(() -> approvals.approve(id, erin, "sure"));

        step("bob approves with notes");
        ApprovalRequest approved = approvals.approve(id, bob, "Checked with the app owner; no devices still use it.");
        say("status: " + approved.status() + ", approvals " + approved.reviews().size() + "/"
                + approved.factors().stream()
                        .mapToInt(dev.maa.api.Factor::requiredApprovals)
                        .sum());

        step("alice completes the request: the parked call runs now, exactly once");
        ApprovalRequest done = approvals.complete(id, alice);
        say("status: " + done.status() + " — " + done.outcome());
        say("app-42 exists: " + apps.findApp("app-42").isPresent() + "; 'deleted app app-42' happened "
                + effects.count("deleted app app-42") + " time(s)");

        step("alice tries to complete it a second time");
        refused(() -> approvals.complete(id, alice));
        say("'deleted app app-42' still happened " + effects.count("deleted app app-42") + " time(s)");

        step("the audit trail of the request, hash-chained");
        for (AuditEntry e : approvals.auditLog().forRequest(id)) {
            say(String.format(
                    "#%d %s %-18s by %-6s %s",
                    e.seq(),
                    RequestViews.time(e.event().at()),
                    e.event().type(),
                    e.event().actor(),
                    e.hash().substring(0, 12) + "…"));
        }
        AuditVerification v = approvals.auditLog().verify();
        say(
                v.intact()
                        ? "audit chain verified: " + v.entriesChecked() + " entries intact"
                        : "AUDIT CHAIN BROKEN: " + v.problems());

        boolean ok =
                done.status() == dev.maa.api.Status.COMPLETED && effects.count("deleted app app-42") == 1 && v.intact();
        out.println();
        String maa = dev.maa.server.cli.CommandName.self();
        if (temporary) {
            out.println("The demo's store is removed when the demo ends; to keep it, run: " + maa + " demo --home DIR");
        } else {
            out.println("Explore the demo's requests:  " + maa + " requests list --home " + dir);
            out.println("                              " + maa + " requests show " + id + " --home " + dir);
        }
        out.flush();
        if (!ok || noServe) {
            return ok ? ExitCodes.OK : ExitCodes.FAILED;
        }
        return serve(env, dir, catalog, alice);
    }

    private String guardedBy = "";

    /** The sample as a host runs it: the agent guards the class itself; the JDK proxy only if attaching failed. */
    private AppManagement guard(MaaEngine engine, AppCatalog catalog, java.util.Optional<String> problem) {
        engine.installGlobal();
        engine.registerTarget(catalog);
        if (problem.isEmpty()) {
            guardedBy = Boolean.getBoolean("maa.agent.attached")
                    ? "Guarded by the maa-agent on this JVM's command line (-javaagent, woven as classes load): no proxies, only annotations."
                    : "Guarded by the maa-agent attached to this JVM at run time (Byte Buddy): no proxies, only annotations.";
            return catalog;
        }
        guardedBy = "Guarded by a JDK proxy (MaaEngine.protect), because " + problem.get() + ".";
        return engine.protect(AppManagement.class, catalog);
    }

    /** Leaves the REST API and console running on the demo's store, with a fresh request waiting for approval. */
    private int serve(DevEnvironment env, Path dir, AppCatalog catalog, Principal alice) {
        Path users = dir.resolve("users.yaml");
        String aliceToken = DevUsersFile.createToken(users, "alice");
        String bobToken = DevUsersFile.createToken(users, "bob");
        String pending;
        try (var who = Maa.actingAs(alice);
                var why = Maa.justify("CHG-1300 ship VPN client 2.0")) {
            catalog.createApp(new App("app-43", "Contoso VPN", "1.9", Platform.WINDOWS));
            catalog.updateApp(new App("app-43", "Contoso VPN", "2.0", Platform.WINDOWS));
            pending = "(none)";
        } catch (ApprovalRequiredException e) {
            pending = e.requestId();
        }
        ServerConfig config = ServerConfig.builder()
                .engine(env.engine())
                .store(env.store())
                .directory(env.directory())
                .policyEngine(env.policyEngine())
                .policySet(() -> env.policyEngine().policySet())
                .policyService(env.policies())
                .auth(AuthConfig.devTokens(users))
                .port(port)
                .build();
        try (MaaServer server = MaaServer.start(config)) {
            step("the web console and REST API, on the same store");
            say("Console   " + server.uri().resolve("/console/"));
            say("Sign in as bob (an approver) with   " + bobToken);
            say("        or alice (the requester)   " + aliceToken);
            say("Waiting for bob: request " + pending + " (alice updates app-43 to 2.0). Approve it in the console,");
            say("then sign in as alice and complete it: it runs once, in this JVM. Ctrl-C stops the demo.");
            out.flush();
            stop.await();
            return ExitCodes.OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.OK;
        }
    }

    private void refused(Runnable action) {
        try {
            action.run();
            say("unexpected: it was allowed");
        } catch (MaaException e) {
            say("refused: " + e.getMessage());
        }
    }

    private void step(String title) {
        out.println();
        out.println("── " + (++step) + ". " + title);
        out.flush();
    }

    private void say(String line) {
        out.println("   " + line);
        out.flush();
    }
}

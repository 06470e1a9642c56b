package dev.maa.samples.deviceadmin;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.ApprovalRequiredException;
import dev.maa.api.Maa;
import dev.maa.api.MaaException;
import dev.maa.api.Platform;
import dev.maa.api.Principal;
import dev.maa.api.RequestStore;
import dev.maa.core.MaaEngine;
import dev.maa.core.cache.CachingPolicyEngine;
import dev.maa.core.cache.DecisionCacheSettings;
import dev.maa.core.directory.StaticDirectory;
import dev.maa.core.store.InMemoryRequestStore;
import dev.maa.policies.EmbeddedRegoPolicyEngine;
import dev.maa.store.jdbc.JdbcStores;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the device-admin service with MAA, meant to be started with the agent:
 *
 * <pre>
 * java -javaagent:maa-agent.jar=config=maa.yaml -cp ... dev.maa.samples.deviceadmin.DeviceAdminMain [--store=h2:PATH|memory] [--executor]
 * </pre>
 *
 * It builds a {@link MaaEngine} (the demo Rego policies, cached; an H2 file store or the in-memory one; a fixed
 * directory), installs it globally for the agent, registers the services as replay targets, prints
 * {@code READY agent=<true|false> executor=<true|false>} and then executes one command per line from stdin, answering
 * one line each (see {@link SampleCommands}). {@code --exit-after-start} stops right after {@code READY} (startup
 * measurements).
 *
 * <p>{@code --executor} runs the engine's background jobs every second: approved calls completed elsewhere (the
 * console or REST API of {@code maa serve}, which runs no protected code) wait COMPLETING until a host like this one
 * claims and runs them. With it, the host keeps running when stdin ends, until it is stopped; the launcher script
 * {@code samples/device-admin/run-host} starts it so (see {@code docs/deployment.md}).
 */
public final class DeviceAdminMain {

    private DeviceAdminMain() {}

    public static void main(String[] args) throws Exception {
        String store = option(args, "--store=", "memory");
        CachingPolicyEngine policies =
                CachingPolicyEngine.wrap(EmbeddedRegoPolicyEngine.demo(), DecisionCacheSettings.DEFAULTS);
        MaaEngine engine = MaaEngine.builder()
                .policyEngine(policies)
                .store(store(store))
                .directory(directory())
                .allowPackages("dev.maa.samples.deviceadmin")
                .nodeId("device-admin-" + ProcessHandle.current().pid())
                .build()
                .installGlobal();
        SideEffects effects = new SideEffects();
        boolean executor = Arrays.asList(args).contains("--executor");
        SampleCommands commands = new SampleCommands(
                engine,
                policies,
                effects,
                new AppCatalog(effects),
                new ScriptLibrary(effects),
                new DeviceFleet(effects),
                new RoleDirectory(effects));
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        boolean agent = agentPresent();
        if (!agent) {
            System.err.println(
                    "device-admin: maa-agent is not attached; @Protected methods are NOT guarded until it is");
        }
        if (executor) {
            engine.startBackgroundJobs(Duration.ofSeconds(1));
        }
        out.println("READY agent=" + agent + " executor=" + executor + " pid="
                + ProcessHandle.current().pid());
        if (Arrays.asList(args).contains("--exit-after-start")) {
            return;
        }
        boolean quit = false;
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.isBlank()) {
                continue;
            }
            if (line.trim().equals("quit")) {
                out.println("BYE");
                quit = true;
                break;
            }
            out.println(commands.execute(line.trim()));
        }
        if (executor && !quit) {
            // stdin ended (started in the background): keep serving approved calls until the process is stopped
            new CountDownLatch(1).await();
        }
    }

    /** Users and groups matching the demo access policies of maa-opa-policies. */
    static StaticDirectory directory() {
        return StaticDirectory.builder()
                .user("alice", "App Admins", "App Approvers")
                .user("bob", "App Approvers", "Device Managers")
                .user("carol", "Security Admins", "Change Advisory Board")
                .user("mallory", "Helpdesk")
                .build();
    }

    static RequestStore store(String spec) {
        if (spec.equals("memory")) {
            return new InMemoryRequestStore();
        }
        if (spec.startsWith("h2:")) {
            return JdbcStores.h2File(Path.of(spec.substring(3)));
        }
        throw new IllegalArgumentException("--store must be 'memory' or 'h2:PATH', was '" + spec + "'");
    }

    /** The agent jar is appended to the system class path by -javaagent and by attaching. */
    static boolean agentPresent() {
        try {
            Class.forName("dev.maa.agent.MaaAgent", false, ClassLoader.getSystemClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static String option(String[] args, String prefix, String fallback) {
        return Arrays.stream(args)
                .filter(a -> a.startsWith(prefix))
                .map(a -> a.substring(prefix.length()))
                .findFirst()
                .orElse(fallback);
    }

    /** Runs {@code body} as {@code user} with {@code justification} ("-" for none), answering one line. */
    static String asUser(String user, String justification, Call body) {
        try (var who = Maa.actingAs(Principal.of(user));
                var why = justification.equals("-") ? null : Maa.justify(justification.replace('_', ' '))) {
            return "OK " + body.run();
        } catch (ApprovalRequiredException e) {
            return "PARKED " + e.requestId();
        } catch (MaaException e) {
            return "REFUSED " + e.getClass().getSimpleName() + " " + oneLine(e.getMessage());
        } catch (RuntimeException e) {
            return "ERROR " + e.getClass().getName() + " " + oneLine(e.getMessage());
        }
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ');
    }

    static String describe(ApprovalRequest r) {
        return r.id() + " " + r.status() + " requester=" + r.requester().id() + " justification="
                + r.justification().replace(' ', '_');
    }

    static Platform platform(String name) {
        return Platform.parse(name);
    }

    /** A call made on behalf of a user. */
    @FunctionalInterface
    interface Call {
        Object run();
    }
}

package dev.maa.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import net.bytebuddy.agent.ByteBuddyAgent;

/**
 * Makes sure the MAA java agent guards this JVM, so {@code maa demo} runs the sample exactly as a real service:
 * no proxies, no code changes beyond the annotations. The {@code ./maa} launcher starts the demo with
 * {@code -javaagent} (and {@code -Dmaa.agent.attached=true}); otherwise (tests, {@code java -jar}) the agent is
 * attached at run time through its {@code Agent-Class} entry point. Retransformation-capable agents lose
 * parameter names on HotSpot 17, so a run-time attached demo shows {@code arg0} where {@code -javaagent} shows
 * {@code appId}.
 */
public final class AgentAttach {

    private static volatile boolean attached;

    private AgentAttach() {}

    /**
     * Attaches once per JVM.
     *
     * @return why it could not attach, or empty when the agent is active
     */
    public static synchronized Optional<String> ensureAttached() {
        if (attached || Boolean.getBoolean("maa.agent.attached")) {
            return Optional.empty(); // attached now, or started with -javaagent by the ./maa launcher
        }
        Optional<Path> jar = agentJar();
        if (jar.isEmpty()) {
            return Optional.of(
                    "the maa-agent jar is not on the class path (build it with ./mvnw -pl maa-agent package)");
        }
        try {
            ByteBuddyAgent.attach(jar.get().toFile(), ByteBuddyAgent.ProcessProvider.ForCurrentVm.INSTANCE);
            attached = true;
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of("attaching " + jar.get() + " failed: " + e.getMessage());
        }
    }

    /** The packaged agent jar, found where the class loader took the agent's entry class from. */
    static Optional<Path> agentJar() {
        try {
            Class<?> agent = Class.forName("dev.maa.agent.MaaAgent", false, AgentAttach.class.getClassLoader());
            Path location = Path.of(
                    agent.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(location) && location.toString().endsWith(".jar")
                    ? Optional.of(location)
                    : Optional.empty();
        } catch (ClassNotFoundException | URISyntaxException | SecurityException e) {
            return Optional.empty();
        }
    }
}

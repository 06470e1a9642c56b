package dev.maa.cli;

import net.bytebuddy.agent.ByteBuddyAgent;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Attaches the MAA java agent to this JVM at run time (the {@code Agent-Class} entry point), as a host would
 * with {@code -javaagent}. Used by {@code maa demo} so the sample's classes are guarded exactly as in a real
 * service: no proxies, no code changes beyond the annotations.
 */
public final class AgentAttach {

    private static volatile boolean attached;

    private AgentAttach() {
    }

    /**
     * Attaches once per JVM.
     *
     * @return why it could not attach, or empty when the agent is active
     */
    public static synchronized Optional<String> ensureAttached() {
        if (attached) {
            return Optional.empty();
        }
        Optional<Path> jar = agentJar();
        if (jar.isEmpty()) {
            return Optional.of("the maa-agent jar is not on the class path (build it with ./mvnw -pl maa-agent package)");
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
            Path location = Path.of(agent.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(location) && location.toString().endsWith(".jar")
                    ? Optional.of(location) : Optional.empty();
        } catch (ClassNotFoundException | URISyntaxException | SecurityException e) {
            return Optional.empty();
        }
    }
}

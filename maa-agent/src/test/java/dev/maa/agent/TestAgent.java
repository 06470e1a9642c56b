package dev.maa.agent;

import dev.maa.agent.internal.AgentConfig;
import dev.maa.agent.internal.AgentInstaller;
import dev.maa.agent.internal.AgentStartup;
import net.bytebuddy.agent.ByteBuddyAgent;

/**
 * Installs the agent into the test JVM as {@code agentmain} would (retransforming what is loaded), or registers it
 * as {@code premain} does. Each test class
 * runs in its own JVM (surefire {@code reuseForks=false}), so installing never leaks into another configuration.
 */
public final class TestAgent {

    private TestAgent() {}

    public static void install(String arguments) {
        AgentInstaller.install(AgentConfig.parse(arguments), ByteBuddyAgent.install(), true);
    }

    /** Registers the agent as {@code -javaagent} would (classes loaded from now on are woven at load time). */
    public static void premain(String arguments) {
        AgentStartup.premain(AgentConfig.parse(arguments), ByteBuddyAgent.install());
    }
}

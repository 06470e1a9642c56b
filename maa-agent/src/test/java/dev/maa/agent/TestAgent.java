package dev.maa.agent;

import dev.maa.agent.internal.AgentConfig;
import dev.maa.agent.internal.AgentInstaller;
import net.bytebuddy.agent.ByteBuddyAgent;

/**
 * Installs the agent into the test JVM as {@code agentmain} would (retransforming what is loaded). Each test class
 * runs in its own JVM (surefire {@code reuseForks=false}), so installing never leaks into another configuration.
 */
public final class TestAgent {

    private TestAgent() {
    }

    public static void install(String arguments) {
        AgentInstaller.install(AgentConfig.parse(arguments), ByteBuddyAgent.install(), true);
    }
}

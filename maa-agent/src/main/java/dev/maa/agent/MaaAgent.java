package dev.maa.agent;

import dev.maa.agent.internal.AgentConfig;
import dev.maa.agent.internal.AgentInstaller;
import dev.maa.agent.internal.AgentStartup;

import java.lang.instrument.Instrumentation;

/**
 * The MAA java agent: {@code java -javaagent:maa-agent.jar[=config=path/maa.yaml] -jar app.jar}, or attached to a
 * running JVM. Methods annotated {@link dev.maa.api.Protected} are routed to the one
 * {@code dev.maa.core.Gatekeeper} the host installed with {@code MaaEngine.installGlobal()}.
 *
 * <p>This class only builds and installs the Byte Buddy {@code AgentBuilder} (for {@code -javaagent} on a
 * background thread behind a cheap filter, see {@code GateTransformer}); it holds no policy logic. The
 * application keeps {@code maa-api} and {@code maa-core} on its own class path: the advice is inlined into the
 * instrumented classes and resolves them from each class's loader, so host and advice share one gatekeeper.
 */
public final class MaaAgent {

    private MaaAgent() {
    }

    /** Entry point for {@code -javaagent}. */
    public static void premain(String arguments, Instrumentation instrumentation) {
        AgentStartup.premain(AgentConfig.parse(arguments), instrumentation);
    }

    /** Entry point for attaching to a running JVM: classes already loaded are retransformed. */
    public static void agentmain(String arguments, Instrumentation instrumentation) {
        AgentInstaller.install(AgentConfig.parse(arguments), instrumentation, true);
    }
}

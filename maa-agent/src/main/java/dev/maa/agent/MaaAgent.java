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
 * <p>This class only registers the transformers; it holds no policy logic. {@code premain} registers a load-time
 * weaver built on the ASM inside Byte Buddy ({@code ProtectedWeaver}: Byte Buddy's {@code AgentBuilder} added
 * +0.5 to +1.5 s to a sample's startup); {@code agentmain} registers the same weaver for classes loaded from then
 * on and uses Byte Buddy's {@code AgentBuilder} to retransform the classes already loaded. Both run the code of the
 * same advice classes, and both fail closed: a class that cannot be woven or retransformed gets {@code @Protected}
 * methods that throw {@code MaaConfigurationException} (see the module README). The application keeps
 * {@code maa-api} and {@code maa-core} on its own class path: the advice code is placed in the instrumented
 * classes and resolves them from each class's loader, so host and advice share one gatekeeper.
 */
public final class MaaAgent {

    private MaaAgent() {}

    /** Entry point for {@code -javaagent}. */
    public static void premain(String arguments, Instrumentation instrumentation) {
        AgentStartup.premain(AgentConfig.parse(arguments), instrumentation);
    }

    /**
     * Entry point for attaching to a running JVM: classes loaded from now on are woven as with {@code -javaagent};
     * classes already loaded are retransformed, and those that cannot be get protected methods that refuse calls.
     */
    public static void agentmain(String arguments, Instrumentation instrumentation) {
        AgentInstaller.install(AgentConfig.parse(arguments), instrumentation, true);
    }
}

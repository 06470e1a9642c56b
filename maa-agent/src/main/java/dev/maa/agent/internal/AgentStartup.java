package dev.maa.agent.internal;

import java.lang.instrument.Instrumentation;

/**
 * What {@code premain} does: registers the {@link GateTransformer} with the {@link LoadTimeWeaver}. Names no Byte
 * Buddy type, so startup loads none of it (see {@link ProtectedWeaver} for the measurements behind this).
 */
public final class AgentStartup {

    private static volatile boolean started;

    private AgentStartup() {}

    public static void premain(AgentConfig config, Instrumentation instrumentation) {
        started = true;
        instrumentation.addTransformer(new GateTransformer(config, new LoadTimeWeaver(config)), false);
    }

    /** Whether {@code premain} ran in this JVM: then attaching the agent again would guard methods twice. */
    static boolean started() {
        return started;
    }
}

package dev.maa.agent.internal;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.util.concurrent.CompletableFuture;

/**
 * What {@code premain} does: registers the {@link GateTransformer} and builds Byte Buddy's transformer on a
 * background thread, so the application's own startup overlaps with Byte Buddy's class loading. Names no Byte
 * Buddy type, so the main thread loads none.
 */
public final class AgentStartup {

    private static final System.Logger LOG = System.getLogger("dev.maa.agent");

    private AgentStartup() {
    }

    public static void premain(AgentConfig config, Instrumentation instrumentation) {
        CompletableFuture<ClassFileTransformer> byteBuddy = new CompletableFuture<>();
        instrumentation.addTransformer(new GateTransformer(config, byteBuddy), false);
        long start = System.nanoTime();
        Thread init = new Thread(() -> {
            try {
                byteBuddy.complete(AgentInstaller.buildForLoadTime(config));
                if (config.debug()) {
                    LOG.log(System.Logger.Level.INFO, "maa-agent: ready "
                            + (System.nanoTime() - start) / 1_000_000 + " ms after premain");
                }
            } catch (Throwable e) {
                LOG.log(System.Logger.Level.ERROR, "maa-agent could not start (" + e + "); classes with @Protected"
                        + " methods loaded from now on are NOT guarded. Report this with the stack trace.", e);
                byteBuddy.completeExceptionally(e);
            }
        }, "maa-agent-init");
        init.setDaemon(true);
        init.start();
    }
}

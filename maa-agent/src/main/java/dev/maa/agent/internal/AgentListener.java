package dev.maa.agent.internal;

import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.utility.JavaModule;

/**
 * Logs what the agent did, and tells the transformer whether the type at hand is being retransformed. While a runtime
 * attach retransforms the loaded classes, a class it fails on is handed to {@link AttachFailClosed} (which makes its
 * protected methods refuse calls and logs the outcome) instead of being logged here.
 *
 * <p>Byte Buddy calls {@link #onDiscovery} and then the transformer on the same thread, so {@link #retransforming()}
 * tells the transformer whether it may still add a type initializer (a loaded class cannot gain methods).
 */
final class AgentListener extends AgentBuilder.Listener.Adapter {

    private static final System.Logger LOG = System.getLogger("dev.maa.agent");
    private static final ThreadLocal<Boolean> RETRANSFORMING = new ThreadLocal<>();

    private final boolean debug;
    private final AttachFailClosed attach;

    /** With {@code attach} (runtime attach), hands each loaded class it fails to retransform to it; else null. */
    AgentListener(boolean debug, AttachFailClosed attach) {
        this.debug = debug;
        this.attach = attach;
    }

    static boolean retransforming() {
        return Boolean.TRUE.equals(RETRANSFORMING.get());
    }

    @Override
    public void onDiscovery(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded) {
        RETRANSFORMING.set(loaded);
    }

    @Override
    public void onTransformation(
            TypeDescription type, ClassLoader classLoader, JavaModule module, boolean loaded, DynamicType dynamicType) {
        if (debug) {
            LOG.log(
                    System.Logger.Level.INFO,
                    "maa-agent: instrumented @Protected methods of " + type.getName()
                            + (loaded ? " (retransformed)" : ""));
        }
    }

    @Override
    public void onError(
            String typeName, ClassLoader classLoader, JavaModule module, boolean loaded, Throwable throwable) {
        if (loaded && attach != null && attach.transformFailed(typeName, classLoader, throwable)) {
            return; // its @Protected methods will be made to refuse calls; AttachFailClosed logs the outcome
        }
        // a class that may declare @Protected methods now runs without its checks: say so loudly, not in debug
        LOG.log(
                System.Logger.Level.ERROR,
                "maa-agent: could not inspect or instrument " + typeName + " ("
                        + throwable + "); if it declares @Protected methods, they are NOT guarded. Report this with the"
                        + " stack trace.",
                throwable);
    }

    @Override
    public void onComplete(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded) {
        RETRANSFORMING.remove();
    }
}

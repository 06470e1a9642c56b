package dev.maa.agent.internal;

import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.utility.JavaModule;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;

/**
 * Logs what the agent did and remembers which transformations were retransformations of loaded classes.
 *
 * <p>Byte Buddy calls {@link #onDiscovery} and then the transformer on the same thread, so {@link #retransforming()}
 * tells the transformer whether it may still add a type initializer (a loaded class cannot gain methods).
 * Retransformed classes are validated after installation instead ({@link #drainRetransformed()}).
 */
final class AgentListener extends AgentBuilder.Listener.Adapter {

    private static final System.Logger LOG = System.getLogger("dev.maa.agent");
    private static final ThreadLocal<Boolean> RETRANSFORMING = new ThreadLocal<>();

    private final boolean debug;
    private final List<Retransformed> retransformed = new ArrayList<>();

    AgentListener(boolean debug) {
        this.debug = debug;
    }

    static boolean retransforming() {
        return Boolean.TRUE.equals(RETRANSFORMING.get());
    }

    @Override
    public void onDiscovery(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded) {
        RETRANSFORMING.set(loaded);
    }

    @Override
    public void onTransformation(TypeDescription type, ClassLoader classLoader, JavaModule module, boolean loaded,
                                 DynamicType dynamicType) {
        if (debug) {
            LOG.log(System.Logger.Level.INFO, "maa-agent: instrumented @Protected methods of " + type.getName()
                    + (loaded ? " (retransformed)" : ""));
        }
        if (loaded) {
            synchronized (retransformed) {
                retransformed.add(new Retransformed(type.getName(), new WeakReference<>(classLoader)));
            }
        }
    }

    @Override
    public void onError(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded,
                        Throwable throwable) {
        // Only types that matched reach the transformer, so this is a class with @Protected methods that now runs
        // without its checks: say so loudly rather than hide it behind debug.
        LOG.log(System.Logger.Level.ERROR, "maa-agent: could not instrument " + typeName + " (" + throwable
                + "); its @Protected methods are NOT guarded. Report this with the stack trace.", throwable);
    }

    @Override
    public void onComplete(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded) {
        RETRANSFORMING.remove();
    }

    List<Retransformed> drainRetransformed() {
        synchronized (retransformed) {
            List<Retransformed> all = List.copyOf(retransformed);
            retransformed.clear();
            return all;
        }
    }

    record Retransformed(String typeName, WeakReference<ClassLoader> loader) {
    }
}

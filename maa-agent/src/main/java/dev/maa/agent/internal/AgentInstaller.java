package dev.maa.agent.internal;

import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.TypeValidation;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

import static net.bytebuddy.matcher.ElementMatchers.any;
import static net.bytebuddy.matcher.ElementMatchers.isBootstrapClassLoader;
import static net.bytebuddy.matcher.ElementMatchers.isTypeInitializer;

/**
 * Builds and installs the one {@code AgentBuilder}: advice on {@code @Protected} methods, validation in the type
 * initializer of their classes. Nothing else happens at startup, so the agent adds little more than Byte Buddy's
 * own class loading.
 */
public final class AgentInstaller {

    private static final System.Logger LOG = System.getLogger("dev.maa.agent");

    /** Advice is parsed from the agent jar once, not once per instrumented type. */
    private static final Advice GUARD = Advice.withCustomMapping()
            .bind(InvokedMethod.class, InvokedMethodMapping.INSTANCE)
            .to(ProtectedAdvice.class);
    private static final Advice VALIDATE = Advice.to(ClassInitValidation.class);

    private static ResettableClassFileTransformer installed;

    private AgentInstaller() {
    }

    /**
     * Installs the agent once per JVM (a second call returns the first transformer).
     *
     * @param retransform also instrument classes that are already loaded (runtime attach)
     */
    public static synchronized ResettableClassFileTransformer install(AgentConfig config, Instrumentation instrumentation,
                                                                   boolean retransform) {
        if (installed != null) {
            LOG.log(System.Logger.Level.WARNING, "maa-agent is already installed in this JVM; ignoring the second"
                    + " installation");
            return installed;
        }
        AgentListener listener = new AgentListener(config.debug());
        AgentBuilder builder = new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
                // advice rewrites methods in place: no rebased copies, no new members except a type initializer
                .with(AgentBuilder.TypeStrategy.Default.REDEFINE)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(AgentBuilder.PoolStrategy.Default.FAST)
                .with(listener)
                .ignore(ProtectedTypes.ignored())
                .or(any(), isBootstrapClassLoader());
        if (retransform) {
            builder = builder.with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION);
        }
        installed = builder
                .type(ProtectedTypes.types(config), ProtectedTypes.loaders())
                .transform((b, type, loader, module, domain) -> {
                    DynamicType.Builder<?> guarded = b.visit(GUARD.on(ProtectedTypes.methods()));
                    // a loaded class cannot gain a type initializer; those are validated after installation
                    return AgentListener.retransforming() ? guarded
                            : guarded.invokable(isTypeInitializer()).intercept(VALIDATE);
                })
                .installOn(instrumentation);
        if (retransform) {
            listener.drainRetransformed().forEach(AgentInstaller::validateLoaded);
        }
        LOG.log(System.Logger.Level.DEBUG, "maa-agent installed (" + config + ")");
        return installed;
    }

    /** Removes the agent's transformer and restores retransformed classes (tests). */
    public static synchronized void uninstall(Instrumentation instrumentation) {
        if (installed != null) {
            installed.reset(instrumentation, AgentBuilder.RedefinitionStrategy.RETRANSFORMATION);
            installed = null;
        }
    }

    /** What {@link ClassInitValidation} does, by reflection through the class's own loader. */
    static void validateLoaded(AgentListener.Retransformed retransformed) {
        ClassLoader loader = retransformed.loader().get();
        Class<?> type;
        Method find;
        try {
            type = Class.forName(retransformed.typeName(), false, loader);
            find = Class.forName("dev.maa.core.ProtectedMethods", false, loader).getMethod("find", Method.class);
        } catch (ReflectiveOperationException | LinkageError e) {
            LOG.log(System.Logger.Level.ERROR, "maa-agent: " + retransformed.typeName() + " declares @Protected methods"
                    + " but MAA core cannot be used from its class loader (" + e + "); its protected calls will be"
                    + " refused until maa-core is on the application class path.");
            return;
        }
        for (Method method : type.getDeclaredMethods()) {
            if (method.isSynthetic() || method.isBridge()) {
                continue;
            }
            try {
                find.invoke(null, method);
            } catch (InvocationTargetException e) {
                LOG.log(System.Logger.Level.ERROR, "maa-agent: invalid @Protected annotation in " + type.getName()
                        + ": " + e.getCause().getMessage() + " Calls of that method are refused until it is fixed.");
            } catch (ReflectiveOperationException e) {
                LOG.log(System.Logger.Level.ERROR, "maa-agent: could not validate " + method + ": " + e);
            }
        }
    }
}

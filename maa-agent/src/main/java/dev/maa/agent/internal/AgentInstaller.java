package dev.maa.agent.internal;

import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.implementation.StubMethod;
import net.bytebuddy.pool.TypePool;

import java.lang.instrument.Instrumentation;
import java.util.List;

import static net.bytebuddy.matcher.ElementMatchers.any;
import static net.bytebuddy.matcher.ElementMatchers.isBootstrapClassLoader;
import static net.bytebuddy.matcher.ElementMatchers.isTypeInitializer;

/**
 * Builds and installs the one {@code AgentBuilder}: advice on {@code @Protected} methods, validation in the type
 * initializer of their classes. Used for runtime attach (retransforming loaded classes) and, after
 * {@code -javaagent}, for class files older than Java 11; newer ones are woven by {@link ProtectedWeaver} with the
 * same advice code, without loading Byte Buddy's agent machinery.
 */
public final class AgentInstaller {

    private static final System.Logger LOG = System.getLogger("dev.maa.agent");

    /**
     * Advice is parsed from the agent jar once, not once per instrumented type, and described from its class files:
     * loading the advice classes would link maa-core types the agent's own loader may not have.
     */
    private static final ClassFileLocator AGENT_CLASSES =
            ClassFileLocator.ForClassLoader.of(AgentInstaller.class.getClassLoader());
    private static final TypePool AGENT_POOL = TypePool.Default.of(AGENT_CLASSES);

    private static final Advice GUARD_CONSTANT = guard(InvokedMethodMapping.DYNAMIC_CONSTANT);
    private static final Advice GUARD_LOOKUP = guard(InvokedMethodMapping.LOOKUP_PER_CALL);
    /** Wraps a stub so that classes without a static initializer get one; existing ones keep their code. */
    private static final Advice VALIDATE = Advice.to(describe("dev.maa.agent.internal.ClassInitValidation"), AGENT_CLASSES);

    private static ResettableClassFileTransformer installed;

    private AgentInstaller() {
    }

    /**
     * Installs the agent once per JVM (a second call returns the first transformer; after {@code -javaagent},
     * {@code null}), retransforming the classes already loaded (runtime attach).
     */
    public static synchronized ResettableClassFileTransformer install(AgentConfig config, Instrumentation instrumentation,
                                                                   boolean retransform) {
        if (installed != null || AgentStartup.started()) {
            LOG.log(System.Logger.Level.WARNING, "maa-agent is already installed in this JVM"
                    + (installed == null ? " (-javaagent)" : "") + "; ignoring the second installation");
            return installed;
        }
        installed = builder(config, retransform).installOn(instrumentation);
        LOG.log(System.Logger.Level.DEBUG, "maa-agent installed (" + config + ")");
        return installed;
    }

    /** The transformer without registering it, for {@link LoadTimeWeaver}'s class files older than Java 11. */
    static java.lang.instrument.ClassFileTransformer buildForLoadTime(AgentConfig config) {
        return builder(config, false).makeRaw();
    }

    private static AgentBuilder builder(AgentConfig config, boolean retransform) {
        AgentBuilder builder = new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
                // advice rewrites methods in place: no rebased copies, no new members except a type initializer
                .with(AgentBuilder.TypeStrategy.Default.REDEFINE)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(AgentBuilder.PoolStrategy.Default.FAST)
                .with(new AgentListener(config.debug()))
                .ignore(ProtectedTypes.ignored())
                .or(any(), isBootstrapClassLoader());
        if (retransform) {
            builder = builder.with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                    .with(new AgentBuilder.RedefinitionStrategy.Listener.Adapter() {
                        @Override
                        public void onBatch(int index, List<Class<?>> batch, List<Class<?>> types) {
                            // before retransformation: HotSpot drops MethodParameters from retransformed classes, and
                            // objectId paths need the parameter names; descriptions made now are cached by Method
                            batch.forEach(LoadedClassValidation::validate);
                        }
                    });
        }
        return builder
                .type(ProtectedTypes.types(config), ProtectedTypes.loaders())
                .transform((b, type, loader, module, domain) -> transform(b, type));
    }

    private static DynamicType.Builder<?> transform(DynamicType.Builder<?> builder, TypeDescription type) {
        Advice guard = InvokedMethodMapping.supportsDynamicConstants(type) ? GUARD_CONSTANT : GUARD_LOOKUP;
        DynamicType.Builder<?> guarded = builder.visit(guard.on(ProtectedTypes.methods()));
        // a loaded class cannot gain a type initializer; LoadedClassValidation covers those
        return AgentListener.retransforming() ? guarded
                : guarded.invokable(isTypeInitializer()).intercept(VALIDATE.wrap(StubMethod.INSTANCE));
    }

    /** Removes the agent's transformer; classes already transformed stay as they are (tests). */
    public static synchronized void uninstall(Instrumentation instrumentation) {
        if (installed != null) {
            instrumentation.removeTransformer(installed);
            installed = null;
        }
    }

    /** By name, not by class literal: even loading an advice class is avoided. */
    private static TypeDescription describe(String adviceClass) {
        return AGENT_POOL.describe(adviceClass).resolve();
    }

    private static Advice guard(InvokedMethodMapping invokedMethod) {
        return Advice.withCustomMapping().bind(InvokedMethod.class, invokedMethod)
                .to(describe("dev.maa.agent.internal.ProtectedAdvice"), AGENT_CLASSES);
    }
}

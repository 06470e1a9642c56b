package dev.maa.agent.internal;

import static net.bytebuddy.matcher.ElementMatchers.any;
import static net.bytebuddy.matcher.ElementMatchers.isBootstrapClassLoader;
import static net.bytebuddy.matcher.ElementMatchers.isTypeInitializer;

import java.lang.instrument.Instrumentation;
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

/**
 * Builds and installs the one {@code AgentBuilder}: advice on {@code @Protected} methods, validation in the type
 * initializer of their classes. Used for runtime attach (retransforming loaded classes) and, after
 * {@code -javaagent}, for class files older than Java 11; newer ones are woven by {@link ProtectedWeaver} with the
 * same advice code, without loading Byte Buddy's agent machinery.
 *
 * <p>Runtime attach ({@code retransform}) fails closed like {@code -javaagent}: first the {@link GateTransformer}
 * that {@code premain} registers is registered, so every class loaded from then on is woven (or refused) as it
 * loads; then the {@code AgentBuilder} retransforms the classes loaded before, skipping those the gate handled
 * ({@link GatedClasses}: the JVM calls the gate, not retransform-capable, before it, and a later retransformation
 * starts from the gate's output, so nothing is guarded twice). A loaded class it fails to retransform gets
 * refusing protected methods ({@link AttachFailClosed}).
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
    private static final Advice VALIDATE =
            Advice.to(describe("dev.maa.agent.internal.ClassInitValidation"), AGENT_CLASSES);

    private static ResettableClassFileTransformer installed;
    /** After a runtime attach: the gate and the refusing transformer, removed by {@link #uninstall}. */
    private static GateTransformer gate;

    private static AttachFailClosed attach;

    /** What the {@code AgentBuilder} does to a type it matched (tests make it fail). */
    @FunctionalInterface
    interface Transformation {
        DynamicType.Builder<?> apply(DynamicType.Builder<?> builder, TypeDescription type);
    }

    private AgentInstaller() {}

    /**
     * Installs the agent once per JVM (a second call returns the first transformer; after {@code -javaagent},
     * {@code null}). With {@code retransform} (runtime attach), registers the gate for classes loaded from now on,
     * retransforms the classes already loaded, and makes those it could not retransform refuse their protected calls.
     */
    public static ResettableClassFileTransformer install(
            AgentConfig config, Instrumentation instrumentation, boolean retransform) {
        return install(config, instrumentation, retransform, AgentInstaller::transform, Refusal::refuse);
    }

    /** With another transformation and refusal (tests make them fail). */
    static synchronized ResettableClassFileTransformer install(
            AgentConfig config,
            Instrumentation instrumentation,
            boolean retransform,
            Transformation transformation,
            AttachFailClosed.Refuser refuser) {
        // gate without installed: a first attach failed after registering the gate, which still weaves new classes
        if (installed != null || gate != null || AgentStartup.started()) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "maa-agent is already installed in this JVM" + (AgentStartup.started() ? " (-javaagent)" : "")
                            + "; ignoring the second installation");
            return installed;
        }
        if (retransform) {
            GatedClasses gated = new GatedClasses();
            gate = new GateTransformer(config, new LoadTimeWeaver(config), gated);
            instrumentation.addTransformer(gate, false); // classes loaded from now on: woven as with -javaagent
            attach = new AttachFailClosed(gated, refuser);
        }
        installed = builder(config, attach, transformation).installOn(instrumentation);
        if (attach != null) {
            attach.refuseFailed(instrumentation);
        }
        LOG.log(System.Logger.Level.DEBUG, "maa-agent installed (" + config + ")");
        return installed;
    }

    /** The transformer without registering it, for {@link LoadTimeWeaver}'s class files older than Java 11. */
    static java.lang.instrument.ClassFileTransformer buildForLoadTime(AgentConfig config) {
        return builder(config, null, AgentInstaller::transform).makeRaw();
    }

    /** With {@code attach}, retransforms loaded classes, except those the gate handled (see the class comment). */
    private static AgentBuilder builder(AgentConfig config, AttachFailClosed attach, Transformation transformation) {
        AgentBuilder builder = new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
                // advice rewrites methods in place: no rebased copies, no new members except a type initializer
                .with(AgentBuilder.TypeStrategy.Default.REDEFINE)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(AgentBuilder.PoolStrategy.Default.FAST)
                .with(new AgentListener(config.debug(), attach))
                .ignore(ProtectedTypes.ignored())
                .or(any(), isBootstrapClassLoader());
        if (attach == null) {
            return builder.type(ProtectedTypes.types(config), ProtectedTypes.loaders())
                    .transform((b, type, loader, module, domain) -> transformation.apply(b, type));
        }
        return builder.with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(attach) // validates each batch before it is retransformed, collects failures
                .type(attach.notGatedNorRefused())
                .and(ProtectedTypes.types(config), ProtectedTypes.loaders())
                .transform((b, type, loader, module, domain) -> transformation.apply(b, type));
    }

    static DynamicType.Builder<?> transform(DynamicType.Builder<?> builder, TypeDescription type) {
        Advice guard = InvokedMethodMapping.supportsDynamicConstants(type) ? GUARD_CONSTANT : GUARD_LOOKUP;
        DynamicType.Builder<?> guarded = builder.visit(guard.on(ProtectedTypes.methods()));
        // a loaded class cannot gain a type initializer; LoadedClassValidation covers those
        return AgentListener.retransforming()
                ? guarded
                : guarded.invokable(isTypeInitializer()).intercept(VALIDATE.wrap(StubMethod.INSTANCE));
    }

    /** Removes the agent's transformers; classes already transformed stay as they are (tests). */
    public static synchronized void uninstall(Instrumentation instrumentation) {
        if (installed != null) {
            instrumentation.removeTransformer(installed);
            installed = null;
        }
        if (gate != null) {
            instrumentation.removeTransformer(gate);
            gate = null;
        }
        if (attach != null) {
            attach.uninstall(instrumentation);
            attach = null;
        }
    }

    /** By name, not by class literal: even loading an advice class is avoided. */
    private static TypeDescription describe(String adviceClass) {
        return AGENT_POOL.describe(adviceClass).resolve();
    }

    private static Advice guard(InvokedMethodMapping invokedMethod) {
        return Advice.withCustomMapping()
                .bind(InvokedMethod.class, invokedMethod)
                .to(describe("dev.maa.agent.internal.ProtectedAdvice"), AGENT_CLASSES);
    }
}

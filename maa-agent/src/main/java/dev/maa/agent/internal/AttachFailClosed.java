package dev.maa.agent.internal;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.utility.JavaModule;

/**
 * Runtime attach fails closed, like {@code -javaagent}: a loaded class whose retransformation by Byte Buddy failed
 * does not keep running its {@code @Protected} methods unguarded. It is retransformed once more, by
 * {@link RefusingTransformer} alone (Byte Buddy's transformer skips it), into {@link Refusal}'s code: the protected
 * methods throw {@code MaaConfigurationException}, the others run. Retransformation may change method bodies, which
 * is all {@code Refusal} does. If even that fails, an ERROR says the class runs unguarded until the JVM is restarted
 * with {@code -javaagent} (a loaded class cannot be made unloadable).
 *
 * <p>Failures come from two places: Byte Buddy's transformer failed on the class ({@link AgentListener#onError},
 * name and loader only), or the JVM rejected its output ({@link #onError}: the batch is split until the class that
 * fails is alone). Both are collected while {@link AgentInstaller} retransforms the loaded classes and handled by
 * {@link #refuseFailed} afterwards.
 *
 * <p>The refusing transformer stays registered: a later retransformation of the class by any agent starts again from
 * its original class file, and would otherwise restore the unguarded code.
 */
final class AttachFailClosed extends AgentBuilder.RedefinitionStrategy.Listener.Adapter {

    private static final System.Logger LOG = System.getLogger("dev.maa.agent");

    /** Produces the refusing class file (tests make it fail). */
    @FunctionalInterface
    interface Refuser {
        byte[] refuse(byte[] classFile, Set<String> protectedMethods, String cause);
    }

    private final GatedClasses gated;
    private final Refuser refuser;
    /** Failures reported while Byte Buddy retransforms the loaded classes; cleared afterwards. */
    private final List<FailedName> failedNames = Collections.synchronizedList(new ArrayList<>());

    private final Map<Class<?>, Throwable> failedClasses = Collections.synchronizedMap(new LinkedHashMap<>());
    /** The classes made to refuse, with the cause (as text: a throwable could hold on to the class). */
    private final Map<Class<?>, String> refused = Collections.synchronizedMap(new WeakHashMap<>());

    private final Set<Class<?>> validated = Collections.synchronizedSet(new HashSet<>());
    private final RefusingTransformer refusing = new RefusingTransformer();
    private volatile boolean collecting = true;

    AttachFailClosed(GatedClasses gated, Refuser refuser) {
        this.gated = gated;
        this.refuser = refuser;
    }

    private record FailedName(String name, ClassLoader loader, Throwable cause) {}

    /** Byte Buddy's transformer failed on a loaded class; {@code true} if it will be refused (so not logged there). */
    boolean transformFailed(String typeName, ClassLoader loader, Throwable cause) {
        if (!collecting || loader == null) {
            return false;
        }
        failedNames.add(new FailedName(typeName, loader, cause));
        return true;
    }

    /** For the {@code AgentBuilder}'s type matcher: classes the gate handled or this class refuses are not its own. */
    AgentBuilder.RawMatcher notGatedNorRefused() {
        return new AgentBuilder.RawMatcher() {
            @Override
            public boolean matches(
                    TypeDescription type,
                    ClassLoader loader,
                    JavaModule module,
                    Class<?> classBeingRedefined,
                    ProtectionDomain domain) {
                return !gated.contains(loader, type.getName())
                        && (classBeingRedefined == null || !refused.containsKey(classBeingRedefined));
            }
        };
    }

    @Override
    public void onBatch(int index, List<Class<?>> batch, List<Class<?>> types) {
        // before retransformation: HotSpot drops MethodParameters from retransformed classes, and objectId paths
        // need the parameter names; descriptions made now are cached by Method
        for (Class<?> type : batch) {
            if (validated.add(type)) { // once, also when a failed batch is retried class by class
                LoadedClassValidation.validate(type);
            }
        }
    }

    @Override
    public Iterable<? extends List<Class<?>>> onError(
            int index, List<Class<?>> batch, Throwable throwable, List<Class<?>> types) {
        if (batch.size() > 1) { // one class failed the whole batch: retry each alone to find it
            List<List<Class<?>>> single = new ArrayList<>(batch.size());
            batch.forEach(type -> single.add(List.of(type)));
            return single;
        }
        batch.forEach(type -> failedClasses.putIfAbsent(type, throwable));
        return List.of();
    }

    /** After Byte Buddy's retransformation: makes the protected methods of each class it failed on refuse calls. */
    void refuseFailed(Instrumentation instrumentation) {
        collecting = false;
        Map<Class<?>, Throwable> failed = new LinkedHashMap<>(failedClasses);
        if (!failedNames.isEmpty()) { // reported by name and loader: find the loaded class
            for (Class<?> type : instrumentation.getAllLoadedClasses()) {
                for (FailedName name : failedNames) {
                    if (name.name().equals(type.getName()) && name.loader() == type.getClassLoader()) {
                        failed.putIfAbsent(type, name.cause());
                    }
                }
            }
        }
        failedNames.clear();
        failedClasses.clear();
        validated.clear();
        if (failed.isEmpty()) {
            return;
        }
        failed.forEach((type, cause) -> refused.put(type, String.valueOf(cause)));
        instrumentation.addTransformer(refusing, true);
        failed.forEach((type, cause) -> refuse(instrumentation, type, cause));
    }

    private void refuse(Instrumentation instrumentation, Class<?> type, Throwable cause) {
        Throwable failure = null;
        refusing.outcome.remove();
        try {
            if (instrumentation.isModifiableClass(type)) {
                instrumentation.retransformClasses(type);
            } else {
                failure = new IllegalStateException("the JVM does not allow retransforming it");
            }
        } catch (Throwable e) {
            failure = e;
        }
        Object outcome = refusing.outcome.get();
        refusing.outcome.remove();
        if (failure == null && outcome instanceof Throwable t) {
            failure = t;
        }
        if (failure == null && outcome == null) {
            failure = new IllegalStateException("the refusing transformer was not called");
        }
        if (failure == null && outcome == NO_PROTECTED_METHODS) {
            refused.remove(type);
            LOG.log(
                    System.Logger.Level.DEBUG,
                    "maa-agent: could not inspect or retransform " + type.getName()
                            + ", which declares no @Protected methods",
                    cause);
            return;
        }
        if (failure == null) {
            LOG.log(
                    System.Logger.Level.ERROR,
                    "maa-agent could not retransform " + type.getName() + " (" + cause
                            + "); its @Protected methods " + outcome
                            + " refuse every call (fail closed) until this is fixed and"
                            + " the JVM restarted (with -javaagent, classes are woven as they load). Report this with the stack"
                            + " trace.",
                    cause);
            return;
        }
        refused.remove(type);
        cause.addSuppressed(failure);
        LOG.log(
                System.Logger.Level.ERROR,
                "maa-agent could not retransform " + type.getName() + " (" + cause
                        + ") nor make its @Protected methods refuse calls (" + failure + "): if it declares @Protected"
                        + " methods, they run UNGUARDED. Restart the JVM with -javaagent:maa-agent.jar, so that classes are"
                        + " woven as they load; report this with the stack trace.",
                cause);
    }

    /** Removes the refusing transformer (tests). */
    void uninstall(Instrumentation instrumentation) {
        instrumentation.removeTransformer(refusing);
    }

    private static final String NO_PROTECTED_METHODS = "none";

    /** Retransform-capable; rewrites only the classes in {@link #refused}. */
    private final class RefusingTransformer implements ClassFileTransformer {

        /** What the last call on this thread did: the refused methods, {@link #NO_PROTECTED_METHODS}, or a fault. */
        final ThreadLocal<Object> outcome = new ThreadLocal<>();

        @Override
        public byte[] transform(
                ClassLoader loader,
                String internalName,
                Class<?> classBeingRedefined,
                ProtectionDomain domain,
                byte[] classFile) {
            String cause = classBeingRedefined == null ? null : refused.get(classBeingRedefined);
            if (cause == null) {
                return null;
            }
            try {
                ProtectedWeaver.Scan scan = ProtectedWeaver.scan(classFile);
                if (scan.protectedMethods().isEmpty()) {
                    outcome.set(NO_PROTECTED_METHODS);
                    return null;
                }
                byte[] refusing = refuser.refuse(classFile, scan.protectedMethods(), cause);
                outcome.set(scan.protectedMethods());
                return refusing;
            } catch (Throwable e) {
                outcome.set(e);
                return null; // the JVM would ignore the exception too; refuse() reports it
            }
        }
    }
}

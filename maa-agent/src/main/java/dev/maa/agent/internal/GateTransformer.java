package dev.maa.agent.internal;

import java.lang.instrument.ClassFileTransformer;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;

/**
 * The transformer {@code premain} registers: a plain-JDK filter, then the weaver for the few classes that declare
 * {@code @Protected} methods.
 *
 * <p>A class that declares {@code @Protected} methods must name {@code Ldev/maa/api/Protected;} in its constant
 * pool, so every other class is passed over after a byte search. A class that does is read (without its code) for
 * the annotated methods and handed to the {@link Weaver}.
 *
 * <p>Fail closed: when weaving throws (Byte Buddy could not be built, a weaver fault), the class is not loaded
 * unchanged, which would run its protected methods unguarded; its protected methods are made to throw
 * {@code MaaConfigurationException} instead ({@link Refusal}), or, if even that fails, the class is made
 * unloadable. Either way an ERROR names the class and the cause.
 */
final class GateTransformer implements ClassFileTransformer {

    private static final byte[] PROTECTED = ProtectedWeaver.PROTECTED_DESCRIPTOR.getBytes(StandardCharsets.US_ASCII);

    /** Weaves one class that declares protected methods; returns the new class file, never {@code null}. */
    @FunctionalInterface
    interface Weaver {
        byte[] weave(
                ClassLoader loader,
                String internalName,
                ProtectionDomain domain,
                byte[] classFile,
                ProtectedWeaver.Scan scan)
                throws Exception;
    }

    private final AgentConfig config;
    private final Weaver weaver;
    private final GatedClasses gated;

    GateTransformer(AgentConfig config, Weaver weaver) {
        this(config, weaver, null);
    }

    /** After a runtime attach: records each class it handles in {@code gated} (see {@link GatedClasses}). */
    GateTransformer(AgentConfig config, Weaver weaver, GatedClasses gated) {
        this.config = config;
        this.weaver = weaver;
        this.gated = gated;
    }

    @Override
    public byte[] transform(
            ClassLoader loader,
            String internalName,
            Class<?> classBeingRedefined,
            ProtectionDomain domain,
            byte[] classFile) {
        // redefinitions (hot swap) cannot add the methods weaving needs; classes are woven once, when loaded
        if (loader == null
                || internalName == null
                || classBeingRedefined != null
                || !mayDeclareProtected(internalName, classFile)
                || !ProtectedLoaders.sees(loader)) {
            return null;
        }
        ProtectedWeaver.Scan scan = null;
        try {
            scan = ProtectedWeaver.scan(classFile);
            if (scan.protectedMethods().isEmpty()) {
                return null; // names the annotation elsewhere: on a field, an interface's abstract method …
            }
            if (gated != null) {
                gated.add(loader, internalName); // before weaving: a refused class is the gate's too
            }
            byte[] woven = weaver.weave(loader, internalName, domain, classFile, scan);
            if (woven == null) {
                throw new IllegalStateException("the weaver produced no class file");
            }
            if (config.debug()) {
                log(
                        System.Logger.Level.INFO,
                        "maa-agent: instrumented @Protected methods of " + internalName.replace('/', '.'),
                        null);
            }
            return woven;
        } catch (Throwable e) {
            return refuse(internalName.replace('/', '.'), classFile, scan, e);
        }
    }

    private static byte[] refuse(String className, byte[] classFile, ProtectedWeaver.Scan scan, Throwable cause) {
        try {
            byte[] refusing = Refusal.refuse(classFile, scan.protectedMethods(), cause);
            log(
                    System.Logger.Level.ERROR,
                    "maa-agent could not instrument " + className + " (" + cause + "); its"
                            + " @Protected methods " + scan.protectedMethods()
                            + " refuse every call (fail closed) until this"
                            + " is fixed and the JVM restarted. Report this with the stack trace.",
                    cause);
            return refusing;
        } catch (Throwable e) {
            cause.addSuppressed(e);
            log(
                    System.Logger.Level.ERROR,
                    "maa-agent could not instrument " + className + " (" + cause + ") nor"
                            + " make its @Protected methods refuse calls; the class is made unloadable (ClassFormatError)"
                            + " rather than run unguarded. Report this with the stack trace.",
                    cause);
            return Refusal.UNLOADABLE.clone();
        }
    }

    boolean mayDeclareProtected(String internalName, byte[] classFile) {
        String name = internalName.replace('/', '.');
        return !ProtectedTypes.ignoredName(name) && config.admits(name) && contains(classFile, PROTECTED);
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        byte first = needle[0];
        int last = haystack.length - needle.length;
        outer:
        for (int i = 0; i <= last; i++) {
            if (haystack[i] != first) {
                continue;
            }
            for (int j = 1; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** The logger is looked up only when needed: java.util.logging costs tens of milliseconds at startup. */
    private static void log(System.Logger.Level level, String message, Throwable cause) {
        System.Logger log = System.getLogger("dev.maa.agent");
        if (cause == null) {
            log.log(level, message);
        } else {
            log.log(level, message, cause);
        }
    }
}

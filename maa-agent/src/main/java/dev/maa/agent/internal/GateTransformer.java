package dev.maa.agent.internal;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The transformer {@code premain} registers at once: a plain-JDK filter in front of Byte Buddy, which is built on
 * a background thread meanwhile.
 *
 * <p>Byte Buddy's agent machinery is about a thousand classes; loading them on the main thread before the
 * application starts costs hundreds of milliseconds. Instead this filter looks at each class file: a class that
 * declares {@code @Protected} methods must name {@code Ldev/maa/api/Protected;} in its constant pool, so every
 * other class is passed over after a byte search. Only a class that does name it waits for Byte Buddy (usually
 * long ready: the first protected service is loaded well after the JVM started), so no protected method can ever
 * run uninstrumented.
 */
final class GateTransformer implements ClassFileTransformer {

    private static final byte[] PROTECTED = "Ldev/maa/api/Protected;".getBytes(StandardCharsets.US_ASCII);

    private final AgentConfig config;
    private final CompletableFuture<ClassFileTransformer> byteBuddy;

    GateTransformer(AgentConfig config, CompletableFuture<ClassFileTransformer> byteBuddy) {
        this.config = config;
        this.byteBuddy = byteBuddy;
    }

    @Override
    public byte[] transform(ClassLoader loader, String internalName, Class<?> classBeingRedefined,
                            ProtectionDomain domain, byte[] classFile) throws IllegalClassFormatException {
        if (loader == null || internalName == null || !mayDeclareProtected(internalName, classFile)) {
            return null;
        }
        ClassFileTransformer delegate;
        try {
            delegate = byteBuddy.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("maa-agent: interrupted while starting; " + internalName
                    + " is loaded without its @Protected checks", e);
        } catch (ExecutionException e) {
            return null; // reported by the installer, loudly, when building failed
        }
        return delegate.transform(loader, internalName, classBeingRedefined, domain, classFile);
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
}

package dev.maa.agent.internal;

import java.util.Map;
import java.util.WeakHashMap;

/**
 * Which class loaders can see {@code dev.maa.api.Protected}: the bootstrap and platform loaders never can, others
 * are asked for the class file once (a resource lookup, no class loading). Plain JDK, so the load-time gate uses it
 * without Byte Buddy.
 */
final class ProtectedLoaders {

    private static final String RESOURCE = ProtectedTypes.PROTECTED.replace('.', '/') + ".class";

    /** Weak keys so a discarded web-app or plugin loader is not pinned by the agent. */
    private static final Map<ClassLoader, Boolean> SEEN = new WeakHashMap<>();

    private ProtectedLoaders() {}

    static boolean sees(ClassLoader loader) {
        if (loader == null || loader == ClassLoader.getPlatformClassLoader()) {
            return false;
        }
        Boolean known;
        synchronized (SEEN) {
            known = SEEN.get(loader);
        }
        if (known != null) {
            return known;
        }
        // outside the lock: a loader may load (and so transform) classes while it looks up a resource
        boolean sees = loader.getResource(RESOURCE) != null;
        synchronized (SEEN) {
            SEEN.put(loader, sees);
        }
        return sees;
    }
}

package dev.maa.core;

import dev.maa.api.MaaConfigurationException;

/**
 * The JVM-wide gatekeeper behind {@link Gatekeeper#global()}. Package-private: it is reached only through
 * {@link Gatekeeper#installGlobal} and {@link MaaEngine#installGlobal()}, and it lives beside {@link Gatekeeper}
 * so the API package does not depend on an internal one (no package cycle).
 *
 * <p>{@link #install} refuses to replace another gatekeeper: two engines in one JVM would otherwise silently
 * route every intercepted call to whichever installed last.
 */
final class GlobalGatekeeper {

    private static volatile Gatekeeper installed;

    private GlobalGatekeeper() {}

    static Gatekeeper get() {
        Gatekeeper g = installed;
        if (g == null) {
            throw new MaaConfigurationException("A @Protected method was called but no MAA engine is installed in this"
                    + " JVM, so the call is refused (fail closed). Build one at startup and install it:"
                    + " MaaEngine.builder().policyEngine(...).build().installGlobal().");
        }
        return g;
    }

    static void install(Gatekeeper gatekeeper) {
        synchronized (GlobalGatekeeper.class) {
            Gatekeeper current = installed;
            if (current != null && current != gatekeeper) {
                throw new MaaConfigurationException("Another MAA gatekeeper (" + current + ") is already installed in"
                        + " this JVM, so " + gatekeeper + " was not installed. Uninstall the first one"
                        + " (MaaEngine.uninstallGlobal()) before installing another; one JVM routes every"
                        + " intercepted call to one gatekeeper.");
            }
            installed = gatekeeper;
        }
    }

    static void uninstall(Gatekeeper gatekeeper) {
        synchronized (GlobalGatekeeper.class) {
            if (installed == gatekeeper) {
                installed = null;
            }
        }
    }
}

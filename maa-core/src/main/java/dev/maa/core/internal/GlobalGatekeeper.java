package dev.maa.core.internal;

import dev.maa.api.MaaConfigurationException;
import dev.maa.core.Gatekeeper;

/** The JVM-wide gatekeeper behind {@link Gatekeeper#global()}. */
public final class GlobalGatekeeper {

    private static volatile Gatekeeper installed;

    private GlobalGatekeeper() {
    }

    public static Gatekeeper get() {
        Gatekeeper g = installed;
        if (g == null) {
            throw new MaaConfigurationException("A @Protected method was called but no MAA engine is installed in this"
                    + " JVM, so the call is refused (fail closed). Build one at startup and install it:"
                    + " MaaEngine.builder().policyEngine(...).build().installGlobal().");
        }
        return g;
    }

    public static void install(Gatekeeper gatekeeper) {
        installed = gatekeeper;
    }

    /** Removes {@code gatekeeper} if it is the installed one. */
    public static void uninstall(Gatekeeper gatekeeper) {
        synchronized (GlobalGatekeeper.class) {
            if (installed == gatekeeper) {
                installed = null;
            }
        }
    }

    public static boolean isInstalled() {
        return installed != null;
    }
}

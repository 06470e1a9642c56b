package dev.maa.agent.internal;

import static net.bytebuddy.matcher.ElementMatchers.declaresMethod;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isAnnotatedWith;
import static net.bytebuddy.matcher.ElementMatchers.isNative;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;

import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * What the agent instruments, cheapest test first: the class loader can see {@code dev.maa.api.Protected} (a
 * cached resource lookup, no class loading), the type is not JDK or agent code and passes the configured
 * prefixes, and it declares a method annotated {@code @Protected} (read from the class file by name; the
 * annotation type is never loaded for matching).
 */
final class ProtectedTypes {

    static final String PROTECTED = "dev.maa.api.Protected";

    private ProtectedTypes() {}

    /**
     * Types never instrumented: the JDK, Byte Buddy and the agent itself. Names only: anything that needs the class
     * file (modifiers, say) would make Byte Buddy parse every class the JVM loads.
     */
    static ElementMatcher.Junction<TypeDescription> ignored() {
        return new ElementMatcher.Junction.AbstractBase<>() {
            @Override
            public boolean matches(TypeDescription target) {
                return ignoredName(target.getName());
            }
        };
    }

    /** The same rule as {@link #ignored()}, on a plain name (for {@link GateTransformer}). */
    static boolean ignoredName(String name) {
        for (String prefix : IGNORED_PREFIXES) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return name.equals("dev.maa.agent.MaaAgent");
    }

    private static final String[] IGNORED_PREFIXES = {
        "java.",
        "javax.",
        "jdk.",
        "sun.",
        "com.sun.",
        "net.bytebuddy.",
        "dev.maa.agent.internal.",
        "dev.maa.agent.shaded."
    };

    static ElementMatcher.Junction<TypeDescription> types(AgentConfig config) {
        ElementMatcher.Junction<TypeDescription> admitted = new ElementMatcher.Junction.AbstractBase<>() {
            @Override
            public boolean matches(TypeDescription target) {
                return config.admits(target.getName());
            }
        };
        return admitted.and(declaresMethod(methods()));
    }

    static ElementMatcher.Junction<MethodDescription> methods() {
        return isAnnotatedWith(named(PROTECTED)).and(not(isAbstract())).and(not(isNative()));
    }

    /** Loaders that can see the annotation; the bootstrap and platform loaders never can. */
    static ElementMatcher<ClassLoader> loaders() {
        return new ElementMatcher<>() {
            @Override
            public boolean matches(ClassLoader loader) {
                return ProtectedLoaders.sees(loader);
            }
        };
    }
}

package dev.maa.rego.builtins;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Name → builtin table. {@link #standard()} holds every family this engine ships; the compiler
 * rejects calls to names it does not hold, so a missing builtin is a compile error naming it,
 * never a wrong answer.
 */
public final class BuiltinRegistry {
    private static volatile BuiltinRegistry standard;

    private final Map<String, Builtin> builtins = new HashMap<>();
    private final Map<String, String> unsupported = new HashMap<>();

    /** Adds a builtin; a second registration of the same name is a programming error. */
    public BuiltinRegistry register(String name, int arity, BuiltinFunction fn) {
        if (builtins.putIfAbsent(name, new Builtin(name, arity, fn)) != null) {
            throw new IllegalStateException("builtin registered twice: " + name);
        }
        return this;
    }

    /** Declares a builtin OPA has but we deliberately do not implement (reported as unsupported). */
    public BuiltinRegistry unsupported(String name, String reason) {
        unsupported.put(name, reason);
        return this;
    }

    public Builtin get(String name) {
        return builtins.get(name);
    }

    /** Why {@code name} is unsupported, or {@code null} if it is not declared unsupported. */
    public String unsupportedReason(String name) {
        return unsupported.get(name);
    }

    public Set<String> names() {
        return Collections.unmodifiableSet(new TreeSet<>(builtins.keySet()));
    }

    /** The shared registry with all families; built once, read-only afterwards. */
    public static BuiltinRegistry standard() {
        BuiltinRegistry r = standard;
        if (r == null) {
            synchronized (BuiltinRegistry.class) {
                r = standard;
                if (r == null) {
                    r = new BuiltinRegistry();
                    Families.registerAll(r);
                    RuntimeBuiltins.register(r);
                    standard = r;
                }
            }
        }
        return r;
    }
}

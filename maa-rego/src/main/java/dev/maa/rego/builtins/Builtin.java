package dev.maa.rego.builtins;

/**
 * A registered builtin function.
 *
 * @param name full dotted name, e.g. {@code strings.replace_n}
 * @param arity number of arguments (the result is not counted)
 * @param function the implementation
 */
public record Builtin(String name, int arity, BuiltinFunction function) {
    public Builtin {
        if (name == null || name.isEmpty() || arity < 0 || function == null) {
            throw new IllegalArgumentException("builtin needs a name, arity >= 0 and a function: " + name);
        }
    }

    /**
     * Whether the same arguments always give the same answer: false for the builtins OPA's capabilities mark
     * {@code nondeterministic} (the clock, chance, the network, signing with fresh randomness), the same source
     * {@code maa rego capabilities} prints ({@link Capabilities#nondeterministic}).
     */
    public boolean deterministic() {
        return !Capabilities.nondeterministic(name);
    }
}

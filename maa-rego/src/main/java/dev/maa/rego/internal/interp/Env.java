package dev.maa.rego.internal.interp;

import dev.maa.rego.value.Value;

/**
 * Variable bindings of one body evaluation, as a stack so backtracking undoes bindings by
 * truncation. Bodies bind a handful of variables, so a linear scan from the top beats hashing
 * and allocates nothing per binding.
 */
public final class Env {
    private static final String[] NO_NAMES = {};
    private static final Value[] NO_VALUES = {};

    // allocated at the first binding: every rule and function body gets an Env, and many bind nothing or one
    private String[] names = NO_NAMES;
    private Value[] values = NO_VALUES;
    private int size;

    public Env() {}

    public Value get(String name) {
        for (int i = size - 1; i >= 0; i--) {
            String n = names[i];
            if (n == name || n.equals(name)) {
                return values[i];
            }
        }
        return null;
    }

    /** Binds an unbound variable (callers check {@link #get} first). */
    public void bind(String name, Value v) {
        if (size == names.length) {
            int n = size == 0 ? 4 : size * 2;
            names = java.util.Arrays.copyOf(names, n);
            values = java.util.Arrays.copyOf(values, n);
        }
        names[size] = name;
        values[size++] = v;
    }

    /**
     * Binds {@code name} to {@code v} when unbound, else whether its value equals v: how a variable unifies with a
     * value ({@link Evaluator#unifyValue}), for the loops that bind without a continuation.
     */
    boolean bindOrMatch(String name, Value v) {
        Value bound = get(name);
        if (bound != null) {
            return bound.equals(v);
        }
        bind(name, v);
        return true;
    }

    public int mark() {
        return size;
    }

    public void undo(int mark) {
        for (int i = size - 1; i >= mark; i--) {
            names[i] = null;
            values[i] = null;
        }
        size = Math.min(size, mark);
    }
}

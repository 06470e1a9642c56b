package dev.maa.rego.builtins;

import dev.maa.rego.value.Value;

/** The implementation of a builtin: arguments in, a value out, or {@code null} for undefined. */
@FunctionalInterface
public interface BuiltinFunction {
    /**
     * Applies the builtin.
     *
     * @throws BuiltinError for OPA's {@code eval_builtin_error} / {@code eval_type_error}
     */
    Value apply(BuiltinContext ctx, Value[] args);

    /**
     * A builtin of two arguments that takes them without an array (the comparison operators): the evaluator calls
     * it so for calls it compiled, and an operator test such as {@code p.effect == "deny"} allocates nothing.
     */
    @FunctionalInterface
    interface Binary extends BuiltinFunction {
        Value apply(BuiltinContext ctx, Value x, Value y);

        @Override
        default Value apply(BuiltinContext ctx, Value[] args) {
            return apply(ctx, args[0], args[1]);
        }
    }

    /** A builtin of one argument that takes it without an array ({@code count}), as {@link Binary}. */
    @FunctionalInterface
    interface Unary extends BuiltinFunction {
        Value apply(BuiltinContext ctx, Value x);

        @Override
        default Value apply(BuiltinContext ctx, Value[] args) {
            return apply(ctx, args[0]);
        }
    }
}

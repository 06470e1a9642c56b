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
}

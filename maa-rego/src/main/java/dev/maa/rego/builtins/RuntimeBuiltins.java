package dev.maa.rego.builtins;

import dev.maa.rego.value.ObjectValue;

/**
 * {@code opa.runtime}: the embedded engine has no OPA runtime configuration, so it is the empty
 * object, as OPA returns when no runtime information is configured.
 */
final class RuntimeBuiltins {
    private RuntimeBuiltins() {}

    static void register(BuiltinRegistry r) {
        r.register("opa.runtime", 0, (ctx, a) -> ObjectValue.EMPTY);
    }
}

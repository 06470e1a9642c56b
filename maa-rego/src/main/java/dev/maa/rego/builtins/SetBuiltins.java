package dev.maa.rego.builtins;

import dev.maa.rego.value.SetValue;
import dev.maa.rego.value.Value;

/** {@code intersection} and {@code union} of a set of sets. */
final class SetBuiltins {
    private SetBuiltins() {}

    static void register(BuiltinRegistry r) {
        r.register("intersection", 1, (c, a) -> combine("intersection", a, true));
        r.register("union", 1, (c, a) -> combine("union", a, false));
    }

    static Value combine(String name, Value[] a, boolean intersect) {
        SetValue sets = Args.set(name, a, 0);
        SetValue acc = null;
        for (Value v : sets.items()) {
            if (!(v instanceof SetValue s)) {
                throw OpaOperands.elementError(name, 1, sets, v, "set");
            }
            acc = acc == null ? s : intersect ? acc.intersect(s) : acc.union(s);
        }
        return acc == null ? SetValue.EMPTY : acc;
    }
}

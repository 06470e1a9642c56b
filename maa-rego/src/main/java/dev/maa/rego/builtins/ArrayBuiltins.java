package dev.maa.rego.builtins;

import dev.maa.rego.value.ArrayValue;
import dev.maa.rego.value.Value;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** {@code array.concat, array.slice, array.reverse, array.flatten}. */
final class ArrayBuiltins {
    private ArrayBuiltins() {}

    static void register(BuiltinRegistry r) {
        r.register("array.concat", 2, (c, a) -> concat(a));
        r.register("array.slice", 3, (c, a) -> slice(a));
        r.register("array.reverse", 1, (c, a) -> reverse(a));
        r.register("array.flatten", 1, (c, a) -> flatten(a));
    }

    /** One level: elements that are arrays are spliced in, others kept (OPA's array.flatten). */
    static Value flatten(Value[] a) {
        List<Value> out = new ArrayList<>();
        for (Value v : Args.array("array.flatten", a, 0).items()) {
            if (v instanceof ArrayValue inner) {
                out.addAll(inner.items());
            } else {
                out.add(v);
            }
        }
        return ArrayValue.of(out);
    }

    static Value concat(Value[] a) {
        ArrayValue x = Args.array("array.concat", a, 0);
        ArrayValue y = Args.array("array.concat", a, 1);
        List<Value> out = new ArrayList<>(x.size() + y.size());
        out.addAll(x.items());
        out.addAll(y.items());
        return ArrayValue.of(out);
    }

    /** Indexes are clamped to the array, and a start past the stop gives an empty array. */
    static Value slice(Value[] a) {
        ArrayValue arr = Args.array("array.slice", a, 0);
        long start = OpaOperands.intOperand("array.slice", a, 1);
        long stop = OpaOperands.intOperand("array.slice", a, 2);
        stop = Math.max(0, Math.min(stop, arr.size()));
        start = Math.max(0, Math.min(start, stop));
        return arr.slice((int) start, (int) stop);
    }

    static Value reverse(Value[] a) {
        List<Value> out = new ArrayList<>(Args.array("array.reverse", a, 0).items());
        Collections.reverse(out);
        return ArrayValue.of(out);
    }
}

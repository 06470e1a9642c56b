package dev.maa.rego.builtins;

import dev.maa.rego.value.ArrayValue;
import dev.maa.rego.value.NumberValue;
import dev.maa.rego.value.ObjectValue;
import dev.maa.rego.value.SetValue;
import dev.maa.rego.value.StringValue;
import dev.maa.rego.value.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Aggregates: {@code count, sum, product, max, min, sort}.
 *
 * <p>This class is the template for every family: static methods, one {@link #register} that
 * lists them, argument checks through {@link Args} so messages match OPA exactly.
 */
final class AggregateBuiltins {
    private AggregateBuiltins() {}

    static void register(BuiltinRegistry r) {
        r.register("count", 1, (BuiltinFunction.Unary) (ctx, x) -> count(x));
        r.register("sum", 1, (ctx, a) -> sum(a));
        r.register("product", 1, (ctx, a) -> product(a));
        r.register("max", 1, (ctx, a) -> extreme("max", a, 1));
        r.register("min", 1, (ctx, a) -> extreme("min", a, -1));
        r.register("sort", 1, (ctx, a) -> sort(a));
    }

    static Value count(Value x) {
        if (x instanceof ArrayValue v) {
            return NumberValue.of(v.size());
        }
        if (x instanceof SetValue v) {
            return NumberValue.of(v.size());
        }
        if (x instanceof ObjectValue v) {
            return NumberValue.of(v.size());
        }
        if (x instanceof StringValue v) {
            return NumberValue.of(v.value().codePointCount(0, v.value().length()));
        }
        throw Args.typeError("count", 1, x, "array", "object", "set", "string");
    }

    private static List<Value> collection(String name, Value[] a) {
        if (a[0] instanceof ArrayValue v) {
            return v.items();
        }
        if (a[0] instanceof SetValue v) {
            return v.items();
        }
        throw Args.typeError(name, 1, a[0], "set", "array");
    }

    private static BigDecimal numberOf(String name, Value v, Value container) {
        if (v instanceof NumberValue n) {
            return n.decimal();
        }
        throw BuiltinError.type(name + ": operand 1 must be one of {set, array} containing numbers but got "
                + container.typeName() + " containing " + v.typeName());
    }

    static Value sum(Value[] a) {
        BigDecimal acc = BigDecimal.ZERO;
        for (Value v : collection("sum", a)) {
            BigDecimal n = numberOf("sum", v, a[0]);
            acc = OpaFloat.isInteger(acc) && OpaFloat.isInteger(n) ? acc.add(n) : OpaFloat.add(acc, n);
        }
        return NumberValue.of(acc);
    }

    static Value product(Value[] a) {
        BigDecimal acc = BigDecimal.ONE;
        for (Value v : collection("product", a)) {
            BigDecimal n = numberOf("product", v, a[0]);
            acc = OpaFloat.isInteger(acc) && OpaFloat.isInteger(n) ? acc.multiply(n) : OpaFloat.multiply(acc, n);
        }
        return NumberValue.of(acc);
    }

    static Value extreme(String name, Value[] a, int sign) {
        Value best = null;
        for (Value v : collection(name, a)) {
            if (best == null || v.compareTo(best) * sign > 0) {
                best = v;
            }
        }
        return best;
    }

    static Value sort(Value[] a) {
        List<Value> items = new ArrayList<>(collection("sort", a));
        Collections.sort(items);
        return ArrayValue.of(items);
    }
}

package dev.maa.rego.builtins;

import dev.maa.rego.value.ArrayValue;
import dev.maa.rego.value.BooleanValue;
import dev.maa.rego.value.NumberValue;
import dev.maa.rego.value.ObjectValue;
import dev.maa.rego.value.SetValue;
import dev.maa.rego.value.StringValue;
import dev.maa.rego.value.Value;
import java.math.BigInteger;

/**
 * Shared argument checks with OPA's exact messages, so every family reports
 * {@code <name>: operand <n> must be <type> but got <type>} the same way.
 * Operand numbers are 1-based, as OPA prints them.
 */
public final class Args {
    private Args() {}

    /** {@code name: operand n must be <want> but got <actual type>} as an eval_type_error. */
    public static BuiltinError typeError(String name, int operand, String want, Value got) {
        return BuiltinError.type(name + ": operand " + operand + " must be " + want + " but got " + got.typeName());
    }

    /** Same, for a union of types: {@code must be one of {a, b}}. */
    public static BuiltinError typeError(String name, int operand, Value got, String... oneOf) {
        return BuiltinError.type(name + ": operand " + operand + " must be one of {" + String.join(", ", oneOf)
                + "} but got " + got.typeName());
    }

    public static String string(String name, Value[] args, int i) {
        if (args[i] instanceof StringValue s) {
            return s.value();
        }
        throw typeError(name, i + 1, "string", args[i]);
    }

    public static NumberValue number(String name, Value[] args, int i) {
        if (args[i] instanceof NumberValue n) {
            return n;
        }
        throw typeError(name, i + 1, "number", args[i]);
    }

    /** An integer operand; a non-integral number is an eval_type_error, as OPA's operand errors are. */
    public static BigInteger integer(String name, Value[] args, int i) {
        NumberValue n = number(name, args, i);
        if (!n.isInteger()) {
            throw BuiltinError.type(
                    name + ": operand " + (i + 1) + " must be integer number but got floating-point number");
        }
        return n.bigInteger();
    }

    /** An integer operand in int range. */
    public static int intArg(String name, Value[] args, int i) {
        BigInteger b = integer(name, args, i);
        if (b.bitLength() > 31) {
            throw BuiltinError.of(name, "operand " + (i + 1) + " out of range");
        }
        return b.intValue();
    }

    public static boolean bool(String name, Value[] args, int i) {
        if (args[i] instanceof BooleanValue b) {
            return b.value();
        }
        throw typeError(name, i + 1, "boolean", args[i]);
    }

    public static ArrayValue array(String name, Value[] args, int i) {
        if (args[i] instanceof ArrayValue a) {
            return a;
        }
        throw typeError(name, i + 1, "array", args[i]);
    }

    public static SetValue set(String name, Value[] args, int i) {
        if (args[i] instanceof SetValue s) {
            return s;
        }
        throw typeError(name, i + 1, "set", args[i]);
    }

    public static ObjectValue object(String name, Value[] args, int i) {
        if (args[i] instanceof ObjectValue o) {
            return o;
        }
        throw typeError(name, i + 1, "object", args[i]);
    }

    /** Elements of an array or set operand, in order. */
    public static java.util.List<Value> arrayOrSet(String name, Value[] args, int i) {
        if (args[i] instanceof ArrayValue a) {
            return a.items();
        }
        if (args[i] instanceof SetValue s) {
            return s.items();
        }
        throw typeError(name, i + 1, args[i], "array", "set");
    }

    /** String elements of an array or set operand. */
    public static java.util.List<String> stringsOf(String name, Value[] args, int i) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (Value v : arrayOrSet(name, args, i)) {
            if (!(v instanceof StringValue s)) {
                throw BuiltinError.type(name + ": operand " + (i + 1) + " must be " + args[i].typeName()
                        + " of strings but got " + args[i].typeName() + " containing " + v.typeName());
            }
            out.add(s.value());
        }
        return out;
    }
}

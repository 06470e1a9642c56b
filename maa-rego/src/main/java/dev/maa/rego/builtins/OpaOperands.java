package dev.maa.rego.builtins;

import dev.maa.rego.value.NumberValue;
import dev.maa.rego.value.StringValue;
import dev.maa.rego.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * Operand helpers for the builtin families that mirror OPA's {@code builtins.NewOperand*Err}.
 *
 * <p>In OPA every {@code ErrOperand} is an {@code eval_type_error}, including "must be integer
 * number but got floating-point number" and enum errors.
 */
final class OpaOperands {
    private OpaOperands() {}

    /** {@code name: operand pos <text>} as an eval_type_error (OPA's {@code NewOperandErr}). */
    static BuiltinError operandError(String name, int pos, String text) {
        return BuiltinError.type(name + ": operand " + pos + " " + text);
    }

    /** OPA's {@code NewOperandElementErr} for one expected element type. */
    static BuiltinError elementError(String name, int pos, Value composite, Value got, String expected) {
        String t = composite.typeName();
        return operandError(
                name, pos, "must be " + t + " of " + expected + "s but got " + t + " containing " + got.typeName());
    }

    /** OPA's {@code NewOperandEnumErr}. */
    static BuiltinError enumError(String name, int pos, String... expected) {
        if (expected.length == 1) {
            return operandError(name, pos, "must be " + expected[0]);
        }
        return operandError(name, pos, "must be one of {" + String.join(", ", expected) + "}");
    }

    /** OPA's {@code IntOperand}: a number with an integral value in Go int (64-bit) range. */
    static long intOperand(String name, Value[] a, int i) {
        NumberValue n = Args.number(name, a, i);
        Long l = goInt(n);
        if (l == null) {
            throw operandError(name, i + 1, "must be integer number but got floating-point number");
        }
        return l;
    }

    /**
     * The number as OPA's {@code Number.Int()} sees it: an integral value in 64-bit range. OPA looks
     * at the literal text, so it rejects a literal {@code 1.0} that we accept; we cannot tell a
     * literal {@code 1.0} from a computed {@code 0.5 * 2} (which OPA prints as {@code 1}), and
     * accepting both is the useful choice.
     */
    static Long goInt(NumberValue n) {
        if (!n.isInteger()) {
            return null;
        }
        try {
            return n.decimal().toBigInteger().longValueExact();
        } catch (ArithmeticException e) {
            return null;
        }
    }

    /** Elements of an array or set that must all be strings (OPA's {@code StringSliceOperand}). */
    static List<String> stringSlice(String name, Value[] a, int i) {
        List<Value> items = Args.arrayOrSet(name, a, i);
        List<String> out = new ArrayList<>(items.size());
        for (Value v : items) {
            if (!(v instanceof StringValue s)) {
                throw elementError(name, i + 1, a[i], v, "string");
            }
            out.add(s.value());
        }
        return out;
    }

    /** Code points of a string. */
    static int[] codePoints(String s) {
        return s.codePoints().toArray();
    }

    static String fromCodePoints(int[] cps, int from, int to) {
        return new String(cps, from, to - from);
    }
}

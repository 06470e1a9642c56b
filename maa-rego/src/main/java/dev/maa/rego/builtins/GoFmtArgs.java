package dev.maa.rego.builtins;

import dev.maa.rego.value.NumberValue;
import dev.maa.rego.value.StringValue;
import dev.maa.rego.value.Value;
import java.math.BigInteger;

/** The Go values OPA passes to {@code fmt.Sprintf} for Rego values, and their Go type names. */
final class GoFmtArgs {
    private GoFmtArgs() {}

    /** Converts an OPA value to the Go value OPA hands to {@code fmt.Sprintf}. */
    static Object goArg(Value v) {
        if (v instanceof NumberValue n) {
            // An exponent (negative scale) means a literal such as 1e6, which OPA formats as a float.
            boolean exponent = n.decimal().scale() < 0;
            Long l = exponent ? null : OpaOperands.goInt(n);
            if (l != null) {
                return l;
            }
            if (n.isInteger() && !exponent) {
                return n.decimal().toBigInteger();
            }
            double d = n.doubleValue();
            if (Double.isInfinite(d)) {
                return n.text();
            }
            return d;
        }
        if (v instanceof StringValue s) {
            return s.value();
        }
        return GoQuote.regoText(v);
    }

    static String typeName(Object arg) {
        if (arg instanceof Long) {
            return "int";
        }
        if (arg instanceof BigInteger) {
            return "*big.Int";
        }
        if (arg instanceof Double) {
            return "float64";
        }
        return "string";
    }
}

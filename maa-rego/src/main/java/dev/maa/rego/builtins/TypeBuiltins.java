package dev.maa.rego.builtins;

import dev.maa.rego.value.ArrayValue;
import dev.maa.rego.value.BooleanValue;
import dev.maa.rego.value.NullValue;
import dev.maa.rego.value.NumberValue;
import dev.maa.rego.value.ObjectValue;
import dev.maa.rego.value.SetValue;
import dev.maa.rego.value.StringValue;
import dev.maa.rego.value.Value;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Pattern;

/** Type tests and casts: {@code is_*}, {@code type_name}, {@code to_number}. */
final class TypeBuiltins {
    /** Decimal float syntax accepted by Go's {@code strconv.ParseFloat} (no hex, no underscores). */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private static final Pattern GO_SPECIAL = Pattern.compile("[+-]?(0[xXbBoO_].*|.*_.*)");

    private TypeBuiltins() {}

    static void register(BuiltinRegistry r) {
        r.register("is_number", 1, (c, a) -> BooleanValue.of(a[0] instanceof NumberValue));
        r.register("is_string", 1, (c, a) -> BooleanValue.of(a[0] instanceof StringValue));
        r.register("is_boolean", 1, (c, a) -> BooleanValue.of(a[0] instanceof BooleanValue));
        r.register("is_array", 1, (c, a) -> BooleanValue.of(a[0] instanceof ArrayValue));
        r.register("is_set", 1, (c, a) -> BooleanValue.of(a[0] instanceof SetValue));
        r.register("is_object", 1, (c, a) -> BooleanValue.of(a[0] instanceof ObjectValue));
        r.register("is_null", 1, (c, a) -> BooleanValue.of(a[0] instanceof NullValue));
        r.register("type_name", 1, (c, a) -> StringValue.of(a[0].typeName()));
        r.register("to_number", 1, (c, a) -> toNumber(a));
    }

    static Value toNumber(Value[] a) {
        Value v = a[0];
        if (v instanceof NullValue) {
            return NumberValue.ZERO;
        }
        if (v instanceof BooleanValue b) {
            return b.value() ? NumberValue.ONE : NumberValue.ZERO;
        }
        if (v instanceof NumberValue) {
            return v;
        }
        if (v instanceof StringValue s) {
            return parse(s.value());
        }
        throw Args.typeError("to_number", 1, v, "null", "boolean", "number", "string");
    }

    private static Value parse(String s) {
        String lower = s.replaceFirst("^[+-]+", "").toLowerCase(Locale.ROOT);
        if (lower.equals("inf") || lower.equals("infinity") || lower.equals("nan")) {
            throw Args.typeError("to_number", 1, "valid number string", StringValue.of(s));
        }
        if (DECIMAL.matcher(s).matches()) {
            BigDecimal d = new BigDecimal(s.startsWith("+") ? s.substring(1) : s);
            if (Double.isInfinite(d.doubleValue())) {
                throw BuiltinError.of(
                        "to_number", "strconv.ParseFloat: parsing " + GoQuote.quote(s) + ": value out of range");
            }
            return NumberValue.of(d);
        }
        if (GO_SPECIAL.matcher(s).matches()) {
            throw BuiltinError.of(
                    "to_number",
                    "hexadecimal, binary, octal and underscore number syntax (" + GoQuote.quote(s)
                            + ") is not supported by this engine");
        }
        throw BuiltinError.of("to_number", "strconv.ParseFloat: parsing " + GoQuote.quote(s) + ": invalid syntax");
    }
}

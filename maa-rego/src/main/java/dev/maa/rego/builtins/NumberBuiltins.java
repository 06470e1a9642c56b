package dev.maa.rego.builtins;

import dev.maa.rego.value.ArrayValue;
import dev.maa.rego.value.NumberValue;
import dev.maa.rego.value.Value;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code abs, round, ceil, floor, numbers.range, numbers.range_step}. Rounding is exact on the
 * decimal value; {@code round} is half away from zero, as in OPA.
 */
final class NumberBuiltins {
    /** Ranges longer than this are refused rather than exhausting memory. */
    static final long MAX_RANGE = 1_000_000L;

    private NumberBuiltins() {}

    static void register(BuiltinRegistry r) {
        r.register(
                "abs",
                1,
                (c, a) -> NumberValue.of(Args.number("abs", a, 0).decimal().abs()));
        r.register("round", 1, (c, a) -> rounded("round", a, RoundingMode.HALF_UP));
        r.register("ceil", 1, (c, a) -> rounded("ceil", a, RoundingMode.CEILING));
        r.register("floor", 1, (c, a) -> rounded("floor", a, RoundingMode.FLOOR));
        r.register("numbers.range", 2, (c, a) -> range("numbers.range", a, BigInteger.ONE));
        r.register("numbers.range_step", 3, (c, a) -> rangeStep(a));
    }

    private static Value rounded(String name, Value[] a, RoundingMode mode) {
        return NumberValue.of(Args.number(name, a, 0).decimal().setScale(0, mode));
    }

    /** OPA's {@code BigIntOperand}: a non-number is "must be integer but got ...". */
    static BigInteger bigIntOperand(String name, Value[] a, int i) {
        if (!(a[i] instanceof NumberValue n)) {
            throw Args.typeError(name, i + 1, "integer", a[i]);
        }
        if (!n.isInteger()) {
            throw OpaOperands.operandError(name, i + 1, "must be integer number but got floating-point number");
        }
        return n.decimal().toBigInteger();
    }

    private static Value rangeStep(Value[] a) {
        BigInteger x = bigIntOperand("numbers.range_step", a, 0);
        BigInteger y = bigIntOperand("numbers.range_step", a, 1);
        BigInteger step = bigIntOperand("numbers.range_step", a, 2);
        if (step.signum() <= 0) {
            throw new BuiltinError("numbers.range_step: numbers.range_step: step must be a positive integer");
        }
        return build("numbers.range_step", x, y, step);
    }

    private static Value range(String name, Value[] a, BigInteger step) {
        BigInteger x = bigIntOperand(name, a, 0);
        BigInteger y = bigIntOperand(name, a, 1);
        return build(name, x, y, step);
    }

    private static Value build(String name, BigInteger x, BigInteger y, BigInteger step) {
        BigInteger span = x.subtract(y).abs().divide(step);
        if (span.compareTo(BigInteger.valueOf(MAX_RANGE)) >= 0) {
            throw BuiltinError.of(name, "range of more than " + MAX_RANGE + " numbers is not supported by this engine");
        }
        boolean up = x.compareTo(y) <= 0;
        List<Value> out = new ArrayList<>(span.intValue() + 1);
        for (BigInteger i = x;
                up ? i.compareTo(y) <= 0 : i.compareTo(y) >= 0;
                i = up ? i.add(step) : i.subtract(step)) {
            out.add(NumberValue.of(i));
        }
        return ArrayValue.of(out);
    }
}

package dev.maa.rego.builtins;

import dev.maa.rego.value.BooleanValue;
import dev.maa.rego.value.NumberValue;
import dev.maa.rego.value.SetValue;
import dev.maa.rego.value.Value;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Infix operators as OPA's named builtins: arithmetic ({@code plus minus mul div rem}),
 * comparison ({@code equal neq lt gt lte gte}) and set algebra ({@code and or}, and
 * {@code minus} on sets). Integer arithmetic is exact; anything involving a non-integer follows
 * OPA's 64-bit-mantissa {@code big.Float} arithmetic (see {@link OpaFloat}).
 */
final class OperatorBuiltins {
    private OperatorBuiltins() {}

    static void register(BuiltinRegistry r) {
        r.register(
                "plus",
                2,
                (c, a) -> plus(
                        Args.number("plus", a, 0).decimal(),
                        Args.number("plus", a, 1).decimal()));
        r.register(
                "mul",
                2,
                (c, a) -> mul(
                        Args.number("mul", a, 0).decimal(),
                        Args.number("mul", a, 1).decimal()));
        r.register("minus", 2, (c, a) -> minus(a));
        r.register("div", 2, (c, a) -> div(a));
        r.register("rem", 2, (c, a) -> rem(a));
        r.register("equal", 2, (BuiltinFunction.Binary) (c, x, y) -> BooleanValue.of(x.equals(y)));
        r.register("neq", 2, (BuiltinFunction.Binary) (c, x, y) -> BooleanValue.of(!x.equals(y)));
        r.register("lt", 2, (BuiltinFunction.Binary) (c, x, y) -> BooleanValue.of(x.compareTo(y) < 0));
        r.register("lte", 2, (BuiltinFunction.Binary) (c, x, y) -> BooleanValue.of(x.compareTo(y) <= 0));
        r.register("gt", 2, (BuiltinFunction.Binary) (c, x, y) -> BooleanValue.of(x.compareTo(y) > 0));
        r.register("gte", 2, (BuiltinFunction.Binary) (c, x, y) -> BooleanValue.of(x.compareTo(y) >= 0));
        r.register("and", 2, (c, a) -> Args.set("and", a, 0).intersect(Args.set("and", a, 1)));
        r.register("or", 2, (c, a) -> Args.set("or", a, 0).union(Args.set("or", a, 1)));
    }

    private static Value num(BigDecimal d) {
        return NumberValue.of(d);
    }

    private static boolean ints(BigDecimal x, BigDecimal y) {
        return OpaFloat.isInteger(x) && OpaFloat.isInteger(y);
    }

    static Value plus(BigDecimal x, BigDecimal y) {
        return num(ints(x, y) ? x.add(y) : OpaFloat.add(x, y));
    }

    static Value mul(BigDecimal x, BigDecimal y) {
        return num(ints(x, y) ? x.multiply(y) : OpaFloat.multiply(x, y));
    }

    static Value minus(Value[] a) {
        if (a[0] instanceof NumberValue x) {
            BigDecimal y = Args.number("minus", a, 1).decimal();
            return num(ints(x.decimal(), y) ? x.decimal().subtract(y) : OpaFloat.subtract(x.decimal(), y));
        }
        if (a[0] instanceof SetValue s) {
            return s.minus(Args.set("minus", a, 1));
        }
        throw Args.typeError("minus", 1, a[0], "number", "set");
    }

    static Value div(Value[] a) {
        BigDecimal x = Args.number("div", a, 0).decimal();
        BigDecimal y = Args.number("div", a, 1).decimal();
        if (y.signum() == 0) {
            throw BuiltinError.of("div", "divide by zero");
        }
        if (ints(x, y)) {
            BigInteger[] qr = x.toBigInteger().divideAndRemainder(y.toBigInteger());
            if (qr[1].signum() == 0) {
                return NumberValue.of(qr[0]);
            }
        }
        return num(OpaFloat.divide(x, y));
    }

    static Value rem(Value[] a) {
        NumberValue x = Args.number("rem", a, 0);
        NumberValue y = Args.number("rem", a, 1);
        if (!x.isInteger() || !y.isInteger()) {
            throw BuiltinError.of("rem", "modulo on floating-point number");
        }
        BigInteger d = y.bigInteger();
        if (d.signum() == 0) {
            throw BuiltinError.of("rem", "modulo by zero");
        }
        return NumberValue.of(x.bigInteger().remainder(d));
    }
}

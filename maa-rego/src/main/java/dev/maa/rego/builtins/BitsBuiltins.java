package dev.maa.rego.builtins;

import dev.maa.rego.value.NumberValue;
import dev.maa.rego.value.Value;
import java.math.BigInteger;
import java.util.function.BinaryOperator;

/**
 * {@code bits.and, bits.or, bits.xor, bits.negate, bits.lsh, bits.rsh} over arbitrary-precision
 * integers, as OPA computes them with Go's {@code big.Int}: a shift never overflows, and a right
 * shift of a negative number rounds towards negative infinity.
 */
final class BitsBuiltins {
    /** Larger shifts would build numbers of gigabytes; OPA has no bound but no policy needs one. */
    private static final int MAX_SHIFT = 1 << 16;

    private BitsBuiltins() {}

    static void register(BuiltinRegistry r) {
        binary(r, "bits.and", BigInteger::and);
        binary(r, "bits.or", BigInteger::or);
        binary(r, "bits.xor", BigInteger::xor);
        r.register(
                "bits.negate",
                1,
                (c, a) -> NumberValue.of(Args.integer("bits.negate", a, 0).not()));
        r.register(
                "bits.lsh",
                2,
                (c, a) -> NumberValue.of(Args.integer("bits.lsh", a, 0).shiftLeft(shift("bits.lsh", a))));
        r.register(
                "bits.rsh",
                2,
                (c, a) -> NumberValue.of(Args.integer("bits.rsh", a, 0).shiftRight(shift("bits.rsh", a))));
    }

    private static void binary(BuiltinRegistry r, String name, BinaryOperator<BigInteger> op) {
        r.register(name, 2, (c, a) -> NumberValue.of(op.apply(Args.integer(name, a, 0), Args.integer(name, a, 1))));
    }

    private static int shift(String name, Value[] a) {
        BigInteger n = Args.integer(name, a, 1);
        if (n.signum() < 0) {
            throw BuiltinError.of(name, "operand 2 must be an unsigned integer number but got a negative integer");
        }
        if (n.compareTo(BigInteger.valueOf(MAX_SHIFT)) > 0) {
            throw BuiltinError.of(name, "operand 2 must be at most " + MAX_SHIFT + " but got " + n);
        }
        return n.intValue();
    }
}

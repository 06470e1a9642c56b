package dev.maa.rego.builtins;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * OPA's arithmetic on non-integers: Go {@code big.Float} values with a 64-bit mantissa
 * (round half to even), printed as the shortest decimal that reads back to the same value
 * ({@code Text('g', -1)}). Emulating it keeps results such as {@code 0.3 - 0.1} or {@code 1 / 3}
 * identical to OPA's; integer arithmetic stays exact, as in OPA.
 */
final class OpaFloat {
    private static final int PRECISION = 64;
    private static final BigInteger FIVE = BigInteger.valueOf(5);

    private OpaFloat() {}

    /** The nearest value with a 64-bit binary mantissa. */
    static BigDecimal round(BigDecimal x) {
        if (x.signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigInteger p = x.unscaledValue().abs();
        BigInteger q = BigInteger.ONE;
        if (x.scale() > 0) {
            q = BigInteger.TEN.pow(x.scale());
        } else if (x.scale() < 0) {
            p = p.multiply(BigInteger.TEN.pow(-x.scale()));
        }
        int k = PRECISION - (p.bitLength() - q.bitLength());
        BigInteger[] mr;
        while (true) {
            BigInteger num = k >= 0 ? p.shiftLeft(k) : p;
            BigInteger den = k >= 0 ? q : q.shiftLeft(-k);
            mr = num.divideAndRemainder(den);
            int bits = mr[0].bitLength();
            if (bits > PRECISION) {
                k--;
            } else if (bits < PRECISION) {
                k++;
            } else {
                int cmp = mr[1].shiftLeft(1).compareTo(den);
                BigInteger m = mr[0];
                if (cmp > 0 || (cmp == 0 && m.testBit(0))) {
                    m = m.add(BigInteger.ONE);
                    if (m.bitLength() > PRECISION) {
                        m = m.shiftRight(1);
                        k--;
                    }
                }
                BigDecimal v = k > 0 ? new BigDecimal(m.multiply(FIVE.pow(k)), k) : new BigDecimal(m.shiftLeft(-k));
                return x.signum() < 0 ? v.negate() : v;
            }
        }
    }

    /** The shortest decimal that rounds back to {@code v} (which must already be rounded). */
    static BigDecimal shortest(BigDecimal v) {
        if (v.signum() == 0) {
            return BigDecimal.ZERO;
        }
        for (int digits = 1; digits <= 30; digits++) {
            BigDecimal candidate = v.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (round(candidate).compareTo(v) == 0) {
                return candidate.stripTrailingZeros();
            }
        }
        return v.stripTrailingZeros();
    }

    static BigDecimal add(BigDecimal a, BigDecimal b) {
        return shortest(round(round(a).add(round(b))));
    }

    static BigDecimal subtract(BigDecimal a, BigDecimal b) {
        return shortest(round(round(a).subtract(round(b))));
    }

    static BigDecimal multiply(BigDecimal a, BigDecimal b) {
        return shortest(round(round(a).multiply(round(b))));
    }

    static BigDecimal divide(BigDecimal a, BigDecimal b) {
        BigDecimal x = round(a);
        BigDecimal y = round(b);
        // enough digits that rounding the quotient to 64 bits is exact (round-to-nearest of an
        // approximation with far more precision than 64 bits; ties cannot occur for non-dyadic results)
        BigDecimal q = x.divide(y, new MathContext(60, RoundingMode.HALF_EVEN));
        return shortest(round(q));
    }

    static boolean isInteger(BigDecimal d) {
        return d.signum() == 0 || d.scale() <= 0 || d.stripTrailingZeros().scale() <= 0;
    }
}

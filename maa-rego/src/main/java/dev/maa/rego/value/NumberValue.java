package dev.maa.rego.value;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * An arbitrary-precision Rego number.
 *
 * <p>Kept as a {@link BigDecimal}; equality and hashing are numeric ({@code 1 == 1.0}) because
 * OPA compares numbers by value, not by their textual form.
 */
public final class NumberValue implements Value {
    public static final NumberValue ZERO = new NumberValue(BigDecimal.ZERO);
    public static final NumberValue ONE = new NumberValue(BigDecimal.ONE);

    private final BigDecimal value;
    private int hash;

    private NumberValue(BigDecimal value) {
        this.value = value;
    }

    public static NumberValue of(BigDecimal d) {
        return new NumberValue(d);
    }

    public static NumberValue of(long l) {
        return l >= 0 && l < SMALL.length ? SMALL[(int) l] : new NumberValue(BigDecimal.valueOf(l));
    }

    // the keys of iterated arrays and most counts: shared instead of made per use (values are immutable)
    private static final NumberValue[] SMALL = new NumberValue[256];

    static {
        for (int i = 0; i < SMALL.length; i++) {
            SMALL[i] = new NumberValue(BigDecimal.valueOf(i));
        }
    }

    public static NumberValue of(BigInteger i) {
        return new NumberValue(new BigDecimal(i));
    }

    /** A number from a double; non-finite doubles are not numbers and yield {@code null}. */
    public static NumberValue ofDouble(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return null;
        }
        return new NumberValue(new BigDecimal(Double.toString(d)));
    }

    /** Parses Rego/JSON number text. */
    public static NumberValue parse(String text) {
        return new NumberValue(new BigDecimal(text));
    }

    public BigDecimal decimal() {
        return value;
    }

    /** Whether the value has no fractional part. */
    public boolean isInteger() {
        return value.signum() == 0
                || value.scale() <= 0
                || value.stripTrailingZeros().scale() <= 0;
    }

    /** The value as a BigInteger; only meaningful when {@link #isInteger()}. */
    public BigInteger bigInteger() {
        return value.toBigInteger();
    }

    /** The value as an int if it is an integer in int range, else {@code null}. */
    public Integer intValueExact() {
        if (value.scale() == 0 && value.precision() < 10) {
            return value.intValue(); // most: array indexes and counts, without isInteger's checks
        }
        if (!isInteger()) {
            return null;
        }
        try {
            return value.intValueExact();
        } catch (ArithmeticException e) {
            return null;
        }
    }

    public double doubleValue() {
        return value.doubleValue();
    }

    @Override
    public String typeName() {
        return "number";
    }

    @Override
    public int typeRank() {
        return 2;
    }

    @Override
    public int compareSameType(Value other) {
        return value.compareTo(((NumberValue) other).value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NumberValue n && value.compareTo(n.value) == 0;
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = value.signum() == 0 ? 1 : value.stripTrailingZeros().hashCode();
            hash = h;
        }
        return h;
    }

    /** Text as OPA prints a number: integers without fraction, others in plain notation. */
    public String text() {
        if (value.signum() == 0) {
            return "0";
        }
        BigDecimal s = value.stripTrailingZeros();
        if (s.scale() <= 0) {
            if (s.precision() - s.scale() > 40) {
                return s.toString().replace("E+", "e+");
            }
            return s.toBigInteger().toString();
        }
        if (s.scale() > 40) {
            return s.toString().replace("E", "e");
        }
        return s.toPlainString();
    }

    @Override
    public String toString() {
        return text();
    }
}

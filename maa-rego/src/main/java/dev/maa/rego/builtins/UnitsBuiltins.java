package dev.maa.rego.builtins;

import dev.maa.rego.value.NumberValue;
import dev.maa.rego.value.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;

/**
 * {@code units.parse} and {@code units.parse_bytes}, with OPA's unit tables, case rules and
 * messages. {@code units.parse} is exact (OPA uses rationals, 10 decimal places for fractions);
 * {@code units.parse_bytes} reproduces OPA's 64-bit-mantissa {@code big.Float} arithmetic so that
 * e.g. {@code 1.1KiB} truncates to 1126 as in OPA.
 */
final class UnitsBuiltins {
    private static final int MAX_EXPONENT_DIGITS = 6;
    private static final long KI = 1L << 10;
    private static final long MI = 1L << 20;
    private static final long GI = 1L << 30;
    private static final long TI = 1L << 40;
    private static final long PI = 1L << 50;
    private static final long EI = 1L << 60;

    private static final Map<String, BigDecimal> UNITS = Map.ofEntries(
            Map.entry("", BigDecimal.ONE),
            Map.entry("m", new BigDecimal("0.001")),
            Map.entry("k", dec(1_000L)),
            Map.entry("K", dec(1_000L)),
            Map.entry("ki", dec(KI)),
            Map.entry("Ki", dec(KI)),
            Map.entry("M", dec(1_000_000L)),
            Map.entry("mi", dec(MI)),
            Map.entry("Mi", dec(MI)),
            Map.entry("g", dec(1_000_000_000L)),
            Map.entry("G", dec(1_000_000_000L)),
            Map.entry("gi", dec(GI)),
            Map.entry("Gi", dec(GI)),
            Map.entry("t", dec(1_000_000_000_000L)),
            Map.entry("T", dec(1_000_000_000_000L)),
            Map.entry("ti", dec(TI)),
            Map.entry("Ti", dec(TI)),
            Map.entry("p", dec(1_000_000_000_000_000L)),
            Map.entry("P", dec(1_000_000_000_000_000L)),
            Map.entry("pi", dec(PI)),
            Map.entry("Pi", dec(PI)),
            Map.entry("e", dec(1_000_000_000_000_000_000L)),
            Map.entry("E", dec(1_000_000_000_000_000_000L)),
            Map.entry("ei", dec(EI)),
            Map.entry("Ei", dec(EI)));

    private static final Map<String, Long> BYTE_UNITS = Map.ofEntries(
            Map.entry("", 1L),
            Map.entry("kb", 1_000L),
            Map.entry("k", 1_000L),
            Map.entry("kib", KI),
            Map.entry("ki", KI),
            Map.entry("mb", 1_000_000L),
            Map.entry("m", 1_000_000L),
            Map.entry("mib", MI),
            Map.entry("mi", MI),
            Map.entry("gb", 1_000_000_000L),
            Map.entry("g", 1_000_000_000L),
            Map.entry("gib", GI),
            Map.entry("gi", GI),
            Map.entry("tb", 1_000_000_000_000L),
            Map.entry("t", 1_000_000_000_000L),
            Map.entry("tib", TI),
            Map.entry("ti", TI),
            Map.entry("pb", 1_000_000_000_000_000L),
            Map.entry("p", 1_000_000_000_000_000L),
            Map.entry("pib", PI),
            Map.entry("pi", PI),
            Map.entry("eb", 1_000_000_000_000_000_000L),
            Map.entry("e", 1_000_000_000_000_000_000L),
            Map.entry("eib", EI),
            Map.entry("ei", EI));

    private UnitsBuiltins() {}

    private static BigDecimal dec(long l) {
        return BigDecimal.valueOf(l);
    }

    static void register(BuiltinRegistry r) {
        r.register("units.parse", 1, (c, a) -> parse(Args.string("units.parse", a, 0)));
        r.register("units.parse_bytes", 1, (c, a) -> parseBytes(Args.string("units.parse_bytes", a, 0)));
    }

    /** OPA formats these errors itself and the evaluator prefixes the name again. */
    private static BuiltinError error(String name, String msg) {
        return BuiltinError.of(name, name + ": " + msg);
    }

    static Value parse(String raw) {
        String n = "units.parse";
        String s = raw.replace("\"", "");
        if (s.contains(" ")) {
            throw error(n, "spaces not allowed in resource strings");
        }
        String[] numUnit = split(s);
        if (numUnit == null) {
            throw error(n, "exponent too large");
        }
        if (numUnit[0].isEmpty()) {
            throw error(n, "no amount provided");
        }
        String unit = numUnit[1];
        if (unit.length() > 1) {
            unit = unit.charAt(0) + unit.substring(1).toLowerCase(Locale.ROOT);
        }
        BigDecimal factor = UNITS.get(unit);
        if (factor == null) {
            throw error(n, "unit " + unit + " not recognized");
        }
        BigDecimal amount = decimal(numUnit[0]);
        if (amount == null) {
            throw error(n, "could not parse amount to a number");
        }
        BigDecimal x = amount.multiply(factor);
        if (x.signum() == 0 || x.stripTrailingZeros().scale() <= 0) {
            return NumberValue.of(x.toBigIntegerExact());
        }
        return NumberValue.of(x.setScale(10, RoundingMode.HALF_UP));
    }

    static Value parseBytes(String raw) {
        String n = "units.parse_bytes";
        String s = raw.toLowerCase(Locale.ROOT).replace("\"", "");
        if (s.contains(" ")) {
            throw error(n, "spaces not allowed in resource strings");
        }
        String[] numUnit = split(s);
        if (numUnit == null) {
            throw error(n, "exponent too large");
        }
        if (numUnit[0].isEmpty()) {
            throw error(n, "no byte amount provided");
        }
        Long factor = BYTE_UNITS.get(numUnit[1]);
        if (factor == null) {
            throw error(n, "byte unit " + numUnit[1] + " not recognized");
        }
        BigDecimal amount = decimal(numUnit[0]);
        if (amount == null) {
            throw error(n, "could not parse byte amount to a number");
        }
        BigDecimal product = BinaryFloat.round64(BinaryFloat.round64(amount).multiply(BigDecimal.valueOf(factor)));
        return NumberValue.of(product.toBigInteger());
    }

    /** Go's decimal syntax for {@code big.Rat/big.Float.SetString}: sign, digits, point, exponent. */
    private static BigDecimal decimal(String num) {
        if (!num.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
            return null;
        }
        return new BigDecimal(num.startsWith("+") ? num.substring(1) : num);
    }

    /** OPA's {@code extractNumAndUnit}: {number, unit}, or null when the exponent is too long. */
    private static String[] split(String s) {
        int firstNonNum = -1;
        for (int i = 0; i < s.length(); i++) {
            char r = s.charAt(i);
            boolean digit = r >= '0' && r <= '9';
            if (!digit && r != '.' && r != 'e' && r != 'E' && r != '+' && r != '-') {
                firstNonNum = i;
                break;
            }
            if (r == 'e' || r == 'E') {
                if (i == s.length() - 1
                        || !(isDigit(s.charAt(i + 1)) || s.charAt(i + 1) == '+' || s.charAt(i + 1) == '-')) {
                    firstNonNum = i;
                    break;
                }
                if (s.charAt(i + 1) == '+' || s.charAt(i + 1) == '-') {
                    i++;
                }
                int end = i + 1;
                while (end < s.length() && isDigit(s.charAt(end))) {
                    end++;
                }
                if (end - (i + 1) > MAX_EXPONENT_DIGITS) {
                    return null;
                }
            }
        }
        if (firstNonNum == -1) {
            return new String[] {s, ""};
        }
        return new String[] {s.substring(0, firstNonNum), s.substring(firstNonNum)};
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Rounding to a {@code big.Float} of 64-bit mantissa, nearest-even, as Go's default precision. */
    static final class BinaryFloat {
        private BinaryFloat() {}

        static BigDecimal round64(BigDecimal v) {
            if (v.signum() == 0) {
                return v;
            }
            BigInteger num = v.unscaledValue().abs();
            BigInteger den = BigInteger.ONE;
            if (v.scale() > 0) {
                den = BigInteger.TEN.pow(v.scale());
            } else {
                num = num.multiply(BigInteger.TEN.pow(-v.scale()));
            }
            int k = num.bitLength() - den.bitLength();
            if (compareScaled(num, den, k) < 0) {
                k--;
            }
            int shift = 63 - k;
            BigInteger n2 = shift >= 0 ? num.shiftLeft(shift) : num;
            BigInteger d2 = shift >= 0 ? den : den.shiftLeft(-shift);
            BigInteger[] qr = n2.divideAndRemainder(d2);
            BigInteger q = qr[0];
            int c = qr[1].shiftLeft(1).compareTo(d2);
            if (c > 0 || (c == 0 && q.testBit(0))) {
                q = q.add(BigInteger.ONE);
            }
            BigDecimal out = new BigDecimal(q);
            out = shift >= 0
                    ? out.divide(new BigDecimal(BigInteger.ONE.shiftLeft(shift)))
                    : out.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(-shift)));
            return v.signum() < 0 ? out.negate() : out;
        }

        /** Sign of {@code num/den - 2^k}. */
        private static int compareScaled(BigInteger num, BigInteger den, int k) {
            return k >= 0 ? num.compareTo(den.shiftLeft(k)) : num.shiftLeft(-k).compareTo(den);
        }
    }
}

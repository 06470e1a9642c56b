package dev.maa.rego.builtins;

import java.math.BigInteger;
import java.util.Map;

/** Go's {@code time.ParseDuration}, including its float64 handling of fractions and its messages. */
final class GoDuration {
    private static final BigInteger LIMIT = BigInteger.ONE.shiftLeft(63);
    private static final Map<String, Long> UNITS = Map.of(
            "ns",
            1L,
            "us",
            1_000L,
            "\u00b5s",
            1_000L,
            "\u03bcs",
            1_000L,
            "ms",
            1_000_000L,
            "s",
            1_000_000_000L,
            "m",
            60_000_000_000L,
            "h",
            3_600_000_000_000L);

    private GoDuration() {}

    /** Nanoseconds, or an exception whose message is Go's error text. */
    static long parse(String orig) {
        String s = orig;
        boolean neg = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            neg = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return 0;
        }
        if (s.isEmpty()) {
            throw invalid(orig);
        }
        BigInteger d = BigInteger.ZERO;
        while (!s.isEmpty()) {
            char c0 = s.charAt(0);
            if (!(c0 == '.' || (c0 >= '0' && c0 <= '9'))) {
                throw invalid(orig);
            }
            int i = 0;
            BigInteger v = BigInteger.ZERO;
            while (i < s.length() && Character.isDigit(s.charAt(i)) && s.charAt(i) < 0x80) {
                v = v.multiply(BigInteger.TEN).add(BigInteger.valueOf(s.charAt(i) - '0'));
                if (v.compareTo(LIMIT) > 0) {
                    throw invalid(orig);
                }
                i++;
            }
            boolean pre = i > 0;
            s = s.substring(i);
            long f = 0;
            double scale = 1;
            boolean post = false;
            if (!s.isEmpty() && s.charAt(0) == '.') {
                s = s.substring(1);
                int j = 0;
                boolean overflow = false;
                while (j < s.length() && s.charAt(j) >= '0' && s.charAt(j) <= '9') {
                    if (!overflow) {
                        if (f > (Long.MAX_VALUE) / 10) {
                            overflow = true;
                        } else {
                            f = f * 10 + (s.charAt(j) - '0');
                            scale *= 10;
                        }
                    }
                    j++;
                }
                post = j > 0;
                s = s.substring(j);
            }
            if (!pre && !post) {
                throw invalid(orig);
            }
            int u = 0;
            while (u < s.length() && s.charAt(u) != '.' && !(s.charAt(u) >= '0' && s.charAt(u) <= '9')) {
                u++;
            }
            if (u == 0) {
                throw new IllegalArgumentException("time: missing unit in duration " + GoTimeLayout.quote(orig));
            }
            String unitName = s.substring(0, u);
            s = s.substring(u);
            Long unit = UNITS.get(unitName);
            if (unit == null) {
                throw new IllegalArgumentException("time: unknown unit " + GoTimeLayout.quote(unitName)
                        + " in duration " + GoTimeLayout.quote(orig));
            }
            if (v.compareTo(LIMIT.divide(BigInteger.valueOf(unit))) > 0) {
                throw invalid(orig);
            }
            v = v.multiply(BigInteger.valueOf(unit));
            if (f > 0) {
                v = v.add(BigInteger.valueOf((long) ((double) f * ((double) unit / scale))));
                if (v.compareTo(LIMIT) > 0) {
                    throw invalid(orig);
                }
            }
            d = d.add(v);
            if (d.compareTo(LIMIT) > 0) {
                throw invalid(orig);
            }
        }
        if (neg) {
            return d.negate().longValue();
        }
        if (d.compareTo(LIMIT) >= 0) {
            throw invalid(orig);
        }
        return d.longValue();
    }

    private static IllegalArgumentException invalid(String orig) {
        return new IllegalArgumentException("time: invalid duration " + GoTimeLayout.quote(orig));
    }
}

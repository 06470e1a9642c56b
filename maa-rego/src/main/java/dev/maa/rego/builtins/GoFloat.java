package dev.maa.rego.builtins;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Go's {@code strconv.FormatFloat} for the {@code 'e'}, {@code 'f'} and {@code 'g'} formats of a
 * float64. Rounding works on the exact binary value ({@code new BigDecimal(double)}), which is what
 * Go does; the shortest form searches the fewest digits that read back as the same double, because
 * {@code Double.toString} on Java 17 is not always the shortest.
 */
final class GoFloat {
    private GoFloat() {}

    /** Decimal digits (no leading/trailing zeros) and the decimal point position, as in Go's decimal. */
    record Digits(String d, int dp) {
        int nd() {
            return d.length();
        }
    }

    /** Formats a finite double; {@code prec < 0} means shortest. {@code fmt} is e, E, f, g or G. */
    static String format(double v, char fmt, int prec) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        boolean neg = v < 0 || (v == 0 && 1 / v < 0);
        double a = Math.abs(v);
        boolean shortest = prec < 0;
        Digits digs;
        char lower = Character.toLowerCase(fmt);
        if (shortest) {
            digs = shortestDigits(a);
            prec = switch (lower) {
                case 'e' -> digs.nd() - 1;
                case 'f' -> Math.max(digs.nd() - digs.dp(), 0);
                default -> digs.nd();
            };
        } else {
            digs = switch (lower) {
                case 'e' -> round(a, prec + 1);
                case 'f' -> roundFixed(a, prec);
                default -> round(a, prec == 0 ? 1 : prec);
            };
            if (lower == 'g' && prec == 0) {
                prec = 1;
            }
        }
        StringBuilder sb = new StringBuilder();
        if (neg) {
            sb.append('-');
        }
        switch (lower) {
            case 'e' -> fmtE(sb, digs, prec, fmt);
            case 'f' -> fmtF(sb, digs, prec);
            default -> {
                int eprec = prec;
                if (eprec > digs.nd() && digs.nd() >= digs.dp()) {
                    eprec = digs.nd();
                }
                if (shortest) {
                    eprec = 6;
                }
                int exp = digs.dp() - 1;
                if (digs.nd() == 0) {
                    exp = -1;
                }
                if (exp < -4 || exp >= eprec) {
                    if (prec > digs.nd()) {
                        prec = digs.nd();
                    }
                    fmtE(sb, digs, prec - 1, fmt == 'g' ? 'e' : 'E');
                } else {
                    if (prec > digs.dp()) {
                        prec = digs.nd();
                    }
                    fmtF(sb, digs, Math.max(prec - digs.dp(), 0));
                }
            }
        }
        return sb.toString();
    }

    private static void fmtE(StringBuilder sb, Digits digs, int prec, char e) {
        String d = digs.d();
        sb.append(d.isEmpty() ? '0' : d.charAt(0));
        if (prec > 0) {
            sb.append('.');
            int i = 1;
            int m = Math.min(d.length(), prec + 1);
            if (i < m) {
                sb.append(d, i, m);
                i = m;
            }
            for (; i <= prec; i++) {
                sb.append('0');
            }
        }
        sb.append(e);
        int exp = d.isEmpty() ? 0 : digs.dp() - 1;
        sb.append(exp < 0 ? '-' : '+');
        exp = Math.abs(exp);
        if (exp < 10) {
            sb.append('0');
        }
        sb.append(exp);
    }

    private static void fmtF(StringBuilder sb, Digits digs, int prec) {
        String d = digs.d();
        if (digs.dp() > 0) {
            int m = Math.min(d.length(), digs.dp());
            sb.append(d, 0, m);
            for (; m < digs.dp(); m++) {
                sb.append('0');
            }
        } else {
            sb.append('0');
        }
        if (prec > 0) {
            sb.append('.');
            for (int i = 1; i <= prec; i++) {
                int j = digs.dp() + i - 1;
                sb.append(j >= 0 && j < d.length() ? d.charAt(j) : '0');
            }
        }
    }

    private static Digits digitsOf(BigDecimal x) {
        if (x.signum() == 0) {
            return new Digits("", 0);
        }
        BigDecimal s = x.stripTrailingZeros();
        String u = s.unscaledValue().toString();
        return new Digits(u, u.length() - s.scale());
    }

    /** Rounded to {@code sig} significant digits, half-even on the exact value. */
    static Digits round(double a, int sig) {
        if (a == 0) {
            return new Digits("", 0);
        }
        return digitsOf(new BigDecimal(a).round(new MathContext(sig, RoundingMode.HALF_EVEN)));
    }

    private static Digits roundFixed(double a, int prec) {
        return digitsOf(new BigDecimal(a).setScale(prec, RoundingMode.HALF_EVEN));
    }

    /** The fewest significant digits that parse back to {@code a}. */
    static Digits shortestDigits(double a) {
        if (a == 0) {
            return new Digits("", 0);
        }
        BigDecimal exact = new BigDecimal(a);
        for (int p = 1; p <= 17; p++) {
            BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (r.doubleValue() == a) {
                return digitsOf(r);
            }
        }
        return digitsOf(exact.round(new MathContext(17, RoundingMode.HALF_EVEN)));
    }
}

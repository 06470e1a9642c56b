package dev.maa.rego.builtins;

import dev.maa.rego.value.Value;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * OPA's {@code sprintf}: Go's {@code fmt.Sprintf} over the argument kinds OPA passes in — an
 * {@code int} for integral numbers in 64-bit range, a {@code *big.Int} for larger integers, a
 * {@code float64} for other numbers, a {@code string} for strings, and the Rego text of any other
 * value as a string (so {@code %d} of {@code true} prints {@code %!d(string=true)}, as in OPA).
 *
 * <p>Go's error forms ({@code %!d(string=x)}, {@code %!d(MISSING)}, {@code %!(EXTRA ...)},
 * {@code %!(NOVERB)}, {@code %!(BADWIDTH)}, {@code %!(BADPREC)}) are reproduced. Explicit argument
 * indexes ({@code %[2]d}), {@code %#} on floats and the float {@code %b %x %X} forms are rejected
 * as unsupported instead of approximated.
 */
final class GoSprintf {
    private static final String NAME = "sprintf";

    private final StringBuilder out = new StringBuilder();
    private boolean plus;
    private boolean minus;
    private boolean sharp;
    private boolean space;
    private boolean zero;
    private boolean plusV;
    private boolean sharpV;
    private boolean widPresent;
    private boolean precPresent;
    private int wid;
    private int prec;

    private GoSprintf() {}

    static String sprintf(String format, List<Value> values) {
        Object[] args = new Object[values.size()];
        for (int i = 0; i < args.length; i++) {
            args[i] = GoFmtArgs.goArg(values.get(i));
        }
        GoSprintf p = new GoSprintf();
        p.doPrintf(format, args);
        return p.out.toString();
    }

    private void clearFlags() {
        plus = minus = sharp = space = zero = plusV = sharpV = widPresent = precPresent = false;
        wid = prec = 0;
    }

    private void doPrintf(String format, Object[] a) {
        int end = format.length();
        int argNum = 0;
        int i = 0;
        formatLoop:
        while (i < end) {
            int lasti = i;
            while (i < end && format.charAt(i) != '%') {
                i++;
            }
            out.append(format, lasti, i);
            if (i >= end) {
                break;
            }
            i++;
            clearFlags();
            flags:
            for (; i < end; i++) {
                char c = format.charAt(i);
                switch (c) {
                    case '#' -> sharp = true;
                    case '0' -> zero = !minus;
                    case '+' -> plus = true;
                    case '-' -> {
                        minus = true;
                        zero = false;
                    }
                    case ' ' -> space = true;
                    default -> {
                        if (c >= 'a' && c <= 'z' && argNum < a.length) {
                            if (c == 'v') {
                                moveVFlags();
                            }
                            printArg(a[argNum++], c);
                            i++;
                            continue formatLoop;
                        }
                        break flags;
                    }
                }
            }
            rejectIndex(format, i);
            if (i < end && format.charAt(i) == '*') {
                i++;
                Long w = argNum < a.length && a[argNum] instanceof Long l ? l : null;
                argNum = Math.min(argNum + 1, a.length);
                if (w == null || Math.abs(w) > 1_000_000) {
                    out.append("%!(BADWIDTH)");
                } else {
                    widPresent = true;
                    wid = w.intValue();
                    if (wid < 0) {
                        wid = -wid;
                        minus = true;
                        zero = false;
                    }
                }
            } else {
                int start = i;
                while (i < end && Character.isDigit(format.charAt(i))) {
                    i++;
                }
                if (i > start) {
                    widPresent = true;
                    wid = parseNum(format.substring(start, i));
                }
            }
            if (i + 1 < end && format.charAt(i) == '.') {
                i++;
                rejectIndex(format, i);
                if (format.charAt(i) == '*') {
                    i++;
                    Long pr = argNum < a.length && a[argNum] instanceof Long l ? l : null;
                    argNum = Math.min(argNum + 1, a.length);
                    if (pr == null || Math.abs(pr) > 1_000_000) {
                        out.append("%!(BADPREC)");
                    } else if (pr >= 0) {
                        precPresent = true;
                        prec = pr.intValue();
                    }
                } else {
                    int start = i;
                    while (i < end && Character.isDigit(format.charAt(i))) {
                        i++;
                    }
                    precPresent = true;
                    prec = i > start ? parseNum(format.substring(start, i)) : 0;
                }
            }
            rejectIndex(format, i);
            if (i >= end) {
                out.append("%!(NOVERB)");
                break;
            }
            int verb = format.codePointAt(i);
            i += Character.charCount(verb);
            if (verb == '%') {
                out.append('%');
            } else if (argNum >= a.length) {
                out.append("%!").appendCodePoint(verb).append("(MISSING)");
            } else {
                if (verb == 'v') {
                    moveVFlags();
                }
                printArg(a[argNum++], verb);
            }
        }
        if (argNum < a.length) {
            clearFlags();
            out.append("%!(EXTRA ");
            for (int k = argNum; k < a.length; k++) {
                if (k > argNum) {
                    out.append(", ");
                }
                out.append(GoFmtArgs.typeName(a[k])).append('=');
                printArg(a[k], 'v');
            }
            out.append(')');
        }
    }

    private static int parseNum(String digits) {
        if (digits.length() > 6) {
            throw BuiltinError.of(NAME, "width or precision too large: " + digits);
        }
        return Integer.parseInt(digits);
    }

    private static void rejectIndex(String format, int i) {
        if (i < format.length() && format.charAt(i) == '[') {
            throw BuiltinError.of(NAME, "explicit argument indexes (%[n]) are not supported by this engine");
        }
    }

    private void moveVFlags() {
        sharpV = sharp;
        sharp = false;
        plusV = plus;
        plus = false;
    }

    private void printArg(Object arg, int verb) {
        if (verb == 'T') {
            padString(GoFmtArgs.typeName(arg));
            return;
        }
        if (verb == 'p') {
            badVerb(arg, verb);
            return;
        }
        if (arg instanceof Long l) {
            fmtLong(l, verb);
        } else if (arg instanceof BigInteger b) {
            fmtBig(b, verb);
        } else if (arg instanceof Double d) {
            fmtDouble(d, verb);
        } else {
            fmtString((String) arg, verb);
        }
    }

    private void badVerb(Object arg, int verb) {
        out.append("%!")
                .appendCodePoint(verb)
                .append('(')
                .append(GoFmtArgs.typeName(arg))
                .append('=');
        printArg(arg, 'v');
        out.append(')');
    }

    private void writePadding(int n) {
        char c = zero && !minus ? '0' : ' ';
        for (int k = 0; k < n; k++) {
            out.append(c);
        }
    }

    private void padString(String s) {
        if (!widPresent || wid == 0) {
            out.append(s);
            return;
        }
        int width = wid - s.codePointCount(0, s.length());
        if (!minus) {
            writePadding(width);
            out.append(s);
        } else {
            out.append(s);
            writePadding(width);
        }
    }

    private void fmtLong(long v, int verb) {
        switch (verb) {
            case 'v', 'd' -> fmtInteger(v, 10, verb, false);
            case 'b' -> fmtInteger(v, 2, verb, false);
            case 'o', 'O' -> fmtInteger(v, 8, verb, false);
            case 'x' -> fmtInteger(v, 16, verb, false);
            case 'X' -> fmtInteger(v, 16, verb, true);
            case 'c' -> padString(new String(Character.toChars(validRune(v))));
            case 'q' -> padString(GoQuote.quoteRune(validRune(v)));
            case 'U' -> fmtUnicode(v);
            default -> badVerb(v, verb);
        }
    }

    private static int validRune(long v) {
        return v < 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF) ? 0xFFFD : (int) v;
    }

    private void fmtUnicode(long v) {
        if (v < 0 || sharp) {
            throw BuiltinError.of(NAME, "%U of a negative number or with # is not supported by this engine");
        }
        String hex = Long.toHexString(v).toUpperCase();
        int p = precPresent && prec > 4 ? prec : 4;
        StringBuilder sb = new StringBuilder("U+");
        for (int k = hex.length(); k < p; k++) {
            sb.append('0');
        }
        boolean z = zero;
        zero = false;
        padString(sb.append(hex).toString());
        zero = z;
    }

    private void fmtInteger(long v, int base, int verb, boolean upper) {
        boolean negative = v < 0;
        String digits = negative ? BigInteger.valueOf(v).negate().toString(base) : Long.toString(v, base);
        if (upper) {
            digits = digits.toUpperCase();
        }
        int p = 0;
        if (precPresent) {
            p = prec;
            if (p == 0 && v == 0) {
                boolean z = zero;
                zero = false;
                writePadding(wid);
                zero = z;
                return;
            }
        } else if (zero && !minus && widPresent) {
            p = wid;
            if (negative || plus || space) {
                p--;
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int k = digits.length(); k < p; k++) {
            sb.append('0');
        }
        sb.append(digits);
        if (sharp) {
            switch (base) {
                case 2 -> sb.insert(0, "0b");
                case 8 -> {
                    if (sb.charAt(0) != '0') {
                        sb.insert(0, '0');
                    }
                }
                case 16 -> sb.insert(0, upper ? "0X" : "0x");
                default -> {}
            }
        }
        if (verb == 'O') {
            sb.insert(0, "0o");
        }
        if (negative) {
            sb.insert(0, '-');
        } else if (plus) {
            sb.insert(0, '+');
        } else if (space) {
            sb.insert(0, ' ');
        }
        boolean z = zero;
        zero = false;
        padString(sb.toString());
        zero = z;
    }

    /** {@code (*big.Int).Format}. */
    private void fmtBig(BigInteger x, int verb) {
        int base;
        switch (verb) {
            case 'b' -> base = 2;
            case 'o', 'O' -> base = 8;
            case 'd', 's', 'v' -> base = 10;
            case 'x', 'X' -> base = 16;
            default -> {
                out.append("%!")
                        .appendCodePoint(verb)
                        .append("(big.Int=")
                        .append(x)
                        .append(')');
                return;
            }
        }
        boolean fPlus = plus || plusV;
        boolean fSharp = sharp || sharpV;
        String sign = x.signum() < 0 ? "-" : fPlus ? "+" : space ? " " : "";
        String prefix = "";
        if (fSharp) {
            prefix = switch (verb) {
                case 'b' -> "0b";
                case 'o' -> "0";
                case 'x' -> "0x";
                case 'X' -> "0X";
                default -> "";
            };
        }
        if (verb == 'O') {
            prefix = "0o";
        }
        String digits = x.abs().toString(base);
        if (verb == 'X') {
            digits = digits.toUpperCase();
        }
        int left = 0;
        int zeros = 0;
        int right = 0;
        if (precPresent) {
            if (digits.length() < prec) {
                zeros = prec - digits.length();
            } else if (digits.equals("0") && prec == 0) {
                return;
            }
        }
        int length = sign.length() + prefix.length() + zeros + digits.length();
        if (widPresent && length < wid) {
            int d = wid - length;
            if (minus) {
                right = d;
            } else if (zero && !precPresent) {
                zeros = d;
            } else {
                left = d;
            }
        }
        out.append(" ".repeat(left))
                .append(sign)
                .append(prefix)
                .append("0".repeat(zeros))
                .append(digits)
                .append(" ".repeat(right));
    }

    private void fmtDouble(double v, int verb) {
        int defPrec;
        char fmt;
        switch (verb) {
            case 'v' -> {
                fmt = 'g';
                defPrec = -1;
            }
            case 'g', 'G' -> {
                fmt = (char) verb;
                defPrec = -1;
            }
            case 'e', 'E', 'f' -> {
                fmt = (char) verb;
                defPrec = 6;
            }
            case 'F' -> {
                fmt = 'f';
                defPrec = 6;
            }
            case 'b', 'x', 'X' ->
                throw BuiltinError.of(
                        NAME, "%" + (char) verb + " of a floating-point number is not supported by this engine");
            default -> {
                badVerb(v, verb);
                return;
            }
        }
        if (sharp) {
            throw BuiltinError.of(NAME, "the # flag on floating-point numbers is not supported by this engine");
        }
        String num = GoFloat.format(v, fmt, precPresent ? prec : defPrec);
        char sign = '+';
        if (num.charAt(0) == '-') {
            sign = '-';
            num = num.substring(1);
        }
        if (space && sign == '+' && !plus) {
            sign = ' ';
        }
        if (plus || sign != '+') {
            if (zero && !minus && widPresent && wid > num.length() + 1) {
                out.append(sign);
                writePadding(wid - num.length() - 1);
                out.append(num);
                return;
            }
            padString(sign + num);
            return;
        }
        padString(num);
    }

    private void fmtString(String s, int verb) {
        switch (verb) {
            case 'v' -> {
                if (sharpV) {
                    fmtQ(s);
                } else {
                    padString(truncate(s));
                }
            }
            case 's' -> padString(truncate(s));
            case 'q' -> fmtQ(s);
            case 'x', 'X' -> fmtSx(s, verb == 'X');
            default -> badVerb(s, verb);
        }
    }

    private String truncate(String s) {
        if (precPresent && s.codePointCount(0, s.length()) > prec) {
            return s.substring(0, s.offsetByCodePoints(0, prec));
        }
        return s;
    }

    private void fmtQ(String s) {
        s = truncate(s);
        if (sharp && GoQuote.canBackquote(s)) {
            padString("`" + s + "`");
            return;
        }
        padString(GoQuote.quote(s, plus));
    }

    private void fmtSx(String s, boolean upper) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        int length = precPresent && prec < b.length ? prec : b.length;
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < length; k++) {
            if (space && k > 0) {
                sb.append(' ');
            }
            if (sharp && (space || k == 0)) {
                sb.append(upper ? "0X" : "0x");
            }
            String h = String.format("%02x", b[k] & 0xff);
            sb.append(upper ? h.toUpperCase() : h);
        }
        padString(sb.toString());
    }
}

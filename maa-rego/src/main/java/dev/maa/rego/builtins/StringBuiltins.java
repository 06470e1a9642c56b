package dev.maa.rego.builtins;

import dev.maa.rego.RegoUnsupportedException;
import dev.maa.rego.value.ArrayValue;
import dev.maa.rego.value.BooleanValue;
import dev.maa.rego.value.NumberValue;
import dev.maa.rego.value.ObjectValue;
import dev.maa.rego.value.StringValue;
import dev.maa.rego.value.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * String builtins: {@code concat, contains, startswith, endswith, lower, upper, split, replace,
 * trim*, sprintf, format_int, indexof, indexof_n, substring, strings.*}.
 *
 * <p>Go works on UTF-8 bytes and runes, Java on UTF-16 chars; every index and length here is in
 * code points (runes), which is what OPA reports. Case mapping and white space follow Go's
 * per-rune rules rather than Java's locale-aware full mappings ({@code "ß"} stays {@code "ß"}).
 */
final class StringBuiltins {
    private StringBuiltins() {}

    static void register(BuiltinRegistry r) {
        r.register("concat", 2, (c, a) -> concat(a));
        r.register("contains", 2, (c, a) -> bool(str("contains", a, 0).contains(str("contains", a, 1))));
        r.register("startswith", 2, (c, a) -> bool(str("startswith", a, 0).startsWith(str("startswith", a, 1))));
        r.register("endswith", 2, (c, a) -> bool(str("endswith", a, 0).endsWith(str("endswith", a, 1))));
        r.register("lower", 1, (c, a) -> StringValue.of(mapCase(str("lower", a, 0), false)));
        r.register("upper", 1, (c, a) -> StringValue.of(mapCase(str("upper", a, 0), true)));
        r.register("split", 2, (c, a) -> split(a));
        r.register("strings.split_n", 3, (c, a) -> splitN(a));
        r.register("replace", 3, (c, a) -> replace(a));
        r.register("strings.replace_n", 2, (c, a) -> replaceN(a));
        r.register("trim", 2, (c, a) -> StringValue.of(trim(str("trim", a, 0), str("trim", a, 1), true, true)));
        r.register(
                "trim_left",
                2,
                (c, a) -> StringValue.of(trim(str("trim_left", a, 0), str("trim_left", a, 1), true, false)));
        r.register(
                "trim_right",
                2,
                (c, a) -> StringValue.of(trim(str("trim_right", a, 0), str("trim_right", a, 1), false, true)));
        r.register("trim_prefix", 2, (c, a) -> trimPrefix(a));
        r.register("trim_suffix", 2, (c, a) -> trimSuffix(a));
        r.register("trim_space", 1, (c, a) -> StringValue.of(trimSpace(str("trim_space", a, 0))));
        r.register("sprintf", 2, (c, a) -> sprintf(a));
        r.register("format_int", 2, (c, a) -> formatInt(a));
        r.register("indexof", 2, (c, a) -> indexOf(a));
        r.register("indexof_n", 2, (c, a) -> indexOfN(a));
        r.register("substring", 3, (c, a) -> substring(a));
        r.register("strings.reverse", 1, (c, a) -> reverse(a));
        r.register("strings.count", 2, (c, a) -> count(a));
        r.register("strings.any_prefix_match", 2, (c, a) -> anyMatch("strings.any_prefix_match", a, true));
        r.register("strings.any_suffix_match", 2, (c, a) -> anyMatch("strings.any_suffix_match", a, false));
        r.register(
                "strings.render_template",
                2,
                (c, a) -> StringValue.of(GoTemplate.render(
                        str("strings.render_template", a, 0), Args.object("strings.render_template", a, 1))));
    }

    private static String str(String name, Value[] a, int i) {
        return Args.string(name, a, i);
    }

    private static Value bool(boolean b) {
        return BooleanValue.of(b);
    }

    static Value concat(Value[] a) {
        String sep = str("concat", a, 0);
        if (!(a[1] instanceof ArrayValue) && !(a[1] instanceof dev.maa.rego.value.SetValue)) {
            throw Args.typeError("concat", 2, a[1], "set", "array");
        }
        return StringValue.of(String.join(sep, OpaOperands.stringSlice("concat", a, 1)));
    }

    /** Go's {@code strings.ToLower/ToUpper}: simple per-rune mapping. */
    static String mapCase(String s, boolean upper) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> sb.appendCodePoint(upper ? Character.toUpperCase(cp) : Character.toLowerCase(cp)));
        return sb.toString();
    }

    static Value split(Value[] a) {
        String s = str("split", a, 0);
        String d = str("split", a, 1);
        List<Value> parts = new ArrayList<>();
        if (d.isEmpty()) {
            s.codePoints().forEach(cp -> parts.add(StringValue.of(new String(Character.toChars(cp)))));
            return ArrayValue.of(parts);
        }
        int from = 0;
        int at;
        while ((at = s.indexOf(d, from)) >= 0) {
            parts.add(StringValue.of(s.substring(from, at)));
            from = at + d.length();
        }
        parts.add(StringValue.of(s.substring(from)));
        return ArrayValue.of(parts);
    }

    /** All parts of {@code split}, then the first n (n > 0) or the last -n (n < 0); none for 0. */
    static Value splitN(Value[] a) {
        str("strings.split_n", a, 0);
        str("strings.split_n", a, 1);
        BigInteger n = Args.integer("strings.split_n", a, 2);
        List<Value> parts = ((ArrayValue) split(a)).items();
        int size = parts.size();
        int keep = n.abs().min(BigInteger.valueOf(size)).intValue();
        return ArrayValue.of(n.signum() >= 0 ? parts.subList(0, keep) : parts.subList(size - keep, size));
    }

    static Value replace(Value[] a) {
        String s = str("replace", a, 0);
        String old = str("replace", a, 1);
        String neu = str("replace", a, 2);
        if (old.isEmpty()) {
            // Go's strings.Replace: an empty old string matches before every rune and at the end
            StringBuilder sb = new StringBuilder(s.length() * (1 + neu.length()) + neu.length());
            s.codePoints().forEach(cp -> sb.append(neu).appendCodePoint(cp));
            return StringValue.of(sb.append(neu).toString());
        }
        return StringValue.of(s.replace(old, neu));
    }

    static Value replaceN(Value[] a) {
        ObjectValue patterns = Args.object("strings.replace_n", a, 0);
        String s = str("strings.replace_n", a, 1);
        List<String> olds = new ArrayList<>();
        List<String> news = new ArrayList<>();
        for (int i = 0; i < patterns.size(); i++) {
            if (!(patterns.keyAt(i) instanceof StringValue k)) {
                throw OpaOperands.operandError("strings.replace_n", 1, "non-string key found in pattern object");
            }
            if (!(patterns.valueAt(i) instanceof StringValue v)) {
                throw OpaOperands.operandError("strings.replace_n", 1, "non-string value found in pattern object");
            }
            olds.add(k.value());
            news.add(v.value());
        }
        return StringValue.of(replaceAll("strings.replace_n", s, olds, news));
    }

    /**
     * Go's {@code strings.NewReplacer(old1, new1, ...).Replace(s)}: left to right, no overlaps, and
     * at each position the first pair (argument order) whose old string matches wins. An empty old
     * string matches between every byte in Go, which splits multi-byte runes into invalid UTF-8 that
     * a Java string cannot hold: the engine refuses that case (an error even in non-strict mode, so
     * a policy never sees an undefined value where OPA has a string).
     */
    static String replaceAll(String name, String s, List<String> olds, List<String> news) {
        boolean hasEmpty = olds.contains("");
        if (hasEmpty && !s.chars().allMatch(ch -> ch < 0x80)) {
            throw new RegoUnsupportedException(
                    "rego_unsupported_error",
                    null,
                    name
                            + ": an empty key on non-ASCII text splits UTF-8 sequences in OPA; not supported by this engine"
                            + " (remove the empty key or replace ASCII text only)");
        }
        if (olds.size() == 1 && !hasEmpty) {
            return s.replace(olds.get(0), news.get(0));
        }
        StringBuilder sb = new StringBuilder(s.length());
        boolean prevEmpty = false;
        int i = 0;
        while (i <= s.length()) {
            int match = -1;
            for (int k = 0; k < olds.size(); k++) {
                String o = olds.get(k);
                if (o.isEmpty() ? !prevEmpty : s.startsWith(o, i)) {
                    match = k;
                    break;
                }
            }
            prevEmpty = match >= 0 && olds.get(match).isEmpty();
            if (match >= 0) {
                sb.append(news.get(match));
                i += olds.get(match).length();
                continue;
            }
            if (i < s.length()) {
                sb.append(s.charAt(i));
            }
            i++;
        }
        return sb.toString();
    }

    /** Go's {@code strings.Trim/TrimLeft/TrimRight}: strips runes contained in {@code cutset}. */
    static String trim(String s, String cutset, boolean left, boolean right) {
        int[] cps = OpaOperands.codePoints(s);
        int from = 0;
        int to = cps.length;
        if (left) {
            while (from < to && cutset.indexOf(Character.toString(cps[from])) >= 0) {
                from++;
            }
        }
        if (right) {
            while (to > from && cutset.indexOf(Character.toString(cps[to - 1])) >= 0) {
                to--;
            }
        }
        return OpaOperands.fromCodePoints(cps, from, to);
    }

    static Value trimPrefix(Value[] a) {
        String s = str("trim_prefix", a, 0);
        String p = str("trim_prefix", a, 1);
        return StringValue.of(s.startsWith(p) ? s.substring(p.length()) : s);
    }

    static Value trimSuffix(Value[] a) {
        String s = str("trim_suffix", a, 0);
        String p = str("trim_suffix", a, 1);
        return StringValue.of(s.endsWith(p) ? s.substring(0, s.length() - p.length()) : s);
    }

    /** Go's {@code unicode.IsSpace}. */
    static boolean isGoSpace(int cp) {
        return switch (cp) {
            case '\t', '\n', 0x0b, '\f', '\r', ' ', 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000 -> true;
            default -> cp >= 0x2000 && cp <= 0x200a;
        };
    }

    static String trimSpace(String s) {
        int[] cps = OpaOperands.codePoints(s);
        int from = 0;
        int to = cps.length;
        while (from < to && isGoSpace(cps[from])) {
            from++;
        }
        while (to > from && isGoSpace(cps[to - 1])) {
            to--;
        }
        return OpaOperands.fromCodePoints(cps, from, to);
    }

    static Value sprintf(Value[] a) {
        String format = str("sprintf", a, 0);
        ArrayValue args = Args.array("sprintf", a, 1);
        return StringValue.of(GoSprintf.sprintf(format, args.items()));
    }

    static Value formatInt(Value[] a) {
        NumberValue n = Args.number("format_int", a, 0);
        NumberValue b = Args.number("format_int", a, 1);
        BigDecimal base = b.decimal();
        int radix = base.scale() != 0
                ? -1
                : switch (base.intValue()) {
                    case 2, 8, 10, 16 -> base.intValue();
                    default -> -1;
                };
        if (radix < 0 || base.compareTo(BigDecimal.valueOf(radix)) != 0) {
            throw OpaOperands.enumError("format_int", 2, "2", "8", "10", "16");
        }
        BigInteger i = n.decimal().toBigInteger();
        return StringValue.of(i.toString(radix));
    }

    static Value indexOf(Value[] a) {
        String s = str("indexof", a, 0);
        String search = str("indexof", a, 1);
        if (search.isEmpty()) {
            throw BuiltinError.of("indexof", "empty search character");
        }
        int at = s.indexOf(search);
        return NumberValue.of(at < 0 ? -1 : s.codePointCount(0, at));
    }

    static Value indexOfN(Value[] a) {
        String s = str("indexof_n", a, 0);
        String search = str("indexof_n", a, 1);
        if (search.isEmpty()) {
            throw BuiltinError.of("indexof_n", "empty search character");
        }
        List<Value> out = new ArrayList<>();
        int at = s.indexOf(search);
        while (at >= 0) {
            out.add(NumberValue.of(s.codePointCount(0, at)));
            at = s.indexOf(search, at + Character.charCount(s.codePointAt(at)));
        }
        return ArrayValue.of(out);
    }

    static Value substring(Value[] a) {
        String s = str("substring", a, 0);
        long start = OpaOperands.intOperand("substring", a, 1);
        long length = OpaOperands.intOperand("substring", a, 2);
        if (start < 0) {
            throw BuiltinError.of("substring", "negative offset");
        }
        int[] cps = OpaOperands.codePoints(s);
        if (start >= cps.length) {
            return StringValue.of("");
        }
        int from = (int) start;
        int to = length < 0 ? cps.length : (int) Math.min(cps.length, start + length);
        return StringValue.of(OpaOperands.fromCodePoints(cps, from, to));
    }

    static Value reverse(Value[] a) {
        int[] cps = OpaOperands.codePoints(str("strings.reverse", a, 0));
        StringBuilder sb = new StringBuilder();
        for (int i = cps.length - 1; i >= 0; i--) {
            sb.appendCodePoint(cps[i]);
        }
        return StringValue.of(sb.toString());
    }

    static Value count(Value[] a) {
        String s = str("strings.count", a, 0);
        String sub = str("strings.count", a, 1);
        if (sub.isEmpty()) {
            return NumberValue.of(s.codePointCount(0, s.length()) + 1L);
        }
        int n = 0;
        int at = s.indexOf(sub);
        while (at >= 0) {
            n++;
            at = s.indexOf(sub, at + sub.length());
        }
        return NumberValue.of(n);
    }

    private static List<String> stringOrSlice(String name, Value[] a, int i) {
        if (a[i] instanceof StringValue s) {
            return List.of(s.value());
        }
        if (a[i] instanceof ArrayValue || a[i] instanceof dev.maa.rego.value.SetValue) {
            return OpaOperands.stringSlice(name, a, i);
        }
        throw Args.typeError(name, i + 1, a[i], "string", "set", "array");
    }

    static Value anyMatch(String name, Value[] a, boolean prefix) {
        List<String> strs = stringOrSlice(name, a, 0);
        List<String> affixes = stringOrSlice(name, a, 1);
        for (String s : strs) {
            for (String p : affixes) {
                if (prefix ? s.startsWith(p) : s.endsWith(p)) {
                    return BooleanValue.TRUE;
                }
            }
        }
        return BooleanValue.FALSE;
    }
}

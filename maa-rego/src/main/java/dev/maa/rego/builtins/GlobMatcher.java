package dev.maa.rego.builtins;

import dev.maa.rego.value.ArrayValue;
import dev.maa.rego.value.BooleanValue;
import dev.maa.rego.value.NullValue;
import dev.maa.rego.value.StringValue;
import dev.maa.rego.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code glob.match} and {@code glob.quote_meta} with gobwas/glob semantics: {@code *} and
 * {@code ?} stop at separators, {@code **} does not, {@code [abc] [!a-z]} match one character
 * (separators included), {@code {a,b}} are alternatives, {@code \} escapes. A null delimiter list
 * means no separators, an empty list means {@code "."}, as in OPA. Patterns are translated to
 * anchored Java regular expressions.
 */
final class GlobMatcher {
    private static final String SPECIAL = "*?\\[]{},";
    private static final Map<String, Pattern> CACHE = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Pattern> eldest) {
            return size() > 100;
        }
    };

    private final String glob;
    private final String seps;
    private int i;

    private GlobMatcher(String glob, String seps) {
        this.glob = glob;
        this.seps = seps;
    }

    static void register(BuiltinRegistry r) {
        r.register("glob.match", 3, (c, a) -> match(a));
        r.register("glob.quote_meta", 1, (c, a) -> StringValue.of(quoteMeta(Args.string("glob.quote_meta", a, 0))));
    }

    static String quoteMeta(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (SPECIAL.indexOf(c) >= 0) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }

    static Value match(Value[] a) {
        String n = "glob.match";
        String pattern = Args.string(n, a, 0);
        StringBuilder seps = new StringBuilder();
        if (a[1] instanceof ArrayValue arr) {
            for (Value d : arr.items()) {
                if (!(d instanceof StringValue s)) {
                    throw OpaOperands.elementError(n, 2, arr, d, "string");
                }
                if (s.value().codePointCount(0, s.value().length()) != 1) {
                    throw OpaOperands.elementError(n, 2, arr, d, "rune");
                }
                seps.append(s.value());
            }
            if (arr.size() == 0) {
                seps.append('.');
            }
        } else if (!(a[1] instanceof NullValue)) {
            throw Args.typeError(n, 2, a[1], "array", "null");
        }
        String text = Args.string(n, a, 2);
        String key = pattern + "\u0000" + seps;
        Pattern p;
        synchronized (CACHE) {
            p = CACHE.get(key);
        }
        if (p == null) {
            GlobMatcher g = new GlobMatcher(pattern, seps.toString());
            p = Pattern.compile(g.alternatives(false), Pattern.DOTALL);
            synchronized (CACHE) {
                CACHE.put(key, p);
            }
        }
        return BooleanValue.of(p.matcher(new GuardedText(n, text)).matches());
    }

    private String notSeparator() {
        if (seps.isEmpty()) {
            return ".";
        }
        StringBuilder sb = new StringBuilder("[^");
        seps.codePoints().forEach(cp -> sb.append(String.format("\\x{%x}", cp)));
        return sb.append(']').toString();
    }

    /** Translates until the end, or (inside braces) until the closing brace. */
    private String alternatives(boolean inBraces) {
        List<String> alts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        while (i < glob.length()) {
            char c = glob.charAt(i);
            if (inBraces && (c == ',' || c == '}')) {
                i++;
                alts.add(cur.toString());
                cur = new StringBuilder();
                if (c == '}') {
                    return "(?:" + String.join("|", alts) + ")";
                }
                continue;
            }
            i++;
            switch (c) {
                case '*' -> {
                    if (i < glob.length() && glob.charAt(i) == '*') {
                        i++;
                        cur.append(".*");
                    } else {
                        cur.append(notSeparator()).append('*');
                    }
                }
                case '?' -> cur.append(notSeparator());
                case '[' -> cur.append(charClass());
                case '{' -> cur.append(alternatives(true));
                case '\\' -> {
                    if (i >= glob.length()) {
                        throw BuiltinError.of("glob.match", "unexpected end of input after escape character");
                    }
                    cur.append(literal(glob.codePointAt(i)));
                    i += Character.charCount(glob.codePointAt(i));
                }
                default -> cur.append(literal(c));
            }
        }
        if (inBraces) {
            throw BuiltinError.of("glob.match", "unexpected end of input: unclosed {");
        }
        return cur.toString();
    }

    private String charClass() {
        StringBuilder sb = new StringBuilder("[");
        if (i < glob.length() && glob.charAt(i) == '!') {
            sb.append('^');
            i++;
        }
        int start = i;
        while (i < glob.length() && glob.charAt(i) != ']') {
            int cp = glob.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '-' && i - 1 > start && i < glob.length() && glob.charAt(i) != ']') {
                sb.append('-');
            } else {
                sb.append(String.format("\\x{%x}", cp));
            }
        }
        if (i >= glob.length() || i == start) {
            throw BuiltinError.of("glob.match", "unexpected end of input or empty character class in " + glob);
        }
        i++;
        return sb.append(']').toString();
    }

    private static String literal(int cp) {
        return String.format("\\x{%x}", cp);
    }
}

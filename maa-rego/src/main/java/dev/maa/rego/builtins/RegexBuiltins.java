package dev.maa.rego.builtins;

import dev.maa.rego.value.ArrayValue;
import dev.maa.rego.value.BooleanValue;
import dev.maa.rego.value.StringValue;
import dev.maa.rego.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * {@code regex.*} over RE2 syntax (see {@link Re2Translator}) with Go's match iteration rules
 * (an empty match right after a previous match is skipped) and Go's {@code $1}/{@code ${name}}
 * replacement templates. Java's backtracking matcher is bounded by a step budget
 * ({@link GuardedText}) so a pathological pattern fails instead of hanging, where RE2 would answer
 * in linear time. {@code regex.replace} follows Go's {@code ReplaceAllString}.
 */
final class RegexBuiltins {
    private static final int CACHE_SIZE = 100;
    private static final Map<String, Object> CACHE = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    private RegexBuiltins() {}

    static void register(BuiltinRegistry r) {
        r.register(
                "regex.match",
                2,
                (c, a) -> BooleanValue.of(matcher("regex.match", a, 0, 1).find()));
        r.register("regex.is_valid", 1, (c, a) -> BooleanValue.of(a[0] instanceof StringValue s && isValid(s.value())));
        r.register("regex.find_n", 3, (c, a) -> findN(a));
        r.register("regex.find_all_string_submatch_n", 3, (c, a) -> submatches(a));
        r.register("regex.split", 2, (c, a) -> split(a));
        r.register("regex.replace", 3, (c, a) -> replace(a));
        r.register("regex.template_match", 4, (c, a) -> templateMatch(a));
        r.register(
                "regex.globs_match",
                2,
                (c, a) -> BooleanValue.of(GlobIntersection.nonEmpty(
                        Args.string("regex.globs_match", a, 0), Args.string("regex.globs_match", a, 1))));
        GlobMatcher.register(r);
    }

    static Re2Translator.Compiled compile(String name, String pattern) {
        Object cached;
        synchronized (CACHE) {
            cached = CACHE.get(pattern);
        }
        if (cached == null) {
            try {
                cached = Re2Translator.compile(pattern);
            } catch (Re2Translator.Re2SyntaxError e) {
                cached = e.getMessage();
            }
            synchronized (CACHE) {
                CACHE.put(pattern, cached);
            }
        }
        if (cached instanceof String error) {
            throw BuiltinError.of(name, error);
        }
        return (Re2Translator.Compiled) cached;
    }

    static boolean isValid(String pattern) {
        try {
            compile("regex.is_valid", pattern);
            return true;
        } catch (BuiltinError e) {
            return false;
        }
    }

    private static Matcher matcher(String name, Value[] a, int patternIndex, int textIndex) {
        String pattern = Args.string(name, a, patternIndex);
        String text = Args.string(name, a, textIndex);
        return compile(name, pattern).pattern().matcher(new GuardedText(name, text));
    }

    /** Go's {@code allMatches}: match results in order, at most n (all when n < 0). */
    static List<int[]> allMatches(Matcher m, String text, long n) {
        int length = text.length();
        List<int[]> out = new ArrayList<>();
        int pos = 0;
        int prevEnd = -1;
        while ((n < 0 || out.size() < n) && pos <= length && m.find(pos)) {
            boolean accept = true;
            if (m.end() == m.start()) {
                if (m.start() == prevEnd) {
                    accept = false;
                }
                pos = m.end() + (m.end() < length ? Character.charCount(text.codePointAt(m.end())) : 1);
            } else {
                pos = m.end();
            }
            prevEnd = m.end();
            if (accept) {
                int[] g = new int[2 * (m.groupCount() + 1)];
                for (int k = 0; k <= m.groupCount(); k++) {
                    g[2 * k] = m.start(k);
                    g[2 * k + 1] = m.end(k);
                }
                out.add(g);
            }
        }
        return out;
    }

    static Value findN(Value[] a) {
        String text = Args.string("regex.find_n", a, 1);
        long n = OpaOperands.intOperand("regex.find_n", a, 2);
        Matcher m = matcher("regex.find_n", a, 0, 1);
        List<Value> out = new ArrayList<>();
        for (int[] g : allMatches(m, text, n)) {
            out.add(StringValue.of(text.substring(g[0], g[1])));
        }
        return ArrayValue.of(out);
    }

    static Value submatches(Value[] a) {
        String name = "regex.find_all_string_submatch_n";
        String text = Args.string(name, a, 1);
        long n = OpaOperands.intOperand(name, a, 2);
        Matcher m = matcher(name, a, 0, 1);
        List<Value> out = new ArrayList<>();
        for (int[] g : allMatches(m, text, n)) {
            List<Value> groups = new ArrayList<>();
            for (int k = 0; k < g.length; k += 2) {
                groups.add(StringValue.of(g[k] < 0 ? "" : text.substring(g[k], g[k + 1])));
            }
            out.add(ArrayValue.of(groups));
        }
        return ArrayValue.of(out);
    }

    /** Go's {@code Regexp.Split(s, -1)}, including its quirks at the ends of the string. */
    static Value split(Value[] a) {
        String pattern = Args.string("regex.split", a, 0);
        String s = Args.string("regex.split", a, 1);
        Matcher m = matcher("regex.split", a, 0, 1);
        if (!pattern.isEmpty() && s.isEmpty()) {
            return ArrayValue.of(StringValue.of(""));
        }
        List<Value> out = new ArrayList<>();
        int beg = 0;
        int end = 0;
        for (int[] g : allMatches(m, s, -1)) {
            end = g[0];
            if (g[1] != 0) {
                out.add(StringValue.of(s.substring(beg, end)));
            }
            beg = g[1];
        }
        if (end != s.length()) {
            out.add(StringValue.of(s.substring(beg)));
        }
        return ArrayValue.of(out);
    }

    static Value replace(Value[] a) {
        String s = Args.string("regex.replace", a, 0);
        String pattern = Args.string("regex.replace", a, 1);
        String template = Args.string("regex.replace", a, 2);
        Re2Translator.Compiled re = compile("regex.replace", pattern);
        Matcher m = re.pattern().matcher(new GuardedText("regex.replace", s));
        StringBuilder buf = new StringBuilder();
        int lastMatchEnd = 0;
        int searchPos = 0;
        while (searchPos <= s.length() && m.find(searchPos)) {
            buf.append(s, lastMatchEnd, m.start());
            if (m.end() > lastMatchEnd || m.start() == 0) {
                expand(buf, template, s, m, re.groupNames());
            }
            lastMatchEnd = m.end();
            int width = searchPos < s.length() ? Character.charCount(s.codePointAt(searchPos)) : 1;
            searchPos = searchPos + width > m.end() ? searchPos + width : m.end();
        }
        buf.append(s, lastMatchEnd, s.length());
        return StringValue.of(buf.toString());
    }

    /** Go's {@code Regexp.expand}: {@code $$}, {@code $1}, {@code ${1}}, {@code $name}, {@code ${name}}. */
    static void expand(StringBuilder dst, String template, String src, Matcher m, List<String> names) {
        int i = 0;
        while (i < template.length()) {
            int dollar = template.indexOf('$', i);
            if (dollar < 0) {
                break;
            }
            dst.append(template, i, dollar);
            i = dollar + 1;
            if (i < template.length() && template.charAt(i) == '$') {
                dst.append('$');
                i++;
                continue;
            }
            boolean brace = i < template.length() && template.charAt(i) == '{';
            int j = brace ? i + 1 : i;
            int k = j;
            while (k < template.length()) {
                int cp = template.codePointAt(k);
                if (!Character.isLetter(cp) && !Character.isDigit(cp) && cp != '_') {
                    break;
                }
                k += Character.charCount(cp);
            }
            if (k == j || (brace && (k >= template.length() || template.charAt(k) != '}'))) {
                dst.append('$');
                continue;
            }
            String name = template.substring(j, k);
            i = brace ? k + 1 : k;
            int num = name.matches("[0-9]{1,8}") && !(name.length() > 1 && name.charAt(0) == '0')
                    ? Integer.parseInt(name)
                    : -1;
            int group = num;
            if (num < 0) {
                group = names.indexOf(name);
            }
            if (group >= 0 && group <= m.groupCount() && m.start(group) >= 0) {
                dst.append(src, m.start(group), m.end(group));
            }
        }
        dst.append(template, Math.min(i, template.length()), template.length());
    }

    /** Template text between the delimiters is a regular expression, the rest literal; the whole string must match. */
    static Value templateMatch(Value[] a) {
        String n = "regex.template_match";
        String pattern = Args.string(n, a, 0);
        String match = Args.string(n, a, 1);
        String start = Args.string(n, a, 2);
        String end = Args.string(n, a, 3);
        int startLen = start.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        int endLen = end.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (startLen != 1) {
            throw BuiltinError.of(
                    n, "start delimiter has to be exactly one character long but is " + startLen + " long");
        }
        if (endLen != 1) {
            // OPA reports the start delimiter's length here.
            throw BuiltinError.of(n, "end delimiter has to be exactly one character long but is " + startLen + " long");
        }
        String re2 = RegexTemplate.toRe2(n, pattern, start.charAt(0), end.charAt(0));
        return BooleanValue.of(
                compile(n, re2).pattern().matcher(new GuardedText(n, match)).find());
    }
}

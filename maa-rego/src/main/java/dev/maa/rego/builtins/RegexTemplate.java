package dev.maa.rego.builtins;

import java.util.ArrayList;
import java.util.List;

/**
 * OPA's {@code regex.template_match} templates (forked from gorilla/mux): text between the
 * delimiters is a regular expression, everything else is literal, and the whole string must match.
 */
final class RegexTemplate {
    private static final String META = "\\.+*?()|[]{}^$";

    private RegexTemplate() {}

    /** The equivalent anchored RE2 pattern; each embedded expression must compile on its own. */
    static String toRe2(String name, String tpl, char start, char end) {
        List<Integer> idxs = new ArrayList<>();
        int level = 0;
        int idx = 0;
        for (int i = 0; i < tpl.length(); i++) {
            char c = tpl.charAt(i);
            if (c == start) {
                if (++level == 1) {
                    idx = i;
                }
            } else if (c == end) {
                if (--level == 0) {
                    idxs.add(idx);
                    idxs.add(i + 1);
                } else if (level < 0) {
                    throw unbalanced(name, tpl);
                }
            }
        }
        if (level != 0) {
            throw unbalanced(name, tpl);
        }
        StringBuilder pattern = new StringBuilder("^");
        int last = 0;
        for (int i = 0; i < idxs.size(); i += 2) {
            String raw = tpl.substring(last, idxs.get(i));
            last = idxs.get(i + 1);
            String patt = tpl.substring(idxs.get(i) + 1, last - 1);
            pattern.append(quoteMeta(raw)).append('(').append(patt).append(')');
            RegexBuiltins.compile(name, "^" + patt + "$");
        }
        return pattern.append(quoteMeta(tpl.substring(last))).append('$').toString();
    }

    private static BuiltinError unbalanced(String name, String tpl) {
        return BuiltinError.of(name, "unbalanced braces in " + GoQuote.quote(tpl));
    }

    /** Go's {@code regexp.QuoteMeta}. */
    static String quoteMeta(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (META.indexOf(c) >= 0) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }
}

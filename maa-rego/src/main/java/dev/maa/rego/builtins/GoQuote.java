package dev.maa.rego.builtins;

import dev.maa.rego.value.ArrayValue;
import dev.maa.rego.value.NumberValue;
import dev.maa.rego.value.ObjectValue;
import dev.maa.rego.value.SetValue;
import dev.maa.rego.value.StringValue;
import dev.maa.rego.value.Value;

/**
 * Go's {@code strconv.Quote} and OPA's {@code Term.String()}: how OPA prints a value that is not
 * a plain number or string inside {@code sprintf}. Unlike JSON, Go's quoting keeps {@code <>&}
 * and escapes non-printable runes such as U+00A0.
 */
final class GoQuote {
    private GoQuote() {}

    static String quote(String s) {
        return quote(s, false);
    }

    /** {@code strconv.Quote}, or {@code QuoteToASCII} when {@code ascii}. */
    static String quote(String s, boolean ascii) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        s.codePoints().forEach(cp -> appendEscaped(sb, cp, '"', ascii));
        return sb.append('"').toString();
    }

    /** {@code strconv.QuoteRune}. */
    static String quoteRune(int cp) {
        StringBuilder sb = new StringBuilder().append('\'');
        appendEscaped(sb, cp, '\'', false);
        return sb.append('\'').toString();
    }

    private static void appendEscaped(StringBuilder sb, int cp, char quote, boolean ascii) {
        if (cp == quote || cp == '\\') {
            sb.append('\\').appendCodePoint(cp);
            return;
        }
        if (ascii ? cp < 0x80 && isPrint(cp) : isPrint(cp)) {
            sb.appendCodePoint(cp);
            return;
        }
        switch (cp) {
            case 7 -> sb.append("\\a");
            case '\b' -> sb.append("\\b");
            case '\f' -> sb.append("\\f");
            case '\n' -> sb.append("\\n");
            case '\r' -> sb.append("\\r");
            case '\t' -> sb.append("\\t");
            case 0x0b -> sb.append("\\v");
            default -> {
                if (cp < ' ' || cp == 0x7f) {
                    sb.append(String.format("\\x%02x", cp));
                } else if (Character.isSurrogate((char) cp) && cp < 0x10000) {
                    sb.append("\\ufffd");
                } else if (cp < 0x10000) {
                    sb.append(String.format("\\u%04x", cp));
                } else {
                    sb.append(String.format("\\U%08x", cp));
                }
            }
        }
    }

    /** Go's {@code unicode.IsPrint}: letters, marks, numbers, punctuation, symbols and ASCII space. */
    static boolean isPrint(int cp) {
        if (cp < 0x80) {
            return cp >= 0x20 && cp < 0x7f;
        }
        return switch (Character.getType(cp)) {
            case Character.CONTROL,
                    Character.FORMAT,
                    Character.SURROGATE,
                    Character.PRIVATE_USE,
                    Character.UNASSIGNED,
                    Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR,
                    Character.SPACE_SEPARATOR -> false;
            default -> true;
        };
    }

    /** OPA's {@code Term.String()}: Rego syntax with Go-quoted strings. */
    static String regoText(Value v) {
        StringBuilder sb = new StringBuilder();
        appendRego(sb, v);
        return sb.toString();
    }

    private static void appendRego(StringBuilder sb, Value v) {
        if (v instanceof StringValue s) {
            sb.append(quote(s.value()));
        } else if (v instanceof NumberValue n) {
            sb.append(n.text());
        } else if (v instanceof ArrayValue a) {
            sb.append('[');
            for (int i = 0; i < a.size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                appendRego(sb, a.get(i));
            }
            sb.append(']');
        } else if (v instanceof SetValue s) {
            if (s.size() == 0) {
                sb.append("set()");
                return;
            }
            sb.append('{');
            boolean first = true;
            for (Value e : s.items()) {
                if (!first) {
                    sb.append(", ");
                }
                first = false;
                appendRego(sb, e);
            }
            sb.append('}');
        } else if (v instanceof ObjectValue o) {
            sb.append('{');
            for (int i = 0; i < o.size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                appendRego(sb, o.keyAt(i));
                sb.append(": ");
                appendRego(sb, o.valueAt(i));
            }
            sb.append('}');
        } else {
            sb.append(v.toRego());
        }
    }

    /** Go's {@code strconv.CanBackquote}. */
    static boolean canBackquote(String s) {
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if ((c < ' ' && c != '\t') || c == '`' || c == 0x7f || c == '\uFEFF' || Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}

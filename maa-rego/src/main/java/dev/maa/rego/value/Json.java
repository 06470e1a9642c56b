package dev.maa.rego.value;

/**
 * Text forms of values: JSON as OPA (Go's encoding/json) prints it, and Rego literal syntax with
 * strings quoted as Go's strconv.Quote does (OPA's {@code Term.String()}).
 */
public final class Json {
    private Json() {}

    public static String toJson(Value v) {
        StringBuilder sb = new StringBuilder();
        write(sb, v, false);
        return sb.toString();
    }

    public static String toRego(Value v) {
        StringBuilder sb = new StringBuilder();
        write(sb, v, true);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Value v, boolean rego) {
        if (v instanceof NullValue) {
            sb.append("null");
        } else if (v instanceof BooleanValue b) {
            sb.append(b.value());
        } else if (v instanceof NumberValue n) {
            sb.append(n.text());
        } else if (v instanceof StringValue s) {
            if (rego) {
                goQuote(sb, s.value());
            } else {
                quote(sb, s.value());
            }
        } else if (v instanceof ArrayValue a) {
            sb.append('[');
            for (int i = 0; i < a.size(); i++) {
                if (i > 0) {
                    sb.append(rego ? ", " : ",");
                }
                write(sb, a.get(i), rego);
            }
            sb.append(']');
        } else if (v instanceof SetValue s) {
            if (rego && s.size() == 0) {
                sb.append("set()");
                return;
            }
            sb.append(rego ? '{' : '[');
            boolean first = true;
            for (Value e : s.items()) {
                if (!first) {
                    sb.append(rego ? ", " : ",");
                }
                first = false;
                write(sb, e, rego);
            }
            sb.append(rego ? '}' : ']');
        } else {
            ObjectValue o = (ObjectValue) v;
            sb.append('{');
            for (int i = 0; i < o.size(); i++) {
                if (i > 0) {
                    sb.append(rego ? ", " : ",");
                }
                Value k = o.keyAt(i);
                if (!rego && !(k instanceof StringValue)) {
                    quote(sb, k.toJson());
                } else {
                    write(sb, k, rego);
                }
                sb.append(rego ? ": " : ":");
                write(sb, o.valueAt(i), rego);
            }
            sb.append('}');
        }
    }

    /** Quotes a string as Go's encoding/json does (HTML characters escaped). */
    public static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '<', '>', '&', '\u2028', '\u2029' -> sb.append(String.format("\\u%04x", (int) c));
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /**
     * Quotes a string as Go's {@code strconv.Quote} does, which is how OPA prints values: unlike JSON
     * it keeps {@code <>&} and escapes non-printable runes such as U+00A0.
     */
    static void goQuote(StringBuilder sb, String s) {
        sb.append('"');
        s.codePoints().forEach(cp -> {
            if (cp == '"' || cp == '\\') {
                sb.append('\\').appendCodePoint(cp);
            } else if (isGoPrint(cp)) {
                sb.appendCodePoint(cp);
            } else {
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
                        } else if (cp < 0x10000 && Character.isSurrogate((char) cp)) {
                            sb.append("\\ufffd");
                        } else if (cp < 0x10000) {
                            sb.append(String.format("\\u%04x", cp));
                        } else {
                            sb.append(String.format("\\U%08x", cp));
                        }
                    }
                }
            }
        });
        sb.append('"');
    }

    /** Go's {@code unicode.IsPrint}: letters, marks, numbers, punctuation, symbols and ASCII space. */
    private static boolean isGoPrint(int cp) {
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

    public static String quote(String s) {
        StringBuilder sb = new StringBuilder();
        quote(sb, s);
        return sb.toString();
    }
}

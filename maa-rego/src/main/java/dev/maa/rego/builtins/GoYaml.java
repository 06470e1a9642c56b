package dev.maa.rego.builtins;

import dev.maa.rego.value.ArrayValue;
import dev.maa.rego.value.BooleanValue;
import dev.maa.rego.value.NullValue;
import dev.maa.rego.value.NumberValue;
import dev.maa.rego.value.ObjectValue;
import dev.maa.rego.value.SetValue;
import dev.maa.rego.value.StringValue;
import dev.maa.rego.value.Value;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The YAML text OPA's {@code yaml.marshal} produces (go-yaml v2 behind {@code sigs.k8s.io/yaml}):
 * block style, sorted keys, sequences not indented under their key, 2-space indentation, strings
 * plain when YAML 1.1 would read them back as strings, otherwise single- or double-quoted.
 *
 * <p>go-yaml folds long plain scalars at 80 columns and picks indentation indicators for block
 * scalars; those cases are refused as unsupported rather than printed differently.
 */
final class GoYaml {
    private static final String NAME = "yaml.marshal";
    private static final Pattern BOOL =
            Pattern.compile("y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF");
    private static final Pattern NULL = Pattern.compile("|~|null|Null|NULL");
    private static final Pattern NUMBER = Pattern.compile(
            "[-+]?(0b[01_]+|0x[0-9a-fA-F_]+|0o?[0-7_]+|[0-9][0-9_]*(\\.[0-9_]*)?([eE][-+]?[0-9]+)?|\\.[0-9_]+([eE][-+]?[0-9]+)?"
                    + "|\\.(inf|Inf|INF)|[0-9][0-9_]*(:[0-5]?[0-9])+(\\.[0-9_]*)?)|\\.(nan|NaN|NAN)");
    private static final int WIDTH = 80;

    private GoYaml() {}

    static String marshal(Value v) {
        StringBuilder sb = new StringBuilder();
        if (isBlockCollection(v)) {
            block(sb, v, 0);
        } else {
            sb.append(scalar(v, 0)).append('\n');
        }
        return sb.toString();
    }

    private static boolean isBlockCollection(Value v) {
        return (v instanceof ObjectValue o && o.size() > 0) || (items(v) != null && !items(v).isEmpty());
    }

    private static List<Value> items(Value v) {
        if (v instanceof ArrayValue a) {
            return a.items();
        }
        if (v instanceof SetValue s) {
            return s.items();
        }
        return null;
    }

    /** Writes a non-empty map or sequence whose first line starts at the current position. */
    private static void block(StringBuilder sb, Value v, int indent) {
        String pad = " ".repeat(indent);
        boolean first = true;
        if (v instanceof ObjectValue o) {
            for (int i = 0; i < o.size(); i++) {
                if (!first) {
                    sb.append(pad);
                }
                first = false;
                Value k = o.keyAt(i);
                String key = scalar(k instanceof StringValue ? k : StringValue.of(k.toJson()), indent);
                Value val = o.valueAt(i);
                sb.append(key).append(':');
                if (val instanceof ObjectValue && isBlockCollection(val)) {
                    sb.append('\n').append(" ".repeat(indent + 2));
                    block(sb, val, indent + 2);
                } else if (isBlockCollection(val)) {
                    sb.append('\n').append(pad);
                    block(sb, val, indent);
                } else {
                    sb.append(' ')
                            .append(scalar(val, indent + key.length() + 2))
                            .append('\n');
                }
            }
            return;
        }
        for (Value e : items(v)) {
            if (!first) {
                sb.append(pad);
            }
            first = false;
            sb.append("- ");
            if (isBlockCollection(e)) {
                block(sb, e, indent + 2);
            } else {
                sb.append(scalar(e, indent + 2)).append('\n');
            }
        }
    }

    private static String scalar(Value v, int column) {
        if (v instanceof NullValue) {
            return "null";
        }
        if (v instanceof BooleanValue b) {
            return Boolean.toString(b.value());
        }
        if (v instanceof NumberValue n) {
            if (n.isInteger() && n.decimal().scale() >= 0) {
                return n.decimal().toBigInteger().toString();
            }
            double d = n.doubleValue();
            if (Double.isInfinite(d)) {
                throw BuiltinError.of(
                        NAME, "number " + n.text() + " is out of float64 range, not supported by this engine");
            }
            return GoFloat.format(d, 'g', -1);
        }
        if (v instanceof StringValue s) {
            return string(s.value(), column);
        }
        return v instanceof ObjectValue ? "{}" : "[]";
    }

    private static String string(String s, int column) {
        if (s.indexOf('\n') >= 0) {
            throw BuiltinError.of(NAME, "multi-line strings (block scalars) are not supported by this engine");
        }
        if (BOOL.matcher(s).matches()
                || NULL.matcher(s).matches()
                || NUMBER.matcher(s).matches()) {
            return doubleQuoted(s);
        }
        boolean special = s.codePoints().anyMatch(cp -> !yamlPrintable(cp));
        if (!special && plainAllowed(s)) {
            if (s.indexOf(' ') >= 0 && column + s.length() > WIDTH) {
                throw BuiltinError.of(NAME, "strings folded at 80 columns are not supported by this engine");
            }
            return s;
        }
        if (!special) {
            if (s.indexOf(' ') >= 0 && column + s.length() + 2 > WIDTH) {
                throw BuiltinError.of(NAME, "strings folded at 80 columns are not supported by this engine");
            }
            return "'" + s.replace("'", "''") + "'";
        }
        return doubleQuoted(s);
    }

    private static boolean yamlPrintable(int cp) {
        return cp == 0x0A
                || (cp >= 0x20 && cp <= 0x7E)
                || cp == 0x85
                || (cp >= 0xA0 && cp <= 0xD7FF)
                || (cp >= 0xE000 && cp <= 0xFFFD && cp != 0xFEFF)
                || (cp >= 0x10000 && cp <= 0x10FFFF);
    }

    /** libyaml's analysis of a plain scalar in block context. */
    private static boolean plainAllowed(String s) {
        if (s.startsWith(" ") || s.endsWith(" ") || s.startsWith("---") || s.startsWith("...")) {
            return false;
        }
        char c0 = s.charAt(0);
        if ("#,[]{}&*!|>'\"%@`".indexOf(c0) >= 0) {
            return false;
        }
        if ((c0 == '?' || c0 == ':' || c0 == '-') && (s.length() == 1 || s.charAt(1) == ' ')) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ':' && (i + 1 == s.length() || s.charAt(i + 1) == ' ')) {
                return false;
            }
            if (c == '#' && s.charAt(i - 1) == ' ') {
                return false;
            }
        }
        return true;
    }

    private static String doubleQuoted(String s) {
        StringBuilder sb = new StringBuilder("\"");
        s.codePoints().forEach(cp -> {
            switch (cp) {
                case 0 -> sb.append("\\0");
                case 7 -> sb.append("\\a");
                case 8 -> sb.append("\\b");
                case 9 -> sb.append("\\t");
                case 0x0b -> sb.append("\\v");
                case 0x0c -> sb.append("\\f");
                case 0x0d -> sb.append("\\r");
                case 0x1b -> sb.append("\\e");
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case 0x85 -> sb.append("\\N");
                case 0xA0 -> sb.append("\\_");
                case 0x2028 -> sb.append("\\L");
                case 0x2029 -> sb.append("\\P");
                default -> {
                    if (yamlPrintable(cp) && cp != 0xFEFF) {
                        sb.appendCodePoint(cp);
                    } else if (cp <= 0xFF) {
                        sb.append(String.format("\\x%02X", cp));
                    } else if (cp <= 0xFFFF) {
                        sb.append(String.format("\\u%04X", cp));
                    } else {
                        sb.append(String.format("\\U%08X", cp));
                    }
                }
            }
        });
        return sb.append('"').toString();
    }
}

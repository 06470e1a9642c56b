package dev.maa.rego.internal.parser;

import static dev.maa.rego.internal.parser.OpaAstTerms.unsupported;

import dev.maa.rego.value.ArrayValue;
import dev.maa.rego.value.NullValue;
import dev.maa.rego.value.ObjectValue;
import dev.maa.rego.value.StringValue;
import dev.maa.rego.value.Value;
import java.util.List;

/**
 * OPA's {@code ast.Compare} over terms in their JSON form, by which OPA orders set elements and object keys when it
 * writes them (v1/ast {@code compare.go}, and {@code policy.go}'s {@code Body}, {@code Expr}, {@code SomeDecl},
 * {@code Every} and {@code With} {@code Compare} at 01c474d).
 *
 * <p>Why on the JSON: it holds what the comparison reads (each expression's index, negation, terms and withs) in
 * OPA's form, after the written forms the parser recorded are put back, so one walk serves every kind of term.
 */
final class OpaAstCompare {
    /** OPA's {@code valueSortOrder}. */
    private static final List<String> KIND_ORDER = List.of(
            "null",
            "boolean",
            "number",
            "string",
            "var",
            "ref",
            "array",
            "object",
            "set",
            "arraycomprehension",
            "objectcomprehension",
            "setcomprehension",
            "call");

    private OpaAstCompare() {}

    /** {@code ast.Compare} of two terms ({@code {"type", "value"}}); a JSON null is Go's nil term, less than any. */
    static int compare(Value a, Value b) {
        if (a instanceof NullValue || b instanceof NullValue) {
            return Boolean.compare(!(a instanceof NullValue), !(b instanceof NullValue));
        }
        ObjectValue x = (ObjectValue) a;
        ObjectValue y = (ObjectValue) b;
        String kx = ((StringValue) x.get("type")).value();
        String ky = ((StringValue) y.get("type")).value();
        int byKind = Integer.compare(KIND_ORDER.indexOf(kx), KIND_ORDER.indexOf(ky));
        if (byKind != 0) {
            return byKind;
        }
        Value vx = x.get("value");
        Value vy = y.get("value");
        return switch (kx) {
            case "null" -> 0;
            case "boolean", "number", "string", "var" -> vx.compareTo(vy);
            case "ref", "array", "set", "call" -> slices(vx, vy);
            case "object" -> entries(((ArrayValue) vx).items(), ((ArrayValue) vy).items());
            // compare.go: the term (or key, then value), then Body.Compare
            case "arraycomprehension", "setcomprehension" -> fields(vx, vy, "term", "body");
            case "objectcomprehension" -> fields(vx, vy, "key", "value", "body");
            default -> throw unsupported("a term of type " + kx);
        };
    }

    /** Compares the named fields in turn: terms, or a body ({@code Body.Compare}: each expression, then length). */
    private static int fields(Value a, Value b, String... names) {
        for (String name : names) {
            Value fa = ((ObjectValue) a).get(name);
            Value fb = ((ObjectValue) b).get(name);
            int c = name.equals("body") ? sequence(fa, fb, OpaAstCompare::expr) : compare(fa, fb);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /**
     * {@code Expr.Compare}: the kind of its terms (some, a term, a call, every), its index, negation, the terms, and
     * then its withs (each target, then value).
     */
    private static int expr(Value a, Value b) {
        ObjectValue x = (ObjectValue) a;
        ObjectValue y = (ObjectValue) b;
        Value tx = x.get("terms");
        Value ty = y.get("terms");
        int c = Integer.compare(kind(tx), kind(ty));
        if (c == 0) {
            c = x.get("index").compareTo(y.get("index"));
        }
        if (c == 0) {
            c = Boolean.compare(x.get("negated") != null, y.get("negated") != null);
        }
        if (c == 0) {
            c = switch (kind(tx)) {
                case 0 -> slices(((ObjectValue) tx).get("symbols"), ((ObjectValue) ty).get("symbols"));
                case 1 -> compare(tx, ty);
                case 2 -> slices(tx, ty);
                default -> fields(tx, ty, "key", "value", "domain", "body");
            };
        }
        if (c == 0) {
            c = sequence(withs(x), withs(y), (w, v) -> fields(w, v, "target", "value"));
        }
        return c;
    }

    /** {@code Expr.sortOrder}: a some declaration, a term, a call (operator and operands), an every. */
    private static int kind(Value terms) {
        if (terms instanceof ArrayValue) {
            return 2;
        }
        ObjectValue o = (ObjectValue) terms;
        return o.get("symbols") != null ? 0 : o.get("type") != null ? 1 : 3;
    }

    private static Value withs(ObjectValue expr) {
        Value w = expr.get("with");
        return w == null ? ArrayValue.EMPTY : w;
    }

    /** {@code termSliceCompare}: element by element, then the shorter first. */
    private static int slices(Value a, Value b) {
        return sequence(a, b, OpaAstCompare::compare);
    }

    private static int sequence(Value a, Value b, java.util.Comparator<Value> each) {
        List<Value> x = ((ArrayValue) a).items();
        List<Value> y = ((ArrayValue) b).items();
        for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
            int c = each.compare(x.get(i), y.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.size(), y.size());
    }

    /** An object's sorted entries: key, then value, entry by entry, then the shorter first. */
    private static int entries(List<Value> a, List<Value> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            List<Value> ea = ((ArrayValue) a.get(i)).items();
            List<Value> eb = ((ArrayValue) b.get(i)).items();
            int c = compare(ea.get(0), eb.get(0));
            if (c == 0) {
                c = compare(ea.get(1), eb.get(1));
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}

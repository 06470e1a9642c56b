package dev.maa.rego.internal.parser;

import dev.maa.rego.RegoUnsupportedException;
import dev.maa.rego.internal.ast.Expr;
import dev.maa.rego.internal.ast.Term;
import dev.maa.rego.value.ArrayValue;
import dev.maa.rego.value.BooleanValue;
import dev.maa.rego.value.NullValue;
import dev.maa.rego.value.NumberValue;
import dev.maa.rego.value.ObjectValue;
import dev.maa.rego.value.StringValue;
import dev.maa.rego.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Terms in OPA's JSON form of its AST ({@code {"type": ..., "value": ...}}), as OPA's {@code Term.MarshalJSON}
 * writes them with the default options (no locations).
 *
 * <p>Why its own ordering: OPA writes set elements and object entries sorted by its {@code ast.Compare}, which
 * orders terms that are not values too (variables, references, calls), and keeps one of equal elements (the
 * first element of a set; the first key with the last value of an object), as {@link OpaAstCompare} compares.
 */
final class OpaAstTerms {
    /** The body converter, for comprehension bodies (bodies belong to {@link OpaAstJson}). */
    private final Function<List<Expr>, Value> bodies;
    /** Written forms the tree lowers: call operators whose dotted name does not split, keywords read as names. */
    private final ParseRecord record;

    OpaAstTerms(Function<List<Expr>, Value> bodies, ParseRecord record) {
        this.bodies = bodies;
        this.record = record;
    }

    /** A term; a lone {@code input} or {@code data} is a reference, as OPA's parser makes it. */
    Value term(Term t) {
        if (t instanceof Term.Var v) {
            return v.name().equals("input") || v.name().equals("data")
                    ? node("ref", ArrayValue.of(node("var", new StringValue(v.name()))))
                    : node("var", new StringValue(v.name()));
        }
        if (t instanceof Term.Scalar s) {
            return scalar(s.value());
        }
        if (t instanceof Term.Ref r) {
            // a scalar head stays, as OPA's parseRef keeps it (reporting it); `true[0]` first in an expression is a var
            String keyword = record.keywordVar(r.head());
            List<Value> parts = new ArrayList<>();
            if (keyword != null) {
                parts.add(node("var", new StringValue(keyword)));
            } else {
                parts.add(r.head() instanceof Term.Var v ? node("var", new StringValue(v.name())) : term(r.head()));
            }
            r.path().forEach(p -> parts.add(term(p)));
            return node("ref", ArrayValue.of(parts));
        }
        if (t instanceof Term.ArrayTerm a) {
            return node("array", terms(a.items()));
        }
        if (t instanceof Term.SetTerm s) {
            return node("set", ArrayValue.of(sortedDistinct(s.items())));
        }
        if (t instanceof Term.ObjectTerm o) {
            return node("object", object(o));
        }
        if (t instanceof Term.ArrayCompr c) {
            return node("arraycomprehension", fields("term", term(c.head()), "body", bodies.apply(c.body())));
        }
        if (t instanceof Term.SetCompr c) {
            return node("setcomprehension", fields("term", term(c.head()), "body", bodies.apply(c.body())));
        }
        if (t instanceof Term.ObjectCompr c) {
            return node(
                    "objectcomprehension",
                    fields("key", term(c.key()), "value", term(c.value()), "body", bodies.apply(c.body())));
        }
        if (t instanceof Term.Call c) {
            return node("call", call(c));
        }
        throw unsupported("the term " + t.getClass().getSimpleName());
    }

    /** The operator and operands of a call, the operator a reference as OPA writes it ({@code plus} is {@code [plus]}). */
    ArrayValue call(String name, List<Term> args) {
        return call(operator(name), args);
    }

    /** A call term's operator and operands, its operator's reference parts as written. */
    ArrayValue call(Term.Call c) {
        List<String> parts = record.operator(c);
        return call(parts == null ? operator(c.name()) : operator(parts), c.args());
    }

    private ArrayValue call(Value operator, List<Term> args) {
        List<Value> out = new ArrayList<>();
        out.add(operator);
        args.forEach(a -> out.add(term(a)));
        return ArrayValue.of(out);
    }

    /** {@code a.b.c} as the reference term {@code [var a, string b, string c]}. */
    static Value operator(String dotted) {
        return operator(List.of(dotted.split("\\.")));
    }

    private static Value operator(List<String> parts) {
        List<Value> ref = new ArrayList<>();
        ref.add(node("var", new StringValue(parts.get(0))));
        for (int i = 1; i < parts.size(); i++) {
            ref.add(node("string", new StringValue(parts.get(i))));
        }
        return node("ref", ArrayValue.of(ref));
    }

    ArrayValue terms(List<Term> ts) {
        List<Value> out = new ArrayList<>(ts.size());
        ts.forEach(t -> out.add(term(t)));
        return ArrayValue.of(out);
    }

    /** Whether OPA's {@code IsGround} holds: no variable outside a reference's head. */
    static boolean ground(Term t) {
        if (t instanceof Term.Scalar) {
            return true;
        }
        if (t instanceof Term.Ref r) {
            return r.path().stream().allMatch(OpaAstTerms::ground); // OPA does not look at a reference's head
        }
        if (t instanceof Term.Call c) {
            return c.args().stream().allMatch(OpaAstTerms::ground);
        }
        // a variable is not; comprehensions hold variables in practice, and callers only tell `p[x]` from `p["a"]`
        return Boolean.TRUE.equals(allElements(t, OpaAstTerms::ground));
    }

    /** Whether every element of an array, set or object literal (keys and values) passes; null for other terms. */
    static Boolean allElements(Term t, java.util.function.Predicate<Term> test) {
        List<Term> elements = elements(t);
        return elements == null ? null : elements.stream().allMatch(test);
    }

    /** The elements of an array, set or object literal (keys, then values); null for other terms. */
    static List<Term> elements(Term t) {
        if (t instanceof Term.ArrayTerm a) {
            return a.items();
        }
        if (t instanceof Term.SetTerm s) {
            return s.items();
        }
        if (t instanceof Term.ObjectTerm o) {
            List<Term> all = new ArrayList<>(o.keys());
            all.addAll(o.values());
            return all;
        }
        return null;
    }

    static Value scalar(Value v) {
        if (v instanceof NullValue) {
            return node("null", v);
        }
        if (v instanceof BooleanValue) {
            return node("boolean", v);
        }
        if (v instanceof NumberValue) {
            return node("number", v);
        }
        if (v instanceof StringValue) {
            return node("string", v);
        }
        throw unsupported("a constant " + v.typeName() + " in the tree");
    }

    /** {@code {"type": type, "value": value}}. */
    static ObjectValue node(String type, Value value) {
        return fields("type", new StringValue(type), "value", value);
    }

    /** An object of string keys, written in pairs. */
    static ObjectValue fields(Object... keyValues) {
        Map<String, Value> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], (Value) keyValues[i + 1]);
        }
        return ObjectValue.ofStrings(m);
    }

    static RegoUnsupportedException unsupported(String what) {
        return new RegoUnsupportedException(
                "rego_unsupported_error",
                null,
                "builtin rego.parse_module is not supported for this module: it uses " + what
                        + ", whose OPA AST (JSON) this engine does not produce; parse it with OPA, or write it without");
    }

    private List<Value> sortedDistinct(List<Term> items) {
        List<Value> out = new ArrayList<>();
        for (Term item : items) {
            Value v = term(item);
            if (out.stream().noneMatch(o -> OpaAstCompare.compare(o, v) == 0)) {
                out.add(v);
            }
        }
        out.sort(OpaAstCompare::compare);
        return out;
    }

    private ArrayValue object(Term.ObjectTerm o) {
        List<Value[]> entries = new ArrayList<>();
        for (int i = 0; i < o.keys().size(); i++) {
            Value k = term(o.keys().get(i));
            Value v = term(o.values().get(i));
            Value[] same = entries.stream()
                    .filter(e -> OpaAstCompare.compare(e[0], k) == 0)
                    .findFirst()
                    .orElse(null);
            if (same != null) {
                same[1] = v; // OPA's object insert keeps the key and replaces the value
            } else {
                entries.add(new Value[] {k, v});
            }
        }
        entries.sort((a, b) -> OpaAstCompare.compare(a[0], b[0]));
        List<Value> pairs = new ArrayList<>();
        entries.forEach(e -> pairs.add(ArrayValue.of(e[0], e[1])));
        return ArrayValue.of(pairs);
    }
}

package dev.maa.rego.internal.compile;

import dev.maa.rego.internal.ast.Expr;
import dev.maa.rego.internal.ast.Term;
import dev.maa.rego.value.StringValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Marks {@code some p in data.xs} followed by {@code p.f == k} (k known beforehand) so the
 * evaluator can look candidates up in a per-array index instead of scanning every element.
 * The equality expression stays in the body, so the result is unchanged.
 */
final class Indexer {
    private Indexer() {}

    static List<Expr> annotate(List<Expr> body, List<Set<String>> boundAt) {
        List<Expr> out = null;
        for (int i = 0; i < body.size(); i++) {
            Expr e = body.get(i);
            if (e.negated()
                    || !e.withs().isEmpty()
                    || !(e.kind() instanceof Expr.SomeIn s)
                    || s.key() != null
                    || !(s.value() instanceof Term.Var p)
                    || !staticDataRef(s.collection())) {
                continue;
            }
            for (int j = i + 1; j < body.size(); j++) {
                Expr.IndexedSomeIn ix = match(body.get(j), p.name(), boundAt.get(i), s);
                if (ix != null) {
                    if (out == null) {
                        out = new ArrayList<>(body);
                    }
                    out.set(i, e.withKind(ix));
                    break;
                }
            }
        }
        return out == null ? body : out;
    }

    private static boolean staticDataRef(Term t) {
        return t instanceof Term.Ref r
                && r.head() instanceof Term.Var v
                && v.name().equals("data")
                && Resolver.allStrings(r.path());
    }

    private static Expr.IndexedSomeIn match(Expr e, String var, Set<String> bound, Expr.SomeIn s) {
        if (e.negated()
                || !e.withs().isEmpty()
                || !(e.kind() instanceof Expr.TermExpr t)
                || !(t.term() instanceof Term.Call c)
                || !c.name().equals("equal")
                || c.args().size() != 2) {
            return null;
        }
        for (int side = 0; side < 2; side++) {
            Term field = c.args().get(side);
            Term key = c.args().get(1 - side);
            if (field instanceof Term.Ref r
                    && r.head() instanceof Term.Var v
                    && v.name().equals(var)
                    && r.path().size() == 1
                    && r.path().get(0) instanceof Term.Scalar f
                    && f.value() instanceof StringValue fs
                    && simpleKey(key, var, bound)) {
                return new Expr.IndexedSomeIn(s, List.of(List.of(new Expr.Lookup(fs.value(), key, false))));
            }
        }
        return null;
    }

    /** Keys that cannot fail or raise: constants, bound vars, and plain refs from input/data/bound vars. */
    private static boolean simpleKey(Term t, String var, Set<String> bound) {
        if (t instanceof Term.Scalar) {
            return true;
        }
        if (t instanceof Term.Var v) {
            return !v.name().equals(var) && bound.contains(v.name());
        }
        if (t instanceof Term.Ref r && r.head() instanceof Term.Var v) {
            boolean rootOk = v.name().equals("input")
                    || v.name().equals("data")
                    || (!v.name().equals(var) && bound.contains(v.name()));
            if (!rootOk) {
                return false;
            }
            for (Term p : r.path()) {
                if (!(p instanceof Term.Scalar)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }
}

package dev.maa.rego.internal.compile;

import dev.maa.rego.RegoCompileException;
import dev.maa.rego.internal.ast.Expr;
import dev.maa.rego.internal.ast.Term;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * OPA's safety check: every variable must be bound by some expression before it is read.
 * Bodies are reordered (stable, greedy) so that binding expressions come first; whatever cannot
 * be scheduled is a {@code rego_unsafe_var_error}.
 */
final class Safety {
    private Safety() {}

    /** Reorders {@code body} given vars already bound; returns the new order, adds outputs to bound. */
    static List<Expr> reorder(List<Expr> body, Set<String> bound) {
        List<Expr> pending = new ArrayList<>(body);
        List<Expr> out = new ArrayList<>(body.size());
        List<Set<String>> boundAt = new ArrayList<>(body.size());
        Set<String> outer = new HashSet<>(bound);
        for (Expr e : body) {
            collectAll(e, outer);
        }
        while (!pending.isEmpty()) {
            boolean progressed = false;
            for (int i = 0; i < pending.size(); i++) {
                Expr e = pending.get(i);
                Analysis a = analyse(e, bound, outer);
                if (bound.containsAll(a.needs.keySet()) && a.schedulable) {
                    pending.remove(i);
                    boundAt.add(new HashSet<>(bound));
                    out.add(rewriteNested(e, bound, outer));
                    bound.addAll(a.outs);
                    progressed = true;
                    break;
                }
            }
            if (!progressed) {
                Expr e = pending.get(0);
                Analysis a = analyse(e, bound, outer);
                for (Map.Entry<String, Term.Var> n : a.needs.entrySet()) {
                    if (!bound.contains(n.getKey())) {
                        throw unsafe(n.getValue());
                    }
                }
                Term.Var any = a.anyVar == null ? new Term.Var("?", e.loc()) : a.anyVar;
                throw unsafe(any);
            }
        }
        return Indexer.annotate(out, boundAt);
    }

    static RegoCompileException unsafe(Term.Var v) {
        String name = v.name();
        int d = name.indexOf('$');
        String shown = name.startsWith("$") ? "_" : d > 0 ? name.substring(0, d) : name;
        return new RegoCompileException("rego_unsafe_var_error", v.loc(), "var " + shown + " is unsafe");
    }

    /** Rewrites comprehension / every / negation bodies with the bound set at this point. */
    private static Expr rewriteNested(Expr e, Set<String> bound, Set<String> outer) {
        Expr.Kind k = e.kind();
        if (k instanceof Expr.Every ev) {
            Set<String> b = new HashSet<>(bound);
            if (ev.key() != null) {
                vars(ev.key(), b);
            }
            vars(ev.value(), b);
            k = new Expr.Every(ev.key(), ev.value(), ev.collection(), reorder(ev.body(), b));
        }
        return new Expr(rewriteKind(k, bound), e.negated(), e.withs(), e.loc());
    }

    private static Expr.Kind rewriteKind(Expr.Kind k, Set<String> bound) {
        if (k instanceof Expr.TermExpr t) {
            return new Expr.TermExpr(rewriteTerm(t.term(), bound));
        }
        if (k instanceof Expr.Unify u) {
            return new Expr.Unify(rewriteTerm(u.lhs(), bound), rewriteTerm(u.rhs(), bound));
        }
        if (k instanceof Expr.Assign a) {
            return new Expr.Assign(a.lhs(), rewriteTerm(a.rhs(), bound));
        }
        if (k instanceof Expr.SomeIn s) {
            return new Expr.SomeIn(s.key(), s.value(), rewriteTerm(s.collection(), bound));
        }
        return k;
    }

    /** Reorders comprehension bodies inside a term, given outer bindings. */
    static Term rewriteTerm(Term t, Set<String> bound) {
        if (t instanceof Term.ArrayCompr c) {
            Set<String> b = new HashSet<>(bound);
            List<Expr> body = reorder(c.body(), b);
            checkBound(c.head(), b);
            return new Term.ArrayCompr(rewriteTerm(c.head(), b), body, c.loc());
        }
        if (t instanceof Term.SetCompr c) {
            Set<String> b = new HashSet<>(bound);
            List<Expr> body = reorder(c.body(), b);
            checkBound(c.head(), b);
            return new Term.SetCompr(rewriteTerm(c.head(), b), body, c.loc());
        }
        if (t instanceof Term.ObjectCompr c) {
            Set<String> b = new HashSet<>(bound);
            List<Expr> body = reorder(c.body(), b);
            checkBound(c.key(), b);
            checkBound(c.value(), b);
            return new Term.ObjectCompr(rewriteTerm(c.key(), b), rewriteTerm(c.value(), b), body, c.loc());
        }
        if (t instanceof Term.Ref r) {
            return new Term.Ref(rewriteTerm(r.head(), bound), map(r.path(), bound), r.loc());
        }
        if (t instanceof Term.ArrayTerm a) {
            return new Term.ArrayTerm(map(a.items(), bound), a.loc());
        }
        if (t instanceof Term.SetTerm s) {
            return new Term.SetTerm(map(s.items(), bound), s.loc());
        }
        if (t instanceof Term.ObjectTerm o) {
            return new Term.ObjectTerm(map(o.keys(), bound), map(o.values(), bound), o.loc());
        }
        if (t instanceof Term.Call c) {
            return c.withArgs(map(c.args(), bound));
        }
        return t;
    }

    private static List<Term> map(List<Term> ts, Set<String> bound) {
        List<Term> out = new ArrayList<>(ts.size());
        ts.forEach(t -> out.add(rewriteTerm(t, bound)));
        return out;
    }

    /** Throws unsafe for the first var of {@code t} (outside nested bodies) not in {@code bound}. */
    static void checkBound(Term t, Set<String> bound) {
        Analysis a = new Analysis();
        classify(t, a, false, bound);
        for (Map.Entry<String, Term.Var> e : a.needs.entrySet()) {
            if (!bound.contains(e.getKey())) {
                throw unsafe(e.getValue());
            }
        }
    }

    private static final class Analysis {
        final Map<String, Term.Var> needs = new LinkedHashMap<>();
        final Set<String> outs = new HashSet<>();
        boolean schedulable = true;
        Term.Var anyVar;
    }

    private static Analysis analyse(Expr e, Set<String> bound, Set<String> outer) {
        Analysis a = new Analysis();
        Expr.Kind k = e.kind();
        if (k instanceof Expr.TermExpr t) {
            classify(t.term(), a, false, outer);
        } else if (k instanceof Expr.Unify u) {
            unify(u.lhs(), u.rhs(), a, bound, outer);
        } else if (k instanceof Expr.Assign as) {
            unify(as.lhs(), as.rhs(), a, bound, outer);
        } else if (k instanceof Expr.SomeIn s) {
            classify(s.collection(), a, false, outer);
            if (s.key() != null) {
                classify(s.key(), a, true, outer);
            }
            classify(s.value(), a, true, outer);
        } else if (k instanceof Expr.Every ev) {
            classify(ev.collection(), a, false, outer);
            Set<String> inner = new HashSet<>();
            for (Expr b : ev.body()) {
                deepExpr(b, inner);
            }
            Set<String> declared = new HashSet<>();
            if (ev.key() != null) {
                vars(ev.key(), declared);
            }
            vars(ev.value(), declared);
            for (String v : inner) {
                if (outer.contains(v) && !declared.contains(v)) {
                    a.needs.putIfAbsent(v, new Term.Var(v, e.loc()));
                }
            }
        }
        for (Expr.With w : e.withs()) {
            classify(w.value(), a, false, outer);
        }
        if (e.negated()) {
            for (String o : a.outs) {
                if (!o.startsWith("$")) {
                    a.needs.putIfAbsent(o, new Term.Var(o, e.loc()));
                }
            }
            a.outs.clear();
        }
        return a;
    }

    private static void unify(Term l, Term r, Analysis a, Set<String> bound, Set<String> outer) {
        classify(l, a, true, outer);
        classify(r, a, true, outer);
        a.schedulable = canUnify(l, r, bound);
    }

    private static boolean canUnify(Term l, Term r, Set<String> bound) {
        if (groundable(l, bound) || groundable(r, bound)) {
            return true;
        }
        if (l instanceof Term.ArrayTerm la
                && r instanceof Term.ArrayTerm ra
                && la.items().size() == ra.items().size()) {
            for (int i = 0; i < la.items().size(); i++) {
                if (!canUnify(la.items().get(i), ra.items().get(i), bound)) {
                    return false;
                }
            }
            return true;
        }
        if (l instanceof Term.ObjectTerm lo
                && r instanceof Term.ObjectTerm ro
                && lo.keys().size() == ro.keys().size()) {
            return true;
        }
        return false;
    }

    /** Whether evaluating {@code t} yields ground values once {@code bound} vars are bound. */
    private static boolean groundable(Term t, Set<String> bound) {
        if (t instanceof Term.Var v) {
            return bound.contains(v.name());
        }
        if (t instanceof Term.ArrayTerm a) {
            return a.items().stream().allMatch(i -> groundable(i, bound));
        }
        if (t instanceof Term.ObjectTerm o) {
            return o.values().stream().allMatch(i -> groundable(i, bound))
                    && o.keys().stream().allMatch(i -> groundable(i, bound));
        }
        if (t instanceof Term.SetTerm s) {
            return s.items().stream().allMatch(i -> groundable(i, bound));
        }
        return true;
    }

    /** Sorts vars of a term into needs and outputs. */
    private static void classify(Term t, Analysis a, boolean outPos, Set<String> outer) {
        if (t instanceof Term.Var v) {
            if (a.anyVar == null) {
                a.anyVar = v;
            }
            if (outPos) {
                a.outs.add(v.name());
            } else {
                a.needs.putIfAbsent(v.name(), v);
            }
        } else if (t instanceof Term.Ref r) {
            if (r.head() instanceof Term.Var hv) {
                if (!hv.name().equals("data") && !hv.name().equals("input")) {
                    a.needs.putIfAbsent(hv.name(), hv);
                }
            } else {
                classify(r.head(), a, false, outer);
            }
            for (Term p : r.path()) {
                classify(p, a, true, outer);
            }
        } else if (t instanceof Term.ArrayTerm at) {
            at.items().forEach(i -> classify(i, a, outPos, outer));
        } else if (t instanceof Term.ObjectTerm o) {
            o.keys().forEach(i -> classify(i, a, false, outer));
            o.values().forEach(i -> classify(i, a, outPos, outer));
        } else if (t instanceof Term.SetTerm s) {
            s.items().forEach(i -> classify(i, a, false, outer));
        } else if (t instanceof Term.Call c) {
            c.args().forEach(i -> classify(i, a, false, outer));
        } else if (t instanceof Term.ArrayCompr || t instanceof Term.SetCompr || t instanceof Term.ObjectCompr) {
            Set<String> inner = new HashSet<>();
            collectTerm(t, inner);
            for (String v : inner) {
                if (outer.contains(v)) {
                    a.needs.putIfAbsent(v, new Term.Var(v, t.loc()));
                }
            }
        }
    }

    /** Vars of the enclosing body outside nested bodies (closure candidates). */
    private static void collectAll(Expr e, Set<String> out) {
        Expr.Kind k = e.kind();
        if (k instanceof Expr.TermExpr t) {
            vars(t.term(), out);
        } else if (k instanceof Expr.Unify u) {
            vars(u.lhs(), out);
            vars(u.rhs(), out);
        } else if (k instanceof Expr.Assign a) {
            vars(a.lhs(), out);
            vars(a.rhs(), out);
        } else if (k instanceof Expr.SomeIn s) {
            if (s.key() != null) {
                vars(s.key(), out);
            }
            vars(s.value(), out);
            vars(s.collection(), out);
        } else if (k instanceof Expr.Every ev) {
            vars(ev.collection(), out);
        }
        for (Expr.With w : e.withs()) {
            vars(w.value(), out);
        }
    }

    private static void collectTerm(Term t, Set<String> out) {
        deepVars(t, out);
    }

    /** Vars in a term, not descending into comprehension bodies (but into their free vars). */
    static void vars(Term t, Set<String> out) {
        Map<String, Term.Var> m = new LinkedHashMap<>();
        varsOrdered(t, m);
        out.addAll(m.keySet());
    }

    private static void varsOrdered(Term t, Map<String, Term.Var> out) {
        if (t instanceof Term.Var v) {
            out.putIfAbsent(v.name(), v);
        } else if (t instanceof Term.Ref r) {
            if (!(r.head() instanceof Term.Var hv
                    && (hv.name().equals("data") || hv.name().equals("input")))) {
                varsOrdered(r.head(), out);
            }
            r.path().forEach(p -> varsOrdered(p, out));
        } else if (t instanceof Term.ArrayTerm a) {
            a.items().forEach(p -> varsOrdered(p, out));
        } else if (t instanceof Term.SetTerm s) {
            s.items().forEach(p -> varsOrdered(p, out));
        } else if (t instanceof Term.ObjectTerm o) {
            o.keys().forEach(p -> varsOrdered(p, out));
            o.values().forEach(p -> varsOrdered(p, out));
        } else if (t instanceof Term.Call c) {
            c.args().forEach(p -> varsOrdered(p, out));
        }
    }

    /** Every var anywhere inside a term, nested bodies included. */
    static void deepVars(Term t, Set<String> out) {
        if (t instanceof Term.Var v) {
            out.add(v.name());
        } else if (t instanceof Term.Ref r) {
            deepVars(r.head(), out);
            r.path().forEach(p -> deepVars(p, out));
        } else if (t instanceof Term.ArrayTerm a) {
            a.items().forEach(p -> deepVars(p, out));
        } else if (t instanceof Term.SetTerm s) {
            s.items().forEach(p -> deepVars(p, out));
        } else if (t instanceof Term.ObjectTerm o) {
            o.keys().forEach(p -> deepVars(p, out));
            o.values().forEach(p -> deepVars(p, out));
        } else if (t instanceof Term.Call c) {
            c.args().forEach(p -> deepVars(p, out));
        } else if (t instanceof Term.ArrayCompr c) {
            deepVars(c.head(), out);
            c.body().forEach(e -> deepExpr(e, out));
        } else if (t instanceof Term.SetCompr c) {
            deepVars(c.head(), out);
            c.body().forEach(e -> deepExpr(e, out));
        } else if (t instanceof Term.ObjectCompr c) {
            deepVars(c.key(), out);
            deepVars(c.value(), out);
            c.body().forEach(e -> deepExpr(e, out));
        }
    }

    static void deepExpr(Expr e, Set<String> out) {
        Expr.Kind k = e.kind();
        if (k instanceof Expr.TermExpr t) {
            deepVars(t.term(), out);
        } else if (k instanceof Expr.Unify u) {
            deepVars(u.lhs(), out);
            deepVars(u.rhs(), out);
        } else if (k instanceof Expr.Assign a) {
            deepVars(a.lhs(), out);
            deepVars(a.rhs(), out);
        } else if (k instanceof Expr.SomeIn s) {
            if (s.key() != null) {
                deepVars(s.key(), out);
            }
            deepVars(s.value(), out);
            deepVars(s.collection(), out);
        } else if (k instanceof Expr.Every ev) {
            deepVars(ev.collection(), out);
            ev.body().forEach(b -> deepExpr(b, out));
        }
        for (Expr.With w : e.withs()) {
            deepVars(w.value(), out);
        }
    }
}

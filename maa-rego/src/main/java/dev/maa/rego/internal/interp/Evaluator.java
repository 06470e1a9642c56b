package dev.maa.rego.internal.interp;

import dev.maa.rego.internal.ast.Expr;
import dev.maa.rego.internal.ast.Term;
import dev.maa.rego.value.ArrayValue;
import dev.maa.rego.value.BooleanValue;
import dev.maa.rego.value.NumberValue;
import dev.maa.rego.value.ObjectValue;
import dev.maa.rego.value.SetValue;
import dev.maa.rego.value.Value;
import java.util.List;

/**
 * Top-down evaluation of bodies and expressions with backtracking, in continuation-passing
 * style: every step calls its continuation once per solution and undoes its bindings afterwards.
 */
public final class Evaluator {
    final EvalState st;
    final Terms terms;
    final Docs docs;
    final WithEval with;

    public Evaluator(EvalState st) {
        this.st = st;
        this.terms = new Terms(this);
        this.docs = new Docs(this);
        this.with = new WithEval(this);
    }

    public boolean body(List<Expr> body, Env env, K k) {
        return body(body, 0, env, k);
    }

    /**
     * Evaluates {@code body[i..]}. Leading expressions that cannot iterate (a test or an assignment of a
     * single-valued term) run in a loop without a continuation each; the first that needs the general path
     * continues in continuation-passing style. Same steps, bindings and solutions as the general path: most
     * rule and function bodies of an access policy are such tests, and a continuation per expression was much
     * of their cost.
     */
    boolean body(List<Expr> body, int i, Env env, K k) {
        int n = body.size();
        int m = env.mark();
        try {
            for (; i < n; i++) {
                Expr e = body.get(i);
                DirectExpr d = DirectExpr.of(e);
                if (d == DirectExpr.WITH) {
                    break;
                }
                st.step(e.loc());
                int at = i;
                if (d instanceof DirectExpr.Each each) {
                    Value c = each.collection.eval(this, env);
                    if (c != Terms.COMPLEX
                            && !(each.indexed && c instanceof ArrayValue a && a.size() >= INDEX_MIN_SIZE)) {
                        return c != null && each(c, (key, val) -> element(each, key, val, body, at + 1, env, k));
                    }
                    return exprNoWith(e, env, () -> body(body, at + 1, env, k));
                }
                int r = d.run(this, env);
                if (r == DirectExpr.FAILED) {
                    return false;
                }
                if (r == DirectExpr.COMPLEX) {
                    return exprNoWith(e, env, () -> body(body, at + 1, env, k));
                }
            }
            if (i == n) {
                return k.run();
            }
            int at = i;
            return expr(body.get(at), env, () -> body(body, at + 1, env, k));
        } finally {
            env.undo(m);
        }
    }

    /**
     * One element of {@code some [key,] value in c} as {@link #someIn} visits it: key and value bound or matched, then
     * the rest of the body.
     */
    private boolean element(DirectExpr.Each x, Value key, Value val, List<Expr> body, int next, Env env, K k) {
        st.step(x.loc);
        int m = env.mark();
        try {
            return (x.key == null || env.bindOrMatch(x.key, key))
                    && env.bindOrMatch(x.value, val)
                    && body(body, next, env, k);
        } finally {
            env.undo(m);
        }
    }

    boolean expr(Expr e, Env env, K k) {
        st.step(e.loc());
        if (!e.withs().isEmpty()) {
            return with.eval(e, env, k);
        }
        return exprNoWith(e, env, k);
    }

    boolean exprNoWith(Expr e, Env env, K k) {
        if (e.negated()) {
            int m = env.mark();
            boolean found = kind(e.kind(), env, () -> true);
            env.undo(m);
            return found ? false : k.run();
        }
        return kind(e.kind(), env, k);
    }

    private boolean kind(Expr.Kind kind, Env env, K k) {
        if (kind instanceof Expr.TermExpr t) {
            Value d = terms.direct(t.term(), env);
            if (d != Terms.COMPLEX) {
                return d != null && d != BooleanValue.FALSE && k.run();
            }
            return terms.eval(t.term(), env, v -> v != BooleanValue.FALSE && k.run());
        }
        if (kind instanceof Expr.Unify u) {
            return unify(u.lhs(), u.rhs(), env, k);
        }
        if (kind instanceof Expr.Assign a) {
            return unify(a.lhs(), a.rhs(), env, k);
        }
        if (kind instanceof Expr.SomeDecl) {
            return k.run();
        }
        if (kind instanceof Expr.IndexedSomeIn ix) {
            return indexed(ix, env, k);
        }
        if (kind instanceof Expr.SomeIn s) {
            return terms.eval(s.collection(), env, c -> someIn(s, c, env, k));
        }
        Expr.Every ev = (Expr.Every) kind;
        return terms.eval(ev.collection(), env, c -> {
            if (!(c instanceof ArrayValue || c instanceof ObjectValue || c instanceof SetValue)) {
                return false; // OPA: every over a non-collection domain is not satisfied
            }
            boolean[] failed = {false};
            each(c, (key, val) -> {
                int m = env.mark();
                boolean ok = (ev.key() == null
                        ? unifyValue(ev.value(), val, env, () -> body(ev.body(), env, () -> true))
                        : unifyValue(
                                ev.key(),
                                key,
                                env,
                                () -> unifyValue(ev.value(), val, env, () -> body(ev.body(), env, () -> true))));
                env.undo(m);
                if (!ok) {
                    failed[0] = true;
                    return true;
                }
                return false;
            });
            return !failed[0] && k.run();
        });
    }

    private boolean someIn(Expr.SomeIn s, Value c, Env env, K k) {
        return each(c, (key, val) -> {
            st.step(s.value().loc());
            if (s.key() == null) {
                return unifyValue(s.value(), val, env, k);
            }
            return unifyValue(s.key(), key, env, () -> unifyValue(s.value(), val, env, k));
        });
    }

    static final int INDEX_MIN_SIZE = 16;

    private boolean indexed(Expr.IndexedSomeIn ix, Env env, K k) {
        Expr.SomeIn s = ix.base();
        return terms.eval(s.collection(), env, c -> {
            if (!(c instanceof ArrayValue a) || a.size() < INDEX_MIN_SIZE) {
                return someIn(s, c, env, k);
            }
            java.util.BitSet positions = null;
            for (List<Expr.Lookup> alternatives : ix.constraints()) {
                java.util.BitSet union = new java.util.BitSet(a.size());
                for (Expr.Lookup l : alternatives) {
                    terms.eval(l.key(), env, key -> {
                        if (l.anyElement()) {
                            each(key, (ignored, elem) -> {
                                mark(
                                        union,
                                        a,
                                        "e:" + l.field(),
                                        elem,
                                        a.indexByElement(l.field()).get(elem));
                                return false;
                            });
                        } else {
                            mark(union, a, l.field(), key, a.indexBy(l.field()).get(key));
                        }
                        return false;
                    });
                }
                if (positions == null) {
                    positions = union;
                } else {
                    positions.and(union);
                }
            }
            if (positions == null) {
                return someIn(s, c, env, k);
            }
            for (int i = positions.nextSetBit(0); i >= 0; i = positions.nextSetBit(i + 1)) {
                st.step(s.value().loc());
                if (unifyValue(s.value(), a.get(i), env, k)) {
                    return true;
                }
            }
            return false;
        });
    }

    private static final int DENSE_HITS = 64;

    private static void mark(java.util.BitSet set, ArrayValue a, String index, Value key, int[] hits) {
        if (hits != null && hits.length >= DENSE_HITS) {
            set.or(a.bits(index, key, hits));
        } else if (hits != null) {
            for (int i : hits) {
                set.set(i);
            }
        }
    }

    /** Callback for each key/value of a collection; returns true to stop. */
    interface KV {
        boolean run(Value key, Value value);
    }

    /** Iterates a collection: array (index, elem), object (key, value), set (elem, elem). */
    static boolean each(Value c, KV kv) {
        if (c instanceof ArrayValue a) {
            for (int i = 0; i < a.size(); i++) {
                if (kv.run(NumberValue.of(i), a.get(i))) {
                    return true;
                }
            }
        } else if (c instanceof ObjectValue o) {
            for (int i = 0; i < o.size(); i++) {
                if (kv.run(o.keyAt(i), o.valueAt(i))) {
                    return true;
                }
            }
        } else if (c instanceof SetValue s) {
            for (int i = 0, n = s.size(); i < n; i++) {
                Value v = s.itemAt(i);
                if (kv.run(v, v)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Unifies two terms. */
    boolean unify(Term a, Term b, Env env, K k) {
        if (a instanceof Term.ArrayTerm la && b instanceof Term.ArrayTerm lb) {
            if (la.items().size() != lb.items().size()) {
                return false;
            }
            return unifyItems(la.items(), lb.items(), 0, env, k);
        }
        if (isPattern(a, env)) {
            if (isPattern(b, env) && !(b instanceof Term.Var)) {
                return terms.eval(a, env, va -> unifyValue(b, va, env, k));
            }
            return terms.eval(b, env, vb -> unifyValue(a, vb, env, k));
        }
        return terms.eval(a, env, va -> unifyValue(b, va, env, k));
    }

    private boolean unifyItems(List<Term> as, List<Term> bs, int i, Env env, K k) {
        if (i == as.size()) {
            return k.run();
        }
        return unify(as.get(i), bs.get(i), env, () -> unifyItems(as, bs, i + 1, env, k));
    }

    /** Whether a term has unbound variables in binding positions. */
    boolean isPattern(Term t, Env env) {
        if (t instanceof Term.Var v) {
            return env.get(v.name()) == null;
        }
        if (t instanceof Term.ArrayTerm a) {
            for (Term i : a.items()) {
                if (isPattern(i, env)) {
                    return true;
                }
            }
        } else if (t instanceof Term.ObjectTerm o) {
            for (Term i : o.values()) {
                if (isPattern(i, env)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Matches a term (possibly with unbound vars) against a value. */
    boolean unifyValue(Term p, Value v, Env env, K k) {
        if (p instanceof Term.Var var) {
            Value bound = env.get(var.name());
            if (bound != null) {
                return bound.equals(v) && k.run();
            }
            int m = env.mark();
            env.bind(var.name(), v);
            boolean r = k.run();
            env.undo(m);
            return r;
        }
        if (p instanceof Term.Scalar s) {
            return s.value().equals(v) && k.run();
        }
        if (p instanceof Term.ArrayTerm a) {
            if (!(v instanceof ArrayValue av) || av.size() != a.items().size()) {
                return false;
            }
            return unifyArray(a.items(), av, 0, env, k);
        }
        if (p instanceof Term.ObjectTerm o && isPattern(p, env)) {
            if (!(v instanceof ObjectValue ov) || ov.size() != o.keys().size()) {
                return false;
            }
            return unifyObject(o, ov, 0, env, k);
        }
        return terms.eval(p, env, pv -> pv.equals(v) && k.run());
    }

    private boolean unifyArray(List<Term> items, ArrayValue av, int i, Env env, K k) {
        if (i == items.size()) {
            return k.run();
        }
        return unifyValue(items.get(i), av.get(i), env, () -> unifyArray(items, av, i + 1, env, k));
    }

    private boolean unifyObject(Term.ObjectTerm o, ObjectValue ov, int i, Env env, K k) {
        if (i == o.keys().size()) {
            return k.run();
        }
        return terms.eval(o.keys().get(i), env, key -> {
            Value val = ov.get(key);
            return val != null && unifyValue(o.values().get(i), val, env, () -> unifyObject(o, ov, i + 1, env, k));
        });
    }
}

package dev.maa.rego.internal.compile;

import dev.maa.rego.internal.ast.Expr;
import dev.maa.rego.internal.ast.Term;
import dev.maa.rego.value.StringValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Extends iteration indexing through functions: {@code some p in data.xs; applies(p)} where
 * every definition of {@code applies} requires {@code p.f == k} or {@code some g in p.f; g in k}
 * (directly, or by calling another such function on {@code p}) visits only elements matching
 * those lookups; a single-definition function contributes all of its body's requirements. Keys must be
 * constants or plain input/data references, so they mean the same inside and outside the
 * function. Runs after all rules are compiled.
 */
final class FunctionIndex {
    private final RuleNode root;
    private final Map<RuleNode, List<List<Expr.Lookup>>> memo = new HashMap<>();

    private FunctionIndex(RuleNode root) {
        this.root = root;
    }

    static void apply(RuleNode root) {
        new FunctionIndex(root).rewrite(root);
    }

    private void rewrite(RuleNode n) {
        rewriteList(n.complete);
        rewriteList(n.sets);
        rewriteList(n.objects);
        rewriteList(n.functions);
        n.children.values().forEach(this::rewrite);
    }

    private void rewriteList(List<CRule> rules) {
        for (int i = 0; i < rules.size(); i++) {
            rules.set(i, rewriteRule(rules.get(i)));
        }
    }

    private CRule rewriteRule(CRule r) {
        CRule next = r.elseRule() == null ? null : rewriteRule(r.elseRule());
        List<Expr> body = annotate(r.body());
        if (body == r.body() && next == r.elseRule()) {
            return r;
        }
        return new CRule(
                r.path(), r.suffix(), r.kind(), r.args(), r.key(), r.value(), body, r.isDefault(), next, r.loc());
    }

    private List<Expr> annotate(List<Expr> body) {
        List<Expr> out = null;
        for (int i = 0; i < body.size(); i++) {
            Expr e = body.get(i);
            if (e.negated() || !e.withs().isEmpty()) {
                continue;
            }
            Expr.IndexedSomeIn ix;
            if (e.kind() instanceof Expr.IndexedSomeIn existing) {
                ix = existing;
            } else if (e.kind() instanceof Expr.SomeIn s) {
                ix = new Expr.IndexedSomeIn(s, List.of());
            } else {
                continue;
            }
            Expr.SomeIn s = ix.base();
            if (s.key() != null || !(s.value() instanceof Term.Var p) || !isStaticDataRef(s.collection())) {
                continue;
            }
            Expr.IndexedSomeIn extended = ix;
            for (List<Expr.Lookup> clause : bodyClauses(body, i + 1, p.name())) {
                extended = extended.and(clause);
            }
            if (extended != ix
                    || !(e.kind() instanceof Expr.IndexedSomeIn)
                            && !extended.constraints().isEmpty()) {
                if (extended.constraints().isEmpty()) {
                    continue;
                }
                if (out == null) {
                    out = new ArrayList<>(body);
                }
                out.set(i, e.withKind(extended));
            }
        }
        return out == null ? body : out;
    }

    /** {@code some g in p.f} at {@code j} and a later {@code g in k}: p.f must share an element with k. */
    private static List<Expr.Lookup> anyElementLookup(List<Expr> body, int j, String var) {
        Expr e = body.get(j);
        if (e.negated()
                || !e.withs().isEmpty()
                || !(e.kind() instanceof Expr.SomeIn s)
                || s.key() != null
                || !(s.value() instanceof Term.Var g)
                || !(s.collection() instanceof Term.Ref r)
                || !(r.head() instanceof Term.Var pv)
                || !pv.name().equals(var)
                || r.path().size() != 1
                || !(r.path().get(0) instanceof Term.Scalar fs)
                || !(fs.value() instanceof StringValue field)) {
            return null;
        }
        for (int k = j + 1; k < body.size(); k++) {
            Expr m = body.get(k);
            if (!m.negated()
                    && m.withs().isEmpty()
                    && m.kind() instanceof Expr.TermExpr t
                    && t.term() instanceof Term.Call c
                    && c.target() != null
                    && "internal.member_2".equals(c.target().builtin())
                    && c.args().get(0) instanceof Term.Var mv
                    && mv.name().equals(g.name())
                    && globalKey(c.args().get(1))) {
                return List.of(new Expr.Lookup(field.value(), c.args().get(1), true));
            }
        }
        return null;
    }

    private static boolean isStaticDataRef(Term t) {
        return t instanceof Term.Ref r
                && r.head() instanceof Term.Var v
                && v.name().equals("data")
                && Resolver.allStrings(r.path());
    }

    /**
     * The clauses (each a disjunction of lookups) that {@code body[from..]} requires of {@code var}:
     * equalities, membership pairs, and the clauses of one-argument functions called on it.
     */
    private List<List<Expr.Lookup>> bodyClauses(List<Expr> body, int from, String var) {
        List<List<Expr.Lookup>> out = new ArrayList<>();
        for (int j = from; j < body.size(); j++) {
            List<List<Expr.Lookup>> found = requiredClauses(body.get(j), var);
            if (found == null) {
                List<Expr.Lookup> any = anyElementLookup(body, j, var);
                found = any == null ? null : List.of(any);
            }
            if (found != null) {
                for (List<Expr.Lookup> clause : found) {
                    if (!out.contains(clause)) {
                        out.add(clause);
                    }
                }
            }
        }
        return out;
    }

    /** Clauses an expression requires of {@code var}, or null if it constrains nothing indexable. */
    private List<List<Expr.Lookup>> requiredClauses(Expr e, String var) {
        if (e.negated()
                || !e.withs().isEmpty()
                || !(e.kind() instanceof Expr.TermExpr t)
                || !(t.term() instanceof Term.Call c)
                || c.target() == null) {
            return null;
        }
        if ("equal".equals(c.target().builtin()) && c.args().size() == 2) {
            for (int side = 0; side < 2; side++) {
                Term f = c.args().get(side);
                Term key = c.args().get(1 - side);
                if (f instanceof Term.Ref r
                        && r.head() instanceof Term.Var v
                        && v.name().equals(var)
                        && r.path().size() == 1
                        && r.path().get(0) instanceof Term.Scalar fs
                        && fs.value() instanceof StringValue field
                        && globalKey(key)) {
                    return List.of(List.of(new Expr.Lookup(field.value(), key, false)));
                }
            }
            return null;
        }
        if (c.target().functionPath() != null
                && c.args().size() == 1
                && c.args().get(0) instanceof Term.Var a
                && a.name().equals(var)) {
            return functionClauses(root.find(c.target().functionPath()));
        }
        return null;
    }

    /**
     * Clauses every successful call of a one-argument function requires of its argument, or null.
     * With one definition that is all of its body's clauses; with several, one clause: the union
     * of each definition's first clause (whichever definition succeeded, its clause holds).
     */
    private List<List<Expr.Lookup>> functionClauses(RuleNode fn) {
        if (fn == null || fn.defaultRule != null || fn.functions.isEmpty()) {
            return null;
        }
        if (memo.containsKey(fn)) {
            return memo.get(fn);
        }
        memo.put(fn, null);
        List<List<List<Expr.Lookup>>> perDefinition = new ArrayList<>();
        for (CRule r : fn.functions) {
            if (r.elseRule() != null || r.args().size() != 1 || !(r.args().get(0) instanceof Term.Var param)) {
                return null;
            }
            List<List<Expr.Lookup>> clauses = bodyClauses(r.body(), 0, param.name());
            if (clauses.isEmpty()) {
                return null;
            }
            perDefinition.add(clauses);
        }
        List<List<Expr.Lookup>> result;
        if (perDefinition.size() == 1) {
            result = List.copyOf(perDefinition.get(0));
        } else {
            List<Expr.Lookup> any = new ArrayList<>();
            perDefinition.forEach(clauses -> any.addAll(clauses.get(0)));
            result = List.of(List.copyOf(any));
        }
        memo.put(fn, result);
        return result;
    }

    /** Constants and plain input/data references: same value inside and outside a function. */
    private static boolean globalKey(Term t) {
        if (t instanceof Term.Scalar) {
            return true;
        }
        if (t instanceof Term.Ref r
                && r.head() instanceof Term.Var v
                && (v.name().equals("input") || v.name().equals("data"))) {
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

package dev.maa.rego.internal.compile;

import dev.maa.rego.internal.ast.Expr;
import dev.maa.rego.internal.ast.Term;
import dev.maa.rego.value.StringValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Gives each {@code data} reference of the final rules the node of the rules its leading string keys name
 * ({@link Term.Ref#rule()}), so the evaluator reads their memoised value without walking the rule tree by name
 * on every evaluation: most references a policy makes are to its own package's rules ({@code
 * count(deny_reasons) > 0}). Runs last, on the final rules (their bodies, heads and the bodies nested in them).
 */
final class RuleRefs {
    private final RuleNode root;

    private RuleRefs(RuleNode root) {
        this.root = root;
    }

    static void apply(RuleNode root) {
        apply(root, root);
    }

    private static void apply(RuleNode root, RuleNode n) {
        resolve(root, n.complete);
        resolve(root, n.sets);
        resolve(root, n.objects);
        resolve(root, n.functions);
        if (n.defaultRule != null) {
            n.defaultRule = resolve(root, n.defaultRule);
        }
        n.children.values().forEach(c -> apply(root, c));
    }

    private static void resolve(RuleNode root, List<CRule> rules) {
        for (int i = 0; i < rules.size(); i++) {
            rules.set(i, resolve(root, rules.get(i)));
        }
    }

    private static CRule resolve(RuleNode root, CRule r) {
        RuleRefs s = new RuleRefs(root);
        List<Term> args = r.args() == null ? null : s.terms(r.args());
        List<Term> suffix = s.terms(r.suffix());
        Term key = s.term(r.key());
        Term value = s.term(r.value());
        List<Expr> body = s.body(r.body());
        CRule next = r.elseRule() == null ? null : resolve(root, r.elseRule());
        return new CRule(r.path(), suffix, r.kind(), args, key, value, body, r.isDefault(), next, r.loc());
    }

    private List<Expr> body(List<Expr> body) {
        List<Expr> out = new ArrayList<>(body.size());
        for (Expr e : body) {
            List<Expr.With> withs = e.withs();
            if (!withs.isEmpty()) {
                List<Expr.With> ws = new ArrayList<>(withs.size());
                for (Expr.With w : withs) {
                    ws.add(new Expr.With(term(w.target()), term(w.value()), w.loc()));
                }
                withs = List.copyOf(ws);
            }
            out.add(new Expr(kind(e.kind()), e.negated(), withs, e.loc()));
        }
        return List.copyOf(out);
    }

    private Expr.Kind kind(Expr.Kind k) {
        if (k instanceof Expr.TermExpr t) {
            return new Expr.TermExpr(term(t.term()));
        }
        if (k instanceof Expr.Unify u) {
            return new Expr.Unify(term(u.lhs()), term(u.rhs()));
        }
        if (k instanceof Expr.Assign a) {
            return new Expr.Assign(term(a.lhs()), term(a.rhs()));
        }
        if (k instanceof Expr.SomeDecl d) {
            List<Term.Var> vs = new ArrayList<>();
            for (Term.Var v : d.vars()) {
                vs.add((Term.Var) term(v));
            }
            return new Expr.SomeDecl(List.copyOf(vs));
        }
        if (k instanceof Expr.SomeIn s) {
            return someIn(s);
        }
        if (k instanceof Expr.IndexedSomeIn ix) {
            List<List<Expr.Lookup>> cs = new ArrayList<>();
            for (List<Expr.Lookup> alternatives : ix.constraints()) {
                List<Expr.Lookup> ls = new ArrayList<>();
                for (Expr.Lookup l : alternatives) {
                    ls.add(new Expr.Lookup(l.field(), term(l.key()), l.anyElement()));
                }
                cs.add(List.copyOf(ls));
            }
            return new Expr.IndexedSomeIn(someIn(ix.base()), List.copyOf(cs));
        }
        Expr.Every ev = (Expr.Every) k;
        return new Expr.Every(term(ev.key()), term(ev.value()), term(ev.collection()), body(ev.body()));
    }

    private Expr.SomeIn someIn(Expr.SomeIn s) {
        return new Expr.SomeIn(term(s.key()), term(s.value()), term(s.collection()));
    }

    private List<Term> terms(List<Term> ts) {
        List<Term> out = new ArrayList<>(ts.size());
        for (Term t : ts) {
            out.add(term(t));
        }
        return List.copyOf(out);
    }

    /** The reference with the node of the rules its leading string keys name; functions are left to the walk. */
    private Term ruleRef(Term head, List<Term> path, dev.maa.rego.Location loc) {
        RuleNode n = root;
        for (int i = 0; i < path.size(); i++) {
            if (!(path.get(i) instanceof Term.Scalar s && s.value() instanceof StringValue key)) {
                break;
            }
            n = n.named(key.value());
            if (n == null) {
                break;
            }
            if (n.hasRules()) {
                return n.isFunction() ? new Term.Ref(head, path, loc) : new Term.Ref(head, path, loc, n, i + 1);
            }
        }
        return new Term.Ref(head, path, loc);
    }

    private Term term(Term t) {
        if (t == null || t instanceof Term.Scalar) {
            return t;
        }
        if (t instanceof Term.Var) {
            return t;
        }
        if (t instanceof Term.Ref r) {
            List<Term> path = terms(r.path());
            if (r.head() instanceof Term.Var v && v.name().equals("data")) {
                return ruleRef(r.head(), path, r.loc());
            }
            return new Term.Ref(term(r.head()), path, r.loc());
        }
        if (t instanceof Term.ArrayTerm a) {
            return new Term.ArrayTerm(terms(a.items()), a.loc());
        }
        if (t instanceof Term.SetTerm s) {
            return new Term.SetTerm(terms(s.items()), s.loc());
        }
        if (t instanceof Term.ObjectTerm o) {
            return new Term.ObjectTerm(terms(o.keys()), terms(o.values()), o.loc(), o.constant());
        }
        if (t instanceof Term.ArrayCompr c) {
            return new Term.ArrayCompr(term(c.head()), body(c.body()), c.loc());
        }
        if (t instanceof Term.SetCompr c) {
            return new Term.SetCompr(term(c.head()), body(c.body()), c.loc());
        }
        if (t instanceof Term.ObjectCompr c) {
            return new Term.ObjectCompr(term(c.key()), term(c.value()), body(c.body()), c.loc());
        }
        Term.Call c = (Term.Call) t;
        return c.withArgs(terms(c.args()));
    }
}

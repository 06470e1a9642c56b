package dev.maa.rego.internal.compile;

import dev.maa.rego.RegoCompileException;
import dev.maa.rego.internal.ast.Expr;
import dev.maa.rego.internal.ast.Term;
import dev.maa.rego.value.StringValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Rejects rules that depend on themselves ({@code rego_recursion_error}), as OPA does at compile time. */
final class Recursion {
    private Recursion() {}

    static void check(RuleNode root) {
        Map<RuleNode, Set<RuleNode>> deps = new HashMap<>();
        List<RuleNode> ruleNodes = new ArrayList<>();
        collect(root, ruleNodes);
        for (RuleNode n : ruleNodes) {
            Set<RuleNode> out = new LinkedHashSet<>();
            List<CRule> rules = new ArrayList<>();
            rules.addAll(n.complete);
            rules.addAll(n.sets);
            rules.addAll(n.objects);
            rules.addAll(n.functions);
            for (CRule r : rules) {
                for (CRule c = r; c != null; c = c.elseRule()) {
                    List<List<String>> refs = new ArrayList<>();
                    c.body().forEach(e -> expr(e, refs));
                    if (c.value() != null) {
                        term(c.value(), refs);
                    }
                    if (c.key() != null) {
                        term(c.key(), refs);
                    }
                    c.suffix().forEach(t -> term(t, refs));
                    for (List<String> p : refs) {
                        targets(root, p, out);
                    }
                }
            }
            deps.put(n, out);
        }
        Map<RuleNode, Integer> state = new HashMap<>();
        for (RuleNode n : ruleNodes) {
            dfs(n, deps, state, new ArrayList<>());
        }
    }

    private static void collect(RuleNode n, List<RuleNode> out) {
        if (n.hasRules()) {
            out.add(n);
        }
        n.children.values().forEach(c -> collect(c, out));
    }

    private static void dfs(
            RuleNode n, Map<RuleNode, Set<RuleNode>> deps, Map<RuleNode, Integer> state, List<RuleNode> stack) {
        Integer s = state.get(n);
        if (s != null && s == 2) {
            return;
        }
        if (s != null && s == 1) {
            int i = stack.indexOf(n);
            StringBuilder sb = new StringBuilder();
            for (int j = i; j < stack.size(); j++) {
                sb.append(stack.get(j).pathString()).append(" -> ");
            }
            sb.append(n.pathString());
            CRule any = anyRule(n);
            throw new RegoCompileException(
                    "rego_recursion_error",
                    any == null ? null : any.loc(),
                    "rule " + n.pathString() + " is recursive: " + sb);
        }
        state.put(n, 1);
        stack.add(n);
        for (RuleNode d : deps.getOrDefault(n, Set.of())) {
            dfs(d, deps, state, stack);
        }
        stack.remove(stack.size() - 1);
        state.put(n, 2);
    }

    private static CRule anyRule(RuleNode n) {
        List<CRule> all = new ArrayList<>();
        all.addAll(n.complete);
        all.addAll(n.sets);
        all.addAll(n.objects);
        all.addAll(n.functions);
        return all.isEmpty() ? n.defaultRule : all.get(0);
    }

    /**
     * Rule nodes a reference to {@code path} may read: rules on the path and all below it. A null
     * part (a variable, as in {@code data[x].allow}) matches any key, but the constant parts after it
     * still have to match, as in OPA's dependency graph: {@code data[x].allow} cannot read
     * {@code data.test.p}.
     */
    private static void targets(RuleNode n, List<String> path, Set<RuleNode> out) {
        for (int i = 0; i < path.size(); i++) {
            if (n.hasRules()) {
                out.add(n);
                return;
            }
            if (path.get(i) == null) {
                List<String> rest = path.subList(i + 1, path.size());
                n.children.values().forEach(c -> targets(c, rest, out));
                return;
            }
            n = n.children.get(path.get(i));
            if (n == null) {
                return;
            }
        }
        List<RuleNode> below = new ArrayList<>();
        collect(n, below);
        out.addAll(below);
    }

    private static void expr(Expr e, List<List<String>> refs) {
        Expr.Kind k = e.kind();
        if (k instanceof Expr.TermExpr t) {
            term(t.term(), refs);
        } else if (k instanceof Expr.Unify u) {
            term(u.lhs(), refs);
            term(u.rhs(), refs);
        } else if (k instanceof Expr.Assign a) {
            term(a.rhs(), refs);
        } else if (k instanceof Expr.SomeIn s) {
            term(s.collection(), refs);
        } else if (k instanceof Expr.Every ev) {
            term(ev.collection(), refs);
            ev.body().forEach(b -> expr(b, refs));
        }
        for (Expr.With w : e.withs()) {
            term(w.value(), refs);
        }
    }

    private static void term(Term t, List<List<String>> refs) {
        if (t instanceof Term.Ref r) {
            if (r.head() instanceof Term.Var v && v.name().equals("data")) {
                List<String> p = new ArrayList<>();
                for (Term x : r.path()) {
                    if (x instanceof Term.Scalar s && s.value() instanceof StringValue sv) {
                        p.add(sv.value());
                    } else if (x instanceof Term.Scalar s && s.value() instanceof dev.maa.rego.value.NumberValue n) {
                        p.add(n.text());
                    } else {
                        p.add(null);
                    }
                }
                refs.add(p);
            } else {
                term(r.head(), refs);
            }
            r.path().forEach(x -> term(x, refs));
        } else if (t instanceof Term.Call c) {
            if (c.target() != null && c.target().functionPath() != null) {
                refs.add(c.target().functionPath());
            }
            c.args().forEach(x -> term(x, refs));
        } else if (t instanceof Term.ArrayTerm a) {
            a.items().forEach(x -> term(x, refs));
        } else if (t instanceof Term.SetTerm s) {
            s.items().forEach(x -> term(x, refs));
        } else if (t instanceof Term.ObjectTerm o) {
            o.keys().forEach(x -> term(x, refs));
            o.values().forEach(x -> term(x, refs));
        } else if (t instanceof Term.ArrayCompr c) {
            term(c.head(), refs);
            c.body().forEach(e -> expr(e, refs));
        } else if (t instanceof Term.SetCompr c) {
            term(c.head(), refs);
            c.body().forEach(e -> expr(e, refs));
        } else if (t instanceof Term.ObjectCompr c) {
            term(c.key(), refs);
            term(c.value(), refs);
            c.body().forEach(e -> expr(e, refs));
        }
    }
}

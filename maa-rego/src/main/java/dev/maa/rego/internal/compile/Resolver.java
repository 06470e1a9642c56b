package dev.maa.rego.internal.compile;

import dev.maa.rego.Location;
import dev.maa.rego.RegoCompileException;
import dev.maa.rego.RegoUnsupportedException;
import dev.maa.rego.builtins.Builtin;
import dev.maa.rego.builtins.BuiltinRegistry;
import dev.maa.rego.internal.ast.Expr;
import dev.maa.rego.internal.ast.Term;
import dev.maa.rego.internal.parser.Parser;
import dev.maa.rego.value.StringValue;
import dev.maa.rego.value.Value;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves names in one rule or query: rule names of the package and import aliases become
 * {@code data} references, declared locals in nested scopes get unique names (so they never clash
 * with outer variables), calls get their target, and {@code f(x, out)} becomes {@code out = f(x)}.
 */
final class Resolver {
    /** Builtins the interpreter implements itself: name → arity. */
    static final Map<String, Integer> INTERNAL = Map.of(
            "print",
            -1,
            "internal.member_2",
            2,
            "internal.member_3",
            3,
            "walk",
            1,
            "trace",
            1,
            Parser.TEMPLATE_STRING,
            1);

    private final BuiltinRegistry registry;
    private final RuleNode root;
    private final List<String> pkg;
    private final Set<String> ruleNames;
    private final Map<String, List<String>> imports;
    private final Deque<Map<String, String>> scopes = new ArrayDeque<>();
    static final String METADATA_CHAIN = "rego.metadata.chain";
    static final String METADATA_RULE = "rego.metadata.rule";
    /** Null outside a rule (a query): the builtins' own answers apply. */
    private java.util.function.Supplier<Value> metadataChain;

    private java.util.function.Supplier<Value> metadataRule;
    private int counter;
    /** Inside an expression with {@code with}: mocks may replace functions, so skip literal type checks. */
    private boolean inWith;

    Resolver(
            BuiltinRegistry registry,
            RuleNode root,
            List<String> pkg,
            Set<String> ruleNames,
            Map<String, List<String>> imports) {
        this.registry = registry;
        this.root = root;
        this.pkg = pkg;
        this.ruleNames = ruleNames;
        this.imports = imports;
        scopes.push(new HashMap<>());
    }

    /** Source name → internal name of the variables declared in the top scope. */
    Map<String, String> topScope() {
        return scopes.peekLast();
    }

    /** Declares names in the top scope (function args, head vars). */
    void declareTop(String name) {
        scopes.peekLast().put(name, name);
    }

    /** Resolves a body in the current (already pushed) scope. */
    private List<Expr> bodyInScope(List<Expr> body) {
        List<Expr> out = new ArrayList<>(body.size());
        for (Expr e : body) {
            out.add(expr(e, true));
        }
        return out;
    }

    List<Expr> body(List<Expr> body, boolean nested) {
        if (nested) {
            scopes.push(new HashMap<>());
        }
        try {
            List<Expr> out = new ArrayList<>(body.size());
            for (Expr e : body) {
                out.add(expr(e, nested));
            }
            return out;
        } finally {
            if (nested) {
                scopes.pop();
            }
        }
    }

    private String declare(Term.Var v, boolean nested) {
        Map<String, String> scope = scopes.peek();
        if (v.isWildcard()) {
            return v.name();
        }
        if (scope.containsKey(v.name()) && !scope.get(v.name()).equals(v.name() + "#arg")) {
            throw new RegoCompileException("rego_compile_error", v.loc(), "var " + v.name() + " assigned above");
        }
        String internal = v.name() + "$" + (counter++);
        scope.put(v.name(), internal);
        return internal;
    }

    private void declareAll(Term t, boolean nested) {
        if (t instanceof Term.Var v) {
            declare(v, nested);
        } else if (t instanceof Term.ArrayTerm a) {
            a.items().forEach(i -> declareAll(i, nested));
        } else if (t instanceof Term.ObjectTerm o) {
            o.values().forEach(i -> declareAll(i, nested));
        }
    }

    private Expr expr(Expr e, boolean nested) {
        boolean savedWith = inWith;
        inWith = savedWith || !e.withs().isEmpty();
        try {
            return exprInner(e, nested);
        } finally {
            inWith = savedWith;
        }
    }

    private Expr exprInner(Expr e, boolean nested) {
        List<Expr.With> withs = new ArrayList<>();
        for (Expr.With w : e.withs()) {
            withs.add(new Expr.With(withTarget(w.target()), withValue(w.value()), w.loc()));
        }
        Expr.Kind k = e.kind();
        Expr.Kind out;
        if (k instanceof Expr.TermExpr t) {
            Term r = t.term() instanceof Term.Call c0 ? call(c0, true) : term(t.term());
            out = new Expr.TermExpr(r);
            if (r instanceof Term.Call c && c.target() != null && c.loc() != null) {
                int arity = arity(c);
                if (arity >= 0 && c.args().size() == arity + 1) {
                    List<Term> args = c.args();
                    out = new Expr.Unify(args.get(args.size() - 1), c.withArgs(List.copyOf(args.subList(0, arity))));
                }
            }
        } else if (k instanceof Expr.Unify u) {
            out = new Expr.Unify(term(u.lhs()), term(u.rhs()));
        } else if (k instanceof Expr.Assign a) {
            Term rhs = term(a.rhs());
            checkAssignable(a.lhs());
            declareAll(a.lhs(), nested);
            out = new Expr.Assign(term(a.lhs()), rhs);
        } else if (k instanceof Expr.SomeDecl s) {
            List<Term.Var> vs = new ArrayList<>();
            for (Term.Var v : s.vars()) {
                vs.add(new Term.Var(declare(v, nested), v.loc()));
            }
            out = new Expr.SomeDecl(vs);
        } else if (k instanceof Expr.SomeIn s) {
            Term coll = term(s.collection());
            if (s.key() != null) {
                declareAll(s.key(), nested);
            }
            declareAll(s.value(), nested);
            out = new Expr.SomeIn(s.key() == null ? null : term(s.key()), term(s.value()), coll);
        } else {
            Expr.Every ev = (Expr.Every) k;
            Term coll = term(ev.collection());
            scopes.push(new HashMap<>());
            try {
                Term key = null;
                if (ev.key() != null) {
                    declareAll(ev.key(), true);
                    key = term(ev.key());
                }
                declareAll(ev.value(), true);
                Term value = term(ev.value());
                out = new Expr.Every(key, value, coll, body(ev.body(), true));
            } finally {
                scopes.pop();
            }
        }
        return new Expr(out, e.negated(), withs, e.loc());
    }

    private static void checkAssignable(Term lhs) {
        if (lhs instanceof Term.Var || lhs instanceof Term.ArrayTerm || lhs instanceof Term.ObjectTerm) {
            return;
        }
        throw new RegoCompileException("rego_compile_error", lhs.loc(), "cannot assign to " + describe(lhs));
    }

    private static String describe(Term t) {
        return t instanceof Term.Ref ? "ref" : t instanceof Term.Call ? "call" : "constant";
    }

    private String lookup(String name) {
        for (Map<String, String> s : scopes) {
            String v = s.get(name);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /** The global reference a bare name denotes, or null if it is a local variable. */
    private List<Term> globalPath(String name, Location loc) {
        if (name.equals("data") || name.equals("input")) {
            return List.of(new Term.Var(name, loc));
        }
        List<String> imp = imports.get(name);
        List<String> p =
                imp != null ? imp : ruleNames.contains(name) ? concat(List.of("data"), pkg, List.of(name)) : null;
        if (p == null) {
            return null;
        }
        List<Term> out = new ArrayList<>();
        out.add(new Term.Var(p.get(0), loc));
        for (int i = 1; i < p.size(); i++) {
            out.add(new Term.Scalar(new StringValue(p.get(i)), loc));
        }
        return out;
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        List<String> out = new ArrayList<>();
        for (List<String> p : parts) {
            out.addAll(p);
        }
        return out;
    }

    Term term(Term t) {
        if (t instanceof Term.Var v) {
            String local = lookup(v.name());
            if (local != null || v.isWildcard()) {
                return local == null ? v : new Term.Var(local, v.loc());
            }
            List<Term> g = globalPath(v.name(), v.loc());
            if (g == null) {
                return v;
            }
            return new Term.Ref(g.get(0), List.copyOf(g.subList(1, g.size())), v.loc());
        }
        if (t instanceof Term.Ref r) {
            Term head = term(r.head());
            List<Term> path = new ArrayList<>();
            if (head instanceof Term.Ref hr) {
                path.addAll(hr.path());
                head = hr.head();
            }
            for (Term p : r.path()) {
                path.add(term(p));
            }
            return new Term.Ref(head, List.copyOf(path), r.loc());
        }
        if (t instanceof Term.Scalar) {
            return t;
        }
        if (t instanceof Term.ArrayTerm a) {
            return new Term.ArrayTerm(terms(a.items()), a.loc());
        }
        if (t instanceof Term.SetTerm s) {
            return new Term.SetTerm(terms(s.items()), s.loc());
        }
        if (t instanceof Term.ObjectTerm o) {
            return new Term.ObjectTerm(terms(o.keys()), terms(o.values()), o.loc());
        }
        if (t instanceof Term.ArrayCompr c) {
            scopes.push(new HashMap<>());
            try {
                List<Expr> b = bodyInScope(c.body());
                return new Term.ArrayCompr(term(c.head()), b, c.loc());
            } finally {
                scopes.pop();
            }
        }
        if (t instanceof Term.SetCompr c) {
            scopes.push(new HashMap<>());
            try {
                List<Expr> b = bodyInScope(c.body());
                return new Term.SetCompr(term(c.head()), b, c.loc());
            } finally {
                scopes.pop();
            }
        }
        if (t instanceof Term.ObjectCompr c) {
            scopes.push(new HashMap<>());
            try {
                List<Expr> b = bodyInScope(c.body());
                return new Term.ObjectCompr(term(c.key()), term(c.value()), b, c.loc());
            } finally {
                scopes.pop();
            }
        }
        return call((Term.Call) t, false);
    }

    /**
     * The values of {@code rego.metadata.chain()} and {@code rego.metadata.rule()} in the rule being
     * resolved: OPA's compiler replaces these calls by constants, and so does this resolver.
     */
    void metadata(java.util.function.Supplier<Value> chain, java.util.function.Supplier<Value> rule) {
        this.metadataChain = chain;
        this.metadataRule = rule;
    }

    /** Resolves a call and checks its arity; {@code topLevel} allows the extra output argument. */
    private Term call(Term.Call c, boolean topLevel) {
        if (metadataChain != null
                && c.args().isEmpty()
                && (c.name().equals(METADATA_CHAIN) || c.name().equals(METADATA_RULE))) {
            return new Term.Scalar((c.name().equals(METADATA_CHAIN) ? metadataChain : metadataRule).get(), c.loc());
        }
        Term.Call out = new Term.Call(c.name(), terms(c.args()), c.loc(), target(c.name(), c.loc()));
        int arity = arity(out);
        int n = out.args().size();
        if (arity >= 0 && n != arity && !(topLevel && n == arity + 1)) {
            throw new RegoCompileException(
                    "rego_type_error",
                    c.loc(),
                    c.name() + ": arity mismatch: have " + n + " argument(s), want " + arity);
        }
        if (!inWith) {
            TypeCheck.operands(out);
        }
        return out;
    }

    private List<Term> terms(List<Term> ts) {
        List<Term> out = new ArrayList<>(ts.size());
        for (Term t : ts) {
            out.add(term(t));
        }
        return out;
    }

    /** Resolves a call name to a user function path or a builtin. */
    Term.CallTarget target(String name, Location loc) {
        String[] parts = name.split("\\.");
        List<String> path = null;
        if (parts[0].equals("data")) {
            path = List.of(parts).subList(1, parts.length);
        } else if (imports.containsKey(parts[0]) && imports.get(parts[0]).get(0).equals("data")) {
            path = concat(
                    imports.get(parts[0]).subList(1, imports.get(parts[0]).size()),
                    List.of(parts).subList(1, parts.length));
        } else if (ruleNames.contains(parts[0]) && lookup(parts[0]) == null) {
            path = concat(pkg, List.of(parts));
        }
        if (path != null) {
            RuleNode n = root.find(path);
            if (n != null && n.isFunction()) {
                return new Term.CallTarget(null, path, n, null);
            }
        }
        if (INTERNAL.containsKey(name)) {
            return new Term.CallTarget(name, null);
        }
        Builtin b = registry.get(name);
        if (b != null) {
            return new Term.CallTarget(name, null, null, b);
        }
        String reason = registry.unsupportedReason(name);
        if (reason != null) {
            throw new RegoUnsupportedException(
                    "rego_unsupported_error", loc, "builtin " + name + " is not supported: " + reason);
        }
        throw new RegoCompileException("rego_type_error", loc, "undefined function " + name);
    }

    int arity(Term.Call c) {
        Term.CallTarget t = c.target();
        if (t.builtin() != null) {
            Integer internal = INTERNAL.get(t.builtin());
            if (internal != null) {
                return internal;
            }
            Builtin b = registry.get(t.builtin());
            return b.arity();
        }
        RuleNode n = root.find(t.functionPath());
        CRule any = n.functions.isEmpty() ? n.defaultRule : n.functions.get(0);
        return any.args().size();
    }

    private Term withTarget(Term target) {
        if (target instanceof Term.Var v && lookup(v.name()) == null && globalPath(v.name(), v.loc()) == null) {
            return new Term.Call(v.name(), List.of(), v.loc(), target(v.name(), v.loc()));
        }
        if (target instanceof Term.Ref r
                && r.head() instanceof Term.Var hv
                && !hv.name().equals("data")
                && !hv.name().equals("input")
                && lookup(hv.name()) == null
                && allStrings(r.path())) {
            StringBuilder sb = new StringBuilder(hv.name());
            r.path().forEach(p -> sb.append('.').append(((StringValue) ((Term.Scalar) p).value()).value()));
            if (globalPath(hv.name(), hv.loc()) == null || registry.get(sb.toString()) != null) {
                return new Term.Call(sb.toString(), List.of(), r.loc(), target(sb.toString(), r.loc()));
            }
        }
        Term t = term(target);
        if (t instanceof Term.Ref r
                && r.head() instanceof Term.Var hv
                && (hv.name().equals("data") || hv.name().equals("input"))
                && allStrings(r.path())) {
            if (hv.name().equals("data")) {
                RuleNode n = root.find(pathStrings(r.path()));
                if (n != null && n.isFunction()) {
                    return new Term.Call(
                            "data." + String.join(".", pathStrings(r.path())),
                            List.of(),
                            r.loc(),
                            new Term.CallTarget(null, pathStrings(r.path())));
                }
            }
            return t;
        }
        throw new RegoCompileException(
                "rego_compile_error",
                target.loc(),
                "with keyword target must reference existing input, data, or a function");
    }

    private Term withValue(Term value) {
        if (value instanceof Term.Var v
                && lookup(v.name()) == null
                && globalPath(v.name(), v.loc()) == null
                && (registry.get(v.name()) != null)) {
            return new Term.Call(v.name(), List.of(), v.loc(), new Term.CallTarget(v.name(), null));
        }
        if (value instanceof Term.Ref r
                && r.head() instanceof Term.Var hv
                && lookup(hv.name()) == null
                && globalPath(hv.name(), hv.loc()) == null
                && allStrings(r.path())) {
            StringBuilder sb = new StringBuilder(hv.name());
            r.path().forEach(p -> sb.append('.').append(((StringValue) ((Term.Scalar) p).value()).value()));
            if (registry.get(sb.toString()) != null) {
                return new Term.Call(sb.toString(), List.of(), r.loc(), new Term.CallTarget(sb.toString(), null));
            }
            if (registry.unsupportedReason(sb.toString()) != null) {
                target(sb.toString(), r.loc());
            }
        }
        Term t = term(value);
        if (t instanceof Term.Ref r
                && r.head() instanceof Term.Var hv
                && hv.name().equals("data")
                && allStrings(r.path())) {
            RuleNode n = root.find(pathStrings(r.path()));
            if (n != null && n.isFunction()) {
                return new Term.Call(
                        "data." + String.join(".", pathStrings(r.path())),
                        List.of(),
                        r.loc(),
                        new Term.CallTarget(null, pathStrings(r.path())));
            }
        }
        return t;
    }

    static boolean allStrings(List<Term> path) {
        for (Term p : path) {
            if (!(p instanceof Term.Scalar s && s.value() instanceof StringValue)) {
                return false;
            }
        }
        return true;
    }

    static List<String> pathStrings(List<Term> path) {
        List<String> out = new ArrayList<>();
        for (Term p : path) {
            out.add(((StringValue) ((Term.Scalar) p).value()).value());
        }
        return out;
    }
}

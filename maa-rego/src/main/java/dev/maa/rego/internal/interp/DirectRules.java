package dev.maa.rego.internal.interp;

import dev.maa.rego.Location;
import dev.maa.rego.internal.ast.Expr;
import dev.maa.rego.internal.ast.Term;
import dev.maa.rego.internal.compile.CRule;
import dev.maa.rego.internal.compile.RuleNode;
import dev.maa.rego.value.Value;
import java.util.List;

/**
 * The definitions of a user function or a complete rule, each chain (a definition and its {@code else}s) compiled
 * when it is straight-line: parameters that are variables, bodies of tests and bindings ({@link DirectExpr#standalone})
 * without {@code with}, so each body has one solution or none. {@link Docs} evaluates such a chain here, binding the
 * parameters, running the body's compiled expressions and the value's compiled term, without the continuations and
 * value callback of its general path, which takes the other chains; both take the same steps and find the same
 * first value of a chain. A term that answers COMPLEX at run time (a reference that would iterate, a {@code print})
 * sends the chain to the general path, which evaluates it again from its start: the expressions before that point
 * are tests and bindings without effects, so only their steps are counted twice.
 *
 * <p>Why: the built-in {@code maa} package calls some thirty small functions per decision ({@code type_matches(p)},
 * {@code applies(p)}, {@code audit_mode(p)}) and evaluates some twenty such rules ({@code effect}, {@code break_glass}), and
 * the general path's machinery was most of what each cost.
 */
final class DirectRules {
    /** Each definition's chain compiled, or null where it is not straight-line. */
    private final Definition[] definitions;

    private DirectRules(Definition[] definitions) {
        this.definitions = definitions;
    }

    /** One definition and its else chain. */
    private record Definition(
            String[] params, DirectExpr[] body, Location[] locs, DirectTerm value, Definition orElse) {}

    /** The compiled form of the node's functions, or else its complete rules, compiled at the first use. */
    static DirectRules of(RuleNode node) {
        Object c = node.code;
        if (c == null) {
            List<CRule> rules = node.functions.isEmpty() ? node.complete : node.functions;
            Definition[] defs = new Definition[rules.size()];
            for (int i = 0; i < defs.length; i++) {
                defs[i] = definition(rules.get(i));
            }
            c = new DirectRules(defs);
            node.code = c;
        }
        return (DirectRules) c;
    }

    /** Whether the chain of definition {@code i} is straight-line. */
    boolean straightLine(int i) {
        return definitions[i] != null;
    }

    private static Definition definition(CRule r) {
        if (r == null) {
            return null;
        }
        List<Term> args = r.args() == null ? List.of() : r.args();
        String[] params = new String[args.size()];
        for (int i = 0; i < params.length; i++) {
            if (!(args.get(i) instanceof Term.Var v)
                    || java.util.Arrays.asList(params).contains(v.name())) {
                return null; // a pattern, or a variable twice (f(x, x)), takes the general path's unification
            }
            params[i] = v.name();
        }
        List<Expr> exprs = r.body();
        DirectExpr[] body = new DirectExpr[exprs.size()];
        Location[] locs = new Location[body.length];
        for (int i = 0; i < body.length; i++) {
            Expr e = exprs.get(i);
            if (!(body[i] = DirectExpr.of(e)).standalone()) { // WITH, NEVER and Each are not
                return null;
            }
            locs[i] = e.loc();
        }
        DirectTerm value = DirectTerm.of(r.value());
        Definition orElse = null;
        if (r.elseRule() != null && (orElse = definition(r.elseRule())) == null) {
            return null;
        }
        return new Definition(params, body, locs, value, orElse);
    }

    /**
     * The value of the first definition of chain {@code i} whose body holds and whose value is defined: null when
     * none, {@link Terms#COMPLEX} when the chain is not straight-line or a term of it would iterate (the caller
     * evaluates the chain on the general path then; nothing stays bound).
     */
    Value chain(Evaluator ev, Env env, int i, Value[] args) {
        if (definitions[i] == null) {
            return Terms.COMPLEX;
        }
        for (Definition d = definitions[i]; d != null; d = d.orElse) {
            try {
                Value v = attempt(ev, env, d, args);
                if (v != null) {
                    return v;
                }
            } finally {
                env.undo(0);
            }
        }
        return null;
    }

    private static Value attempt(Evaluator ev, Env env, Definition d, Value[] args) {
        String[] params = d.params;
        for (int i = 0; i < params.length; i++) {
            env.bind(params[i], args[i]);
        }
        DirectExpr[] body = d.body;
        for (int i = 0; i < body.length; i++) {
            ev.st.step(d.locs[i]);
            int r = body[i].run(ev, env);
            if (r == DirectExpr.FAILED) {
                return null;
            }
            if (r == DirectExpr.COMPLEX) {
                return Terms.COMPLEX;
            }
        }
        return d.value.eval(ev, env);
    }
}

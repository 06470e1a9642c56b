package dev.maa.rego.internal.interp;

import dev.maa.rego.Location;
import dev.maa.rego.internal.ast.Expr;
import dev.maa.rego.internal.ast.Term;
import dev.maa.rego.internal.compile.CRule;
import dev.maa.rego.internal.compile.RuleNode;
import dev.maa.rego.value.Value;
import java.util.List;

/**
 * The definitions of a user function or a complete rule when all are straight-line: parameters that are variables,
 * bodies of tests and bindings ({@link DirectExpr#standalone}) without {@code with}, so each body has one solution
 * or none. Such a call (or rule) is evaluated in a loop over its definitions and their {@code else} chains, binding
 * the parameters, running the body's compiled expressions and the value's compiled term, without the
 * continuations, frames and value callback of {@link Docs}' general path; it takes the same steps, tries
 * definitions in the same order, finds the same conflicts and stops at the same first value (early exit). A term
 * that answers COMPLEX at run time (a reference that would iterate) sends the whole evaluation to the general path.
 *
 * <p>Why: the built-in {@code maa} package calls some thirty small functions per decision ({@code type_matches(p)},
 * {@code applies(p)}, {@code audit_mode(p)}) and evaluates some twenty such rules ({@code effect}, {@code ttl}), and
 * the general path's machinery was most of what each cost.
 */
final class DirectRules {
    /** Marks a node whose functions take the general path. */
    private static final DirectRules GENERAL = new DirectRules(new Definition[0], false);

    private final Definition[] definitions;
    private final boolean function;

    private DirectRules(Definition[] definitions, boolean function) {
        this.definitions = definitions;
        this.function = function;
    }

    /** One definition and its else chain. */
    private record Definition(
            CRule rule, String[] params, DirectExpr[] body, Location[] locs, DirectTerm value, Definition orElse) {}

    /** The compiled form of the node's functions or complete rules, or null when they take the general path. */
    static DirectRules of(RuleNode node) {
        Object c = node.code;
        if (c == null) {
            c = compile(node);
            node.code = c;
        }
        return c == GENERAL ? null : (DirectRules) c;
    }

    private static DirectRules compile(RuleNode node) {
        boolean function = !node.functions.isEmpty();
        List<CRule> rules = function ? node.functions : node.complete;
        Definition[] defs = new Definition[rules.size()];
        for (int i = 0; i < defs.length; i++) {
            defs[i] = definition(rules.get(i));
            if (defs[i] == null) {
                return GENERAL;
            }
        }
        return new DirectRules(defs, function);
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
            if (!e.withs().isEmpty() || !(body[i] = DirectExpr.of(e)).standalone()) {
                return null;
            }
            locs[i] = e.loc();
        }
        DirectTerm value = DirectTerm.of(r.value());
        Definition orElse = null;
        if (r.elseRule() != null && (orElse = definition(r.elseRule())) == null) {
            return null;
        }
        return new Definition(r, params, body, locs, value, orElse);
    }

    /**
     * The call's value ({@code args} empty for a rule): null when undefined (the default rule's value is the caller's), {@link Terms#COMPLEX} when
     * the general path must evaluate it.
     */
    Value call(Evaluator ev, Env env, RuleNode node, Value[] args) {
        Value result = null;
        for (Definition d : definitions) {
            if (d.params.length != args.length) {
                continue;
            }
            Value v = chain(ev, env, d, args);
            if (v == Terms.COMPLEX) {
                return v;
            }
            if (v != null) {
                if (result != null && !result.equals(v)) {
                    throw function
                            ? Errors.functionConflict(d.rule.loc(), d.rule.pathString())
                            : Errors.ruleConflict(d.rule.loc(), d.rule.pathString());
                }
                result = v;
                if (node.earlyExit) {
                    break;
                }
            }
        }
        return result;
    }

    /** The value of the first definition of the chain whose body holds and whose value is defined. */
    private static Value chain(Evaluator ev, Env env, Definition first, Value[] args) {
        for (Definition d = first; d != null; d = d.orElse) {
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

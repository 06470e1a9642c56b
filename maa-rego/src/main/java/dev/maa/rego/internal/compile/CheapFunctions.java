package dev.maa.rego.internal.compile;

import dev.maa.rego.internal.ast.Expr;
import dev.maa.rego.internal.ast.Term;
import java.util.List;
import java.util.Set;

/**
 * Marks the functions whose results are not worth memoising ({@link RuleNode#memoized} false): every definition
 * (and its {@code else} chain) is a few tests over its parameters, {@code input} and constants through cheap,
 * deterministic builtins, with no iteration, no rule or function it would call, no comprehension and no {@code
 * with}. Such a call costs less than the memo's key, probe and entry, and in the built-in {@code maa} package
 * (whose helpers {@code type_matches(p)}, {@code action_matches(p)} and the like are called once per policy per
 * decision) the memo never hits. Evaluating such a body again gives the same value or error, so results do not
 * change (OPA does not memoise function calls either).
 */
final class CheapFunctions {
    /** Expressions per definition at most. */
    private static final int MAX_EXPRS = 3;

    /** Builtins that take constant time on these operands, are deterministic and print nothing. */
    private static final Set<String> CHEAP = Set.of(
            "equal",
            "neq",
            "lt",
            "lte",
            "gt",
            "gte",
            "internal.member_2",
            "count",
            "startswith",
            "endswith",
            "object.get",
            "is_string",
            "is_number",
            "is_boolean",
            "is_null");

    private CheapFunctions() {}

    static void apply(RuleNode n) {
        if (!n.functions.isEmpty()) {
            n.memoized = !n.functions.stream().allMatch(CheapFunctions::cheap)
                    || (n.defaultRule != null && !cheap(n.defaultRule.value()));
        }
        n.children.values().forEach(CheapFunctions::apply);
    }

    private static boolean cheap(CRule r) {
        for (CRule c = r; c != null; c = c.elseRule()) {
            if (c.body().size() > MAX_EXPRS || !c.args().stream().allMatch(CheapFunctions::cheap)) {
                return false;
            }
            for (Expr e : c.body()) {
                if (!cheap(e)) {
                    return false;
                }
            }
            if (c.value() != null && !cheap(c.value())) {
                return false;
            }
        }
        return true;
    }

    private static boolean cheap(Expr e) {
        if (!e.withs().isEmpty()) {
            return false;
        }
        Expr.Kind k = e.kind();
        if (k instanceof Expr.TermExpr t) {
            return cheap(t.term());
        }
        if (k instanceof Expr.Unify u) {
            return cheap(u.lhs()) && cheap(u.rhs());
        }
        if (k instanceof Expr.Assign a) {
            return cheap(a.lhs()) && cheap(a.rhs());
        }
        return false;
    }

    private static boolean cheap(Term t) {
        if (t instanceof Term.Scalar || t instanceof Term.Var) {
            return true;
        }
        if (t instanceof Term.Ref r) {
            // into a parameter, a local or input, through constant keys; never into data (rules may be costly)
            return r.head() instanceof Term.Var v
                    && !v.name().equals("data")
                    && r.path().stream().allMatch(p -> p instanceof Term.Scalar);
        }
        if (t instanceof Term.ArrayTerm a) {
            return all(a.items());
        }
        if (t instanceof Term.SetTerm s) {
            return all(s.items());
        }
        if (t instanceof Term.Call c) {
            return c.target() != null
                    && c.target().functionPath() == null
                    && CHEAP.contains(c.target().builtin())
                    && all(c.args());
        }
        return false;
    }

    private static boolean all(List<Term> ts) {
        for (Term t : ts) {
            if (!cheap(t)) {
                return false;
            }
        }
        return true;
    }
}

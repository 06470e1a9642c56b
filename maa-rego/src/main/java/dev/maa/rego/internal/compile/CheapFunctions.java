package dev.maa.rego.internal.compile;

import dev.maa.rego.internal.ast.Expr;
import dev.maa.rego.internal.ast.Term;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Marks the functions whose results are not worth memoising ({@link RuleNode#memoized} false): every definition
 * (and its {@code else} chain) is a few tests over its parameters, {@code input}, {@code data} and constants through
 * constant keys and cheap, deterministic builtins, with no iteration, no comprehension and no {@code with}, calling
 * no function but such a function that calls none. Such a call costs less than the memo's key, probe and entry, and
 * in the built-in {@code maa} package (whose helpers {@code applies(p)}, {@code type_matches(p)} and the like are
 * called once per policy per decision) the memo never hits. Evaluating such a body again gives the same value or
 * error, and a rule it reads is memoised either way, so results do not change (OPA does not memoise function calls
 * either).
 */
final class CheapFunctions {
    /** Expressions per definition at most. */
    private static final int MAX_EXPRS = 4;

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

    /** The functions found cheap without calling any function (the first pass); null during that pass. */
    private final Set<RuleNode> leaves;

    private CheapFunctions(Set<RuleNode> leaves) {
        this.leaves = leaves;
    }

    /**
     * Two passes: the first finds the functions that are cheap on their own (calling no function), the second also
     * those whose only calls are to such functions ({@code applies(p)} calling {@code type_matches(p)} and the
     * like), so no chain of cheap calls is longer than two.
     */
    static void apply(RuleNode root) {
        Set<RuleNode> leaves = Collections.newSetFromMap(new IdentityHashMap<>());
        new CheapFunctions(null).mark(root, leaves);
        new CheapFunctions(leaves).mark(root, null);
    }

    private void mark(RuleNode n, Set<RuleNode> found) {
        if (!n.functions.isEmpty()) {
            n.memoized = !n.functions.stream().allMatch(this::cheap)
                    || (n.defaultRule != null && !cheap(n.defaultRule.value()));
            if (found != null && !n.memoized) {
                found.add(n);
            }
        }
        n.children.values().forEach(c -> mark(c, found));
    }

    private boolean cheap(CRule r) {
        for (CRule c = r; c != null; c = c.elseRule()) {
            if (c.body().size() > MAX_EXPRS || !all(c.args())) {
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

    private boolean cheap(Expr e) {
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

    private boolean cheap(Term t) {
        if (t instanceof Term.Scalar || t instanceof Term.Var) {
            return true;
        }
        if (t instanceof Term.Ref r) {
            // into a parameter, a local, input or data, through constant keys: a rule's value is memoised per
            // evaluation whether or not the function is, so the memo would save only the lookups
            return r.head() instanceof Term.Var && r.path().stream().allMatch(p -> p instanceof Term.Scalar);
        }
        if (t instanceof Term.ArrayTerm a) {
            return all(a.items());
        }
        if (t instanceof Term.SetTerm s) {
            return all(s.items());
        }
        if (t instanceof Term.Call c) {
            Term.CallTarget target = c.target();
            if (target == null || !all(c.args())) {
                return false;
            }
            return target.functionPath() == null
                    ? CHEAP.contains(target.builtin())
                    : leaves != null && target.node() != null && leaves.contains(target.node());
        }
        return false;
    }

    private boolean all(List<Term> ts) {
        for (Term t : ts) {
            if (!cheap(t)) {
                return false;
            }
        }
        return true;
    }
}

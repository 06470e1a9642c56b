package dev.maa.rego.internal.ast;

import dev.maa.rego.Location;
import java.util.List;

/**
 * A rule as written (after the package prefix is applied by the compiler).
 *
 * @param head the head reference relative to the package: first element a string, the rest
 *     strings or key terms ({@code a.b[c].d})
 * @param kind complete (incl. ref-head object rules), partial set, or function
 * @param args function parameters (null unless a function)
 * @param key element of a partial set (null otherwise)
 * @param value value term (true if omitted)
 * @param body the body, empty for facts
 * @param isDefault a {@code default} rule
 * @param elseRule next rule of an {@code else} chain, or null
 */
public record Rule(
        List<Term> head,
        Kind kind,
        List<Term> args,
        Term key,
        Term value,
        List<Expr> body,
        boolean isDefault,
        Rule elseRule,
        Location loc)
        implements Node {

    /** Rule kinds. */
    public enum Kind {
        COMPLETE,
        SET,
        FUNCTION
    }

    public Rule withBody(List<Expr> b, Term v, Term k, List<Term> a, Rule e) {
        return new Rule(head, kind, a, k, v, b, isDefault, e, loc);
    }
}

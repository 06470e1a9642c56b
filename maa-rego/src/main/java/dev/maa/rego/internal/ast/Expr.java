package dev.maa.rego.internal.ast;

import dev.maa.rego.Location;
import java.util.List;

/**
 * One expression (literal) of a body, possibly negated and with {@code with} modifiers. {@code code} holds what
 * the evaluator compiled the expression into at its first evaluation; it takes no part in equality.
 */
public record Expr(Kind kind, boolean negated, List<With> withs, Location loc, Code code) implements Node {

    public Expr(Kind kind, boolean negated, List<With> withs, Location loc) {
        this(kind, negated, withs, loc, new Code());
    }

    public Expr withKind(Kind k) {
        return new Expr(k, negated, withs, loc);
    }

    /**
     * The evaluator's compiled form of an expression, set once at its first evaluation (a race compiles equal
     * forms, each immutable). Every expression is its own holder, so two equal expressions compare equal.
     */
    public static final class Code {
        private Object compiled;

        /** The compiled form, or null before the first evaluation. */
        public Object get() {
            return compiled;
        }

        public void set(Object c) {
            compiled = c;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Code;
        }

        @Override
        public int hashCode() {
            return 0;
        }

        @Override
        public String toString() {
            return "";
        }
    }

    /** {@code with target as value}. */
    public record With(Term target, Term value, Location loc) {}

    /** The expression proper. */
    public sealed interface Kind {}

    /** A term that must be defined and not {@code false}. */
    public record TermExpr(Term term) implements Kind {}

    /** {@code lhs = rhs}. */
    public record Unify(Term lhs, Term rhs) implements Kind {}

    /** {@code lhs := rhs}; lhs vars are declared locals. */
    public record Assign(Term lhs, Term rhs) implements Kind {}

    /** {@code some x, y}. */
    public record SomeDecl(List<Term.Var> vars) implements Kind {}

    /** {@code some [key,] value in collection}; key may be null. */
    public record SomeIn(Term key, Term value, Term collection) implements Kind {}

    /**
     * {@code some value in collection} where a later expression requires {@code value.field == key}
     * and {@code key} is known before: the evaluator may visit only elements whose field equals
     * the key (an index lookup); the equality is still checked by the later expression.
     */
    public record IndexedSomeIn(SomeIn base, List<List<Lookup>> constraints) implements Kind {
        /** The same iteration with one more required constraint (a disjunction of lookups). */
        public IndexedSomeIn and(List<Lookup> alternatives) {
            if (constraints.contains(alternatives)) {
                return this;
            }
            List<List<Lookup>> c = new java.util.ArrayList<>(constraints);
            c.add(List.copyOf(alternatives));
            return new IndexedSomeIn(base, List.copyOf(c));
        }
    }

    /**
     * One index lookup: elements whose {@code field} equals the value of {@code key}, or, with
     * {@code anyElement}, whose {@code field} collection contains some element of {@code key}.
     */
    public record Lookup(String field, Term key, boolean anyElement) {}

    /** {@code every [key,] value in collection { body }}; key may be null. */
    public record Every(Term key, Term value, Term collection, List<Expr> body) implements Kind {}
}

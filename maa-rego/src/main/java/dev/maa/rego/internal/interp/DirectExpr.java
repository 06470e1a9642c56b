package dev.maa.rego.internal.interp;

import dev.maa.rego.Location;
import dev.maa.rego.internal.ast.Expr;
import dev.maa.rego.internal.ast.Term;
import dev.maa.rego.value.BooleanValue;
import dev.maa.rego.value.Value;

/**
 * An expression compiled for the evaluator's loop over a body ({@link Evaluator#body}): a (possibly negated) test
 * of a single-valued term, or an unbound variable assigned a single-valued term, run without a continuation; any
 * other expression answers {@link #COMPLEX} and runs on the general path from the start (nothing bound). Compiled
 * once per expression, at its first evaluation, into {@link Expr#code()}.
 */
abstract class DirectExpr {
    static final int PASSED = 0;
    static final int FAILED = 1;
    static final int COMPLEX = 2;

    /** {@link #PASSED} or {@link #FAILED} (bindings made stay for the caller to undo), or {@link #COMPLEX}. */
    abstract int run(Evaluator ev, Env env);

    /** Whether it runs on its own, never answering COMPLEX by its form (a test or a binding, not an iteration). */
    boolean standalone() {
        return this instanceof Test || this instanceof Bind;
    }

    /** The compiled form of {@code e}, compiled at the first call. */
    static DirectExpr of(Expr e) {
        Object c = e.code().get();
        if (c == null) {
            c = compile(e);
            e.code().set(c);
        }
        return (DirectExpr) c;
    }

    private static DirectExpr compile(Expr e) {
        if (!e.withs().isEmpty()) {
            return WITH;
        }
        Expr.Kind kind = e.kind();
        if (kind instanceof Expr.TermExpr t) {
            return new Test(DirectTerm.of(t.term()), e.negated());
        }
        if (e.negated()) {
            return NEVER;
        }
        if (kind instanceof Expr.IndexedSomeIn ix) {
            return Each.of(ix.base(), true);
        }
        if (kind instanceof Expr.SomeIn s) {
            return Each.of(s, false);
        }
        Term lhs;
        Term rhs;
        if (kind instanceof Expr.Assign a) {
            lhs = a.lhs();
            rhs = a.rhs();
        } else if (kind instanceof Expr.Unify u) {
            lhs = u.lhs();
            rhs = u.rhs();
        } else {
            return NEVER;
        }
        if (!(lhs instanceof Term.Var v)) {
            return NEVER;
        }
        return new Bind(v.name(), rhs, mayBePattern(rhs), DirectTerm.of(rhs));
    }

    /** Whether {@link Evaluator#isPattern} can be true of {@code t} (it has variables in binding positions). */
    private static boolean mayBePattern(Term t) {
        if (t instanceof Term.Var) {
            return true;
        }
        if (t instanceof Term.ArrayTerm a) {
            return a.items().stream().anyMatch(DirectExpr::mayBePattern);
        }
        if (t instanceof Term.ObjectTerm o) {
            return o.values().stream().anyMatch(DirectExpr::mayBePattern);
        }
        return false;
    }

    /** An expression with {@code with} modifiers: {@link Evaluator#expr} evaluates it. */
    static final DirectExpr WITH = new DirectExpr() {
        @Override
        int run(Evaluator ev, Env env) {
            return COMPLEX;
        }
    };

    private static final DirectExpr NEVER = new DirectExpr() {
        @Override
        int run(Evaluator ev, Env env) {
            return COMPLEX;
        }
    };

    private static final class Test extends DirectExpr {
        private final DirectTerm term;
        private final boolean negated;

        Test(DirectTerm term, boolean negated) {
            this.term = term;
            this.negated = negated;
        }

        @Override
        int run(Evaluator ev, Env env) {
            Value d = term.eval(ev, env);
            if (d == Terms.COMPLEX) {
                return COMPLEX;
            }
            boolean truthy = d != null && d != BooleanValue.FALSE;
            return truthy != negated ? PASSED : FAILED;
        }
    }

    /**
     * {@code some [k,] v in c} with variables k and v and a single-valued c: {@link Evaluator#body} iterates it in a
     * loop, binding or matching k and v per element and evaluating the rest of the body, where the general path
     * makes three continuations per element. An indexed iteration over an array large enough for its index
     * ({@link Evaluator#INDEX_MIN_SIZE}) stays on the general path, which visits only the indexed elements.
     */
    static final class Each extends DirectExpr {
        final DirectTerm collection;
        final String key;
        final String value;
        final boolean indexed;
        final Location loc;

        private Each(DirectTerm collection, String key, String value, boolean indexed, Location loc) {
            this.collection = collection;
            this.key = key;
            this.value = value;
            this.indexed = indexed;
            this.loc = loc;
        }

        static DirectExpr of(Expr.SomeIn s, boolean indexed) {
            if (!(s.value() instanceof Term.Var v) || (s.key() != null && !(s.key() instanceof Term.Var))) {
                return NEVER;
            }
            String key = s.key() == null ? null : ((Term.Var) s.key()).name();
            return new Each(
                    DirectTerm.of(s.collection()),
                    key,
                    v.name(),
                    indexed,
                    s.value().loc());
        }

        /** Iterated by {@link Evaluator#body}, never run on its own. */
        @Override
        int run(Evaluator ev, Env env) {
            return COMPLEX;
        }
    }

    /** {@code x := t} or {@code x = t} with x unbound and t not a pattern: binds x to t's single value. */
    private static final class Bind extends DirectExpr {
        private final String name;
        private final Term rhs;
        private final boolean checkPattern;
        private final DirectTerm value;

        Bind(String name, Term rhs, boolean checkPattern, DirectTerm value) {
            this.name = name;
            this.rhs = rhs;
            this.checkPattern = checkPattern;
            this.value = value;
        }

        @Override
        int run(Evaluator ev, Env env) {
            if (env.get(name) != null || (checkPattern && ev.isPattern(rhs, env))) {
                return COMPLEX;
            }
            Value d = value.eval(ev, env);
            if (d == Terms.COMPLEX) {
                return COMPLEX;
            }
            if (d == null) {
                return FAILED;
            }
            env.bind(name, d);
            return PASSED;
        }
    }
}

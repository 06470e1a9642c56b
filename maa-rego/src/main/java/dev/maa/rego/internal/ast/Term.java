package dev.maa.rego.internal.ast;

import dev.maa.rego.Location;
import dev.maa.rego.builtins.Builtin;
import dev.maa.rego.internal.compile.RuleNode;
import dev.maa.rego.value.Value;
import java.util.List;

/** A Rego term: scalar, variable, reference, composite, comprehension or call. */
public sealed interface Term extends Node {

    /** A constant scalar (or any constant value produced by the compiler). */
    record Scalar(Value value, Location loc) implements Term {}

    /** A variable; wildcards are renamed to unique {@code $N} names by the parser. */
    record Var(String name, Location loc) implements Term {
        public boolean isWildcard() {
            return name.startsWith("$");
        }
    }

    /** {@code head.path[0][path[1]]...}; head is a Var (root) or any other term. */
    record Ref(Term head, List<Term> path, Location loc) implements Term {}

    record ArrayTerm(List<Term> items, Location loc) implements Term {}

    record SetTerm(List<Term> items, Location loc) implements Term {}

    record ObjectTerm(List<Term> keys, List<Term> values, Location loc) implements Term {}

    record ArrayCompr(Term head, List<Expr> body, Location loc) implements Term {}

    record SetCompr(Term head, List<Expr> body, Location loc) implements Term {}

    record ObjectCompr(Term key, Term value, List<Expr> body, Location loc) implements Term {}

    /**
     * A call. {@code name} is the dotted operator name as written ({@code count},
     * {@code data.x.f}, {@code plus} for {@code +}); the compiler resolves it into {@code target}.
     */
    record Call(String name, List<Term> args, Location loc, CallTarget target) implements Term {
        public Call withTarget(CallTarget t) {
            return new Call(name, args, loc, t);
        }

        public Call withArgs(List<Term> a) {
            return new Call(name, a, loc, target);
        }
    }

    /**
     * What a call resolves to: a builtin or a user function at a data path. The compiler also resolves the name
     * to what it denotes, {@code node} (the function's rules) or {@code fn} (a registry builtin), so an evaluation
     * finds neither by name; both are null where a name must be looked up when called ({@code with} mocks,
     * builtins the interpreter implements itself).
     */
    record CallTarget(String builtin, List<String> functionPath, RuleNode node, Builtin fn) {
        public CallTarget(String builtin, List<String> functionPath) {
            this(builtin, functionPath, null, null);
        }
    }
}

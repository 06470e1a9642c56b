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
    /**
     * {@code head.path[0][path[1]]...}; head is a Var (root) or any other term. For a reference into {@code data}
     * whose leading keys are strings naming a package's rules, {@code rule} is the node of those rules (the first
     * node with rules along the path, found by the compiler) and {@code ruleDepth} how many keys lead to it; else
     * null and 0.
     */
    record Ref(Term head, List<Term> path, Location loc, RuleNode rule, int ruleDepth) implements Term {
        public Ref(Term head, List<Term> path, Location loc) {
            this(head, path, loc, null, 0);
        }
    }

    record ArrayTerm(List<Term> items, Location loc) implements Term {}

    record SetTerm(List<Term> items, Location loc) implements Term {}

    /**
     * An object literal; {@code constant} is its keys' sort order when every key is a distinct scalar (most
     * literals), so an evaluation places the values without sorting the keys.
     */
    record ObjectTerm(List<Term> keys, List<Term> values, Location loc, ConstantKeys constant) implements Term {
        public ObjectTerm(List<Term> keys, List<Term> values, Location loc) {
            this(keys, values, loc, ConstantKeys.of(keys));
        }
    }

    /**
     * The keys of an object literal whose keys are distinct scalars, in OPA's order ({@code sorted}, shared by
     * every object the literal makes), and where the value of the i-th written key goes ({@code position[i]}).
     */
    final class ConstantKeys {
        private final Value[] sorted;
        private final int[] hashes;
        private final int[] position;

        private ConstantKeys(Value[] sorted, int[] position) {
            this.sorted = sorted;
            this.position = position;
            this.hashes = new int[sorted.length];
            for (int i = 0; i < sorted.length; i++) {
                hashes[i] = sorted[i].hashCode();
            }
        }

        /** The order of {@code keys}, or null when one is not a scalar or two are equal. */
        static ConstantKeys of(List<Term> keys) {
            int n = keys.size();
            if (n == 0) {
                return null;
            }
            Value[] written = new Value[n];
            for (int i = 0; i < n; i++) {
                if (!(keys.get(i) instanceof Scalar s)) {
                    return null;
                }
                written[i] = s.value();
            }
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, (a, b) -> written[a].compareTo(written[b]));
            Value[] sorted = new Value[n];
            int[] position = new int[n];
            for (int j = 0; j < n; j++) {
                sorted[j] = written[order[j]];
                position[order[j]] = j;
                if (j > 0 && sorted[j - 1].compareTo(sorted[j]) == 0) {
                    return null;
                }
            }
            return new ConstantKeys(sorted, position);
        }

        /** The keys in order; shared, never to be modified. */
        public Value[] sorted() {
            return sorted;
        }

        /** The sorted keys' hash codes; shared, never to be modified. */
        public int[] hashes() {
            return hashes;
        }

        /** Where the value of the i-th written key goes in {@link #sorted()}. */
        public int position(int i) {
            return position[i];
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ConstantKeys c
                    && java.util.Arrays.equals(sorted, c.sorted)
                    && java.util.Arrays.equals(position, c.position);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(sorted);
        }
    }

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

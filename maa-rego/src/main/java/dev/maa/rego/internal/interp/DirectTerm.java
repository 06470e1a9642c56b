package dev.maa.rego.internal.interp;

import dev.maa.rego.Location;
import dev.maa.rego.builtins.Builtin;
import dev.maa.rego.builtins.BuiltinFunction;
import dev.maa.rego.internal.ast.Term;
import dev.maa.rego.value.ArrayValue;
import dev.maa.rego.value.BooleanValue;
import dev.maa.rego.value.SetValue;
import dev.maa.rego.value.Value;
import java.util.List;

/**
 * A term compiled for {@link Terms#direct}: the single value of a term that cannot iterate (null when undefined,
 * {@link Terms#COMPLEX} when the general path must evaluate it), with the decisions that depend only on the term's
 * shape taken once, when it is compiled: which kind of term, which builtin or function a call reaches, which keys a
 * reference takes. Each node answers exactly as {@link Terms#direct} does for its term, in the same order, so the
 * general path sees the same errors after a COMPLEX.
 *
 * <p>Why: an embedded decision evaluates a few hundred such terms, and dispatching on the term's kind, reading its
 * lists and comparing builtin names on every evaluation was most of what an expression cost beyond the work proper.
 */
abstract class DirectTerm {
    abstract Value eval(Evaluator ev, Env env);

    /** The compiled form of {@code t}. */
    static DirectTerm of(Term t) {
        if (t instanceof Term.Scalar s) {
            return new Const(s.value());
        }
        if (t instanceof Term.Var v) {
            return new Local(v.name());
        }
        if (t instanceof Term.Call c) {
            return call(c);
        }
        if (t instanceof Term.ArrayTerm a) {
            return new ArrayLit(all(a.items()));
        }
        if (t instanceof Term.SetTerm s) {
            return new SetLit(all(s.items()));
        }
        if (t instanceof Term.ObjectTerm o) {
            return new ObjectLit(o, all(o.keys()), all(o.values()));
        }
        if (t instanceof Term.Ref r && r.head() instanceof Term.Var hv) {
            String head = hv.name();
            Object[] keys = keys(r.path());
            if (head.equals("data")) {
                return new DataRef(r);
            }
            return head.equals("input") ? new InputRef(keys) : new LocalRef(head, keys);
        }
        return COMPLEX;
    }

    private static DirectTerm[] all(List<Term> ts) {
        DirectTerm[] out = new DirectTerm[ts.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = of(ts.get(i));
        }
        return out;
    }

    private static DirectTerm call(Term.Call c) {
        Term.CallTarget t = c.target();
        if (t == null || "print".equals(t.builtin()) || "walk".equals(t.builtin())) {
            return COMPLEX;
        }
        DirectTerm[] args = all(c.args());
        if (t.functionPath() != null) {
            return new FunctionCall(t, args, c.loc());
        }
        if (t.fn() != null && t.fn().function() instanceof BuiltinFunction.Binary f && args.length == 2) {
            return new BinaryCall(t.fn(), f, args[0], args[1], c.loc());
        }
        if (t.fn() != null && t.fn().function() instanceof BuiltinFunction.Unary f && args.length == 1) {
            return new UnaryCall(t.fn(), f, args[0], c.loc());
        }
        if (t.fn() == null && "internal.member_2".equals(t.builtin())) {
            return new BinaryCall(MEMBER, MEMBER_FN, args[0], args[1], c.loc());
        }
        return new BuiltinCall(t, args, c.loc());
    }

    /** {@code x in c}, which has no registry entry ({@link Calls#builtinValue} answers it by name), as a builtin. */
    private static final BuiltinFunction.Binary MEMBER_FN = (ctx, x, c) -> BooleanValue.of(Calls.member(x, c));

    private static final Builtin MEMBER = new Builtin("internal.member_2", 2, MEMBER_FN);

    /**
     * The value of {@code t} for an argument: null when undefined, {@link Terms#COMPLEX} when the general path must
     * evaluate the call ({@code with} mocks, an argument that iterates), as {@link Call#eval} answers.
     */
    private static Value argument(DirectTerm t, Evaluator ev, Env env) {
        return ev.st.mocks.isEmpty() ? t.eval(ev, env) : Terms.COMPLEX;
    }

    /**
     * A call of a builtin that takes its arguments without an array (the operators, {@code count}): the first
     * argument is COMPLEX under {@code with} mocks and stops the call when undefined, as {@link Call} does.
     */
    private abstract static class OperandCall extends DirectTerm {
        final Builtin builtin;
        final DirectTerm x;
        final Location loc;

        OperandCall(Builtin builtin, DirectTerm x, Location loc) {
            this.builtin = builtin;
            this.x = x;
            this.loc = loc;
        }
    }

    /** Two arguments ({@code ==}, {@code <}, {@code x in c}, ...). */
    private static final class BinaryCall extends OperandCall {
        private final BuiltinFunction.Binary f;
        private final DirectTerm y;

        BinaryCall(Builtin builtin, BuiltinFunction.Binary f, DirectTerm x, DirectTerm y, Location loc) {
            super(builtin, x, loc);
            this.f = f;
            this.y = y;
        }

        @Override
        Value eval(Evaluator ev, Env env) {
            Value a = argument(x, ev, env);
            if (a == null || a == Terms.COMPLEX) {
                return a;
            }
            Value b = y.eval(ev, env);
            if (b == null || b == Terms.COMPLEX) {
                return b;
            }
            return ev.terms.calls.builtinValue(builtin, f, a, b, loc);
        }
    }

    /** One argument ({@code count}). */
    private static final class UnaryCall extends OperandCall {
        private final BuiltinFunction.Unary f;

        UnaryCall(Builtin builtin, BuiltinFunction.Unary f, DirectTerm x, Location loc) {
            super(builtin, x, loc);
            this.f = f;
        }

        @Override
        Value eval(Evaluator ev, Env env) {
            Value a = argument(x, ev, env);
            return a == null || a == Terms.COMPLEX ? a : ev.terms.calls.builtinValue(builtin, f, a, loc);
        }
    }

    /**
     * A reference's keys as {@link Terms#constantKey} reads them: a scalar's value, a variable's name (its bound
     * value, or COMPLEX when unbound), or {@link #NOT_CONSTANT} for any other term (COMPLEX when reached).
     */
    private static Object[] keys(List<Term> path) {
        Object[] keys = new Object[path.size()];
        for (int i = 0; i < keys.length; i++) {
            Term p = path.get(i);
            keys[i] = p instanceof Term.Scalar s ? s.value() : p instanceof Term.Var v ? v.name() : NOT_CONSTANT;
        }
        return keys;
    }

    private static final Object NOT_CONSTANT = new Object();

    /** {@code cur} along {@code keys}: null when a step is undefined, COMPLEX at a key that is not constant. */
    static Value walk(Value cur, Object[] keys, Env env) {
        for (Object k : keys) {
            Value key = k instanceof Value v ? v : k instanceof String name ? env.get(name) : null;
            if (key == null) {
                return Terms.COMPLEX;
            }
            cur = Terms.child(cur, key);
            if (cur == null) {
                return null;
            }
        }
        return cur;
    }

    /** Evaluates {@code ts} left to right into {@code out}; null at the first undefined, COMPLEX at the first such. */
    static Value[] values(DirectTerm[] ts, Evaluator ev, Env env) {
        Value[] out = new Value[ts.length];
        for (int i = 0; i < out.length; i++) {
            Value v = ts[i].eval(ev, env);
            if (v == null) {
                return null;
            }
            if (v == Terms.COMPLEX) {
                return NOT_DIRECT;
            }
            out[i] = v;
        }
        return out;
    }

    static final Value[] NOT_DIRECT = {};

    /** A term the general path evaluates (comprehensions, {@code print}, references off other terms). */
    static final DirectTerm COMPLEX = new DirectTerm() {
        @Override
        Value eval(Evaluator ev, Env env) {
            return Terms.COMPLEX;
        }
    };

    private static final class Const extends DirectTerm {
        private final Value value;

        Const(Value value) {
            this.value = value;
        }

        @Override
        Value eval(Evaluator ev, Env env) {
            return value;
        }
    }

    private static final class Local extends DirectTerm {
        private final String name;

        Local(String name) {
            this.name = name;
        }

        @Override
        Value eval(Evaluator ev, Env env) {
            return env.get(name);
        }
    }

    /** {@code input.a.b}: the input (unless a local of that name shadows it), then the keys. */
    private static final class InputRef extends DirectTerm {
        private final Object[] keys;

        InputRef(Object[] keys) {
            this.keys = keys;
        }

        @Override
        Value eval(Evaluator ev, Env env) {
            Value cur = env.get("input");
            if (cur == null) {
                cur = ev.st.input;
                if (cur == null) {
                    return null;
                }
            }
            return walk(cur, keys, env);
        }
    }

    /** {@code x.a[y]} on a local variable; undefined when the variable is unbound. */
    private static final class LocalRef extends DirectTerm {
        private final String name;
        private final Object[] keys;

        LocalRef(String name, Object[] keys) {
            this.name = name;
            this.keys = keys;
        }

        @Override
        Value eval(Evaluator ev, Env env) {
            Value cur = env.get(name);
            return cur == null ? null : walk(cur, keys, env);
        }
    }

    /**
     * {@code data.p.q}: through {@link Docs#direct} (rules, base documents, overrides), unless shadowed. A reference
     * to a rule keeps the base document at the rule's path (null when none shadows it) for the data it last read, so
     * each evaluation over the same data does not walk it again.
     */
    private static final class DataRef extends DirectTerm {
        private final Term.Ref ref;
        private final Object[] keys;
        private volatile Shadow shadow;

        /** The base document at the rule's path in {@code data} (null: none). */
        private record Shadow(Value data, Value base) {}

        DataRef(Term.Ref ref) {
            this.ref = ref;
            this.keys = keys(ref.path());
        }

        @Override
        Value eval(Evaluator ev, Env env) {
            Value local = env.get("data");
            if (local != null) {
                return walk(local, keys, env);
            }
            if (ref.rule() == null || !ev.st.overrides.isEmpty()) {
                return ev.docs.direct(ref, env);
            }
            Shadow s = shadow;
            if (s == null || s.data != ev.st.data) {
                s = new Shadow(ev.st.data, Docs.base(ev.st.data, ref));
                shadow = s;
            }
            return ev.docs.ruleRef(ref, s.base, env);
        }
    }

    /** A call of a user function or a builtin: COMPLEX under {@code with} mocks, undefined at an undefined argument. */
    private abstract static class Call extends DirectTerm {
        final Term.CallTarget target;
        private final DirectTerm[] args;
        final Location loc;

        Call(Term.CallTarget target, DirectTerm[] args, Location loc) {
            this.target = target;
            this.args = args;
            this.loc = loc;
        }

        abstract Value apply(Evaluator ev, Value[] vs);

        @Override
        final Value eval(Evaluator ev, Env env) {
            if (!ev.st.mocks.isEmpty()) {
                return Terms.COMPLEX;
            }
            Value[] vs = values(args, ev, env);
            if (vs == null || vs == NOT_DIRECT) {
                return vs == null ? null : Terms.COMPLEX;
            }
            return apply(ev, vs);
        }
    }

    private static final class FunctionCall extends Call {
        FunctionCall(Term.CallTarget target, DirectTerm[] args, Location loc) {
            super(target, args, loc);
        }

        @Override
        Value apply(Evaluator ev, Value[] vs) {
            return target.node() != null
                    ? ev.docs.functionValue(target.node(), vs, loc)
                    : ev.docs.functionValue(target.functionPath(), vs, loc);
        }
    }

    private static final class BuiltinCall extends Call {
        BuiltinCall(Term.CallTarget target, DirectTerm[] args, Location loc) {
            super(target, args, loc);
        }

        @Override
        Value apply(Evaluator ev, Value[] vs) {
            return ev.terms.calls.builtinValue(target, vs, loc);
        }
    }

    /** An array, set or object literal: its items left to right, undefined or COMPLEX as the first item is. */
    private abstract static class Literal extends DirectTerm {
        private final DirectTerm[] items;

        Literal(DirectTerm[] items) {
            this.items = items;
        }

        abstract Value make(Value[] vs);

        @Override
        final Value eval(Evaluator ev, Env env) {
            Value[] vs = values(items, ev, env);
            return vs == null ? null : vs == NOT_DIRECT ? Terms.COMPLEX : make(vs);
        }
    }

    private static final class ArrayLit extends Literal {
        ArrayLit(DirectTerm[] items) {
            super(items);
        }

        @Override
        Value make(Value[] vs) {
            return ArrayValue.wrap(vs);
        }
    }

    private static final class SetLit extends Literal {
        SetLit(DirectTerm[] items) {
            super(items);
        }

        @Override
        Value make(Value[] vs) {
            return SetValue.of(vs);
        }
    }

    /** An object literal: keys then values, left to right, as {@link Terms#direct} evaluates them. */
    private static final class ObjectLit extends Literal {
        private final Term.ObjectTerm term;

        ObjectLit(Term.ObjectTerm term, DirectTerm[] keys, DirectTerm[] values) {
            super(concat(keys, values));
            this.term = term;
        }

        private static DirectTerm[] concat(DirectTerm[] keys, DirectTerm[] values) {
            DirectTerm[] all = java.util.Arrays.copyOf(keys, keys.length + values.length);
            System.arraycopy(values, 0, all, keys.length, values.length);
            return all;
        }

        @Override
        Value make(Value[] vs) {
            return Terms.object(term, vs);
        }
    }
}

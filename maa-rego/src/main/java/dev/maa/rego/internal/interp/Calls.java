package dev.maa.rego.internal.interp;

import dev.maa.rego.Location;
import dev.maa.rego.RegoEvalException;
import dev.maa.rego.RegoUnsupportedException;
import dev.maa.rego.builtins.Builtin;
import dev.maa.rego.builtins.BuiltinError;
import dev.maa.rego.builtins.BuiltinFunction;
import dev.maa.rego.internal.ast.Term;
import dev.maa.rego.internal.parser.Parser;
import dev.maa.rego.value.ArrayValue;
import dev.maa.rego.value.BooleanValue;
import dev.maa.rego.value.ObjectValue;
import dev.maa.rego.value.SetValue;
import dev.maa.rego.value.StringValue;
import dev.maa.rego.value.Value;
import java.util.List;

/** Calls: builtins, user functions, {@code print}, membership, and {@code with} mocks. */
final class Calls {
    private final Evaluator ev;

    Calls(Evaluator ev) {
        this.ev = ev;
    }

    boolean call(Term.Call c, Env env, VK k) {
        Term.CallTarget t = c.target();
        if ("print".equals(t.builtin())) {
            return print(c, env, k);
        }
        return ev.terms.list(c.args(), 0, new Value[c.args().size()], env, args -> apply(t, args.clone(), c.loc(), k));
    }

    static String key(Term.CallTarget t) {
        return t.builtin() != null ? t.builtin() : "data." + String.join(".", t.functionPath());
    }

    boolean apply(Term.CallTarget t, Value[] args, Location loc, VK k) {
        if (!ev.st.mocks.isEmpty()) {
            Object mock = ev.st.mocks.get(key(t));
            if (mock instanceof Value v) {
                return k.run(v);
            }
            if (mock instanceof Term.CallTarget m) {
                if (m.functionPath() == null) {
                    return applyUnmocked(m, args, loc, k);
                }
                EvalState.Frame outer = ev.st.frame();
                ev.st.mocks = java.util.Map.of();
                ev.st.memo = new Memo();
                Value v;
                try {
                    v = ev.docs.functionValue(m.functionPath(), args, loc);
                } finally {
                    ev.st.restore(outer);
                }
                return v != null && k.run(v);
            }
        }
        return applyUnmocked(t, args, loc, k);
    }

    private boolean applyUnmocked(Term.CallTarget t, Value[] args, Location loc, VK k) {
        if (t.functionPath() != null) {
            Value v = function(t, args, loc);
            return v != null && k.run(v);
        }
        if (t.builtin().equals("walk")) {
            return walk(args[0], new java.util.ArrayList<>(), k);
        }
        Value v = builtinValue(t, args, loc);
        return v != null && k.run(v);
    }

    /**
     * The single value of a call whose arguments need no iteration, null when undefined, or
     * {@link Terms#COMPLEX} when it needs the general path ({@code print}, {@code walk}, mocks,
     * iterating arguments). Arguments are evaluated left to right and stop at the first undefined
     * one, as the general path does, so the fallback sees the same errors in the same order.
     */
    Value direct(Term.Call c, Env env) {
        Term.CallTarget t = c.target();
        if (t == null || !ev.st.mocks.isEmpty() || "print".equals(t.builtin()) || "walk".equals(t.builtin())) {
            return Terms.COMPLEX;
        }
        List<Term> ts = c.args();
        Value[] args = new Value[ts.size()];
        for (int i = 0; i < args.length; i++) {
            Value a = ev.terms.direct(ts.get(i), env);
            if (a == Terms.COMPLEX || a == null) {
                return a;
            }
            args[i] = a;
        }
        if (t.functionPath() != null) {
            return function(t, args, c.loc());
        }
        return builtinValue(t, args, c.loc());
    }

    /** A user function's result through the node the compiler resolved (by path for a target built without). */
    private Value function(Term.CallTarget t, Value[] args, Location loc) {
        return t.node() != null
                ? ev.docs.functionValue(t.node(), args, loc)
                : ev.docs.functionValue(t.functionPath(), args, loc);
    }

    /** A single-valued builtin's result, or null when undefined (or a non-strict error). */
    Value builtinValue(Term.CallTarget t, Value[] args, Location loc) {
        Builtin b = t.fn();
        if (b == null) {
            String name = t.builtin();
            if (name.equals("internal.member_2")) {
                return BooleanValue.of(member(args[0], args[1]));
            }
            if (name.equals("internal.member_3")) {
                return BooleanValue.of(member3(args[0], args[1], args[2]));
            }
            if (name.equals(Parser.TEMPLATE_STRING)) {
                return TemplateStrings.render(args[0], loc);
            }
            if (name.equals("trace")) {
                if (!(args[0] instanceof StringValue)) {
                    strictTypeError(loc, "trace: operand 1 must be string but got " + args[0].typeName());
                    return null;
                }
                return BooleanValue.TRUE;
            }
            b = ev.st.registry.get(name);
        }
        try {
            return b.function().apply(ev.st, args);
        } catch (RuntimeException e) {
            return failed(b, e, loc);
        }
    }

    /** {@link #builtinValue} of a builtin that takes its two arguments without an array. */
    Value builtinValue(Builtin b, BuiltinFunction.Binary f, Value x, Value y, Location loc) {
        try {
            return f.apply(ev.st, x, y);
        } catch (RuntimeException e) {
            return failed(b, e, loc);
        }
    }

    /** {@link #builtinValue} of a builtin that takes its argument without an array. */
    Value builtinValue(Builtin b, BuiltinFunction.Unary f, Value x, Location loc) {
        try {
            return f.apply(ev.st, x);
        } catch (RuntimeException e) {
            return failed(b, e, loc);
        }
    }

    /**
     * A builtin's failure: OPA's error with the call's location when strict (a refusal always), else undefined.
     */
    private Value failed(Builtin b, RuntimeException e, Location loc) {
        if (e instanceof BuiltinError be) {
            if (ev.st.strictBuiltinErrors) {
                throw new RegoEvalException(be.code(), loc, be.getMessage());
            }
            return null;
        }
        if (e instanceof RegoEvalException re) {
            throw re;
        }
        if (e instanceof RegoUnsupportedException ue) {
            // a refusal is never an undefined value, strict or not
            throw new RegoUnsupportedException(ue.code(), loc, ue.text());
        }
        if (ev.st.strictBuiltinErrors) {
            throw new RegoEvalException("eval_builtin_error", loc, b.name() + ": " + e);
        }
        return null;
    }

    private boolean strictTypeError(Location loc, String msg) {
        if (ev.st.strictBuiltinErrors) {
            throw new RegoEvalException("eval_type_error", loc, msg);
        }
        return false;
    }

    /** {@code walk(x)}: every [path, value] pair of x, x itself first (pre-order, as OPA). */
    private static boolean walk(Value v, java.util.List<Value> path, VK k) {
        Value pathValue = ArrayValue.of(java.util.List.copyOf(path));
        if (k.run(ArrayValue.of(pathValue, v))) {
            return true;
        }
        return Evaluator.each(v, (key, val) -> {
            path.add(key);
            boolean stop = walk(val, path, k);
            path.remove(path.size() - 1);
            return stop;
        });
    }

    static boolean member(Value x, Value coll) {
        if (coll instanceof SetValue s) {
            return s.contains(x);
        }
        if (coll instanceof ArrayValue a) {
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i).equals(x)) {
                    return true;
                }
            }
            return false;
        }
        if (coll instanceof ObjectValue o) {
            return o.values().contains(x);
        }
        return false;
    }

    static boolean member3(Value key, Value val, Value coll) {
        if (coll instanceof ArrayValue || coll instanceof ObjectValue) {
            Value v = Terms.child(coll, key);
            return v != null && v.equals(val);
        }
        if (coll instanceof SetValue s) {
            return key.equals(val) && s.contains(key);
        }
        return false;
    }

    private boolean print(Term.Call c, Env env, VK k) {
        StringBuilder sb = new StringBuilder();
        List<Term> args = c.args();
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) {
                sb.append(' ');
            }
            Value[] first = {null};
            ev.terms.eval(args.get(i), env, v -> {
                first[0] = v;
                return true;
            });
            sb.append(TemplateStrings.text(first[0]));
        }
        ev.st.print(sb.toString());
        return k.run(BooleanValue.TRUE);
    }
}

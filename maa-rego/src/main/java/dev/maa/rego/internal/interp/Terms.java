package dev.maa.rego.internal.interp;

import dev.maa.rego.internal.ast.Term;
import dev.maa.rego.value.ArrayValue;
import dev.maa.rego.value.NumberValue;
import dev.maa.rego.value.ObjectValue;
import dev.maa.rego.value.SetValue;
import dev.maa.rego.value.StringValue;
import dev.maa.rego.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** Evaluation of terms: scalars, variables, references (with iteration), composites, comprehensions. */
final class Terms {
    private final Evaluator ev;
    final Calls calls;

    Terms(Evaluator ev) {
        this.ev = ev;
        this.calls = new Calls(ev);
    }

    boolean eval(Term t, Env env, VK k) {
        if (t instanceof Term.Scalar s) {
            return k.run(s.value());
        }
        if (t instanceof Term.Var v) {
            Value b = env.get(v.name());
            return b != null && k.run(b);
        }
        if (t instanceof Term.Ref r) {
            Value d = direct(r, env);
            if (d != COMPLEX) {
                return d != null && k.run(d);
            }
            return ref(r, env, k);
        }
        if (t instanceof Term.ArrayTerm a) {
            return list(a.items(), 0, new Value[a.items().size()], env, vs -> k.run(ArrayValue.wrap(vs.clone())));
        }
        if (t instanceof Term.SetTerm s) {
            return list(s.items(), 0, new Value[s.items().size()], env, vs -> k.run(SetValue.of(vs)));
        }
        if (t instanceof Term.ObjectTerm o) {
            List<Term> all = new ArrayList<>(o.keys());
            all.addAll(o.values());
            return list(all, 0, new Value[all.size()], env, vs -> k.run(object(o, vs)));
        }
        if (t instanceof Term.Call c) {
            Value d = calls.direct(c, env);
            if (d != COMPLEX) {
                return d != null && k.run(d);
            }
            return calls.call(c, env, k);
        }
        return comprehension(t, env, k);
    }

    private static final int SMALL_OBJECT = 16;

    /**
     * The object of a literal from its evaluated keys ({@code vs[0..n)}) and values ({@code vs[n..2n)}): constant
     * keys take their order from the compiler ({@link Term.ConstantKeys}), a few other keys are sorted in place,
     * more go through a TreeMap. Equal keys with different values conflict.
     */
    static ObjectValue object(Term.ObjectTerm o, Value[] vs) {
        int n = o.keys().size();
        Term.ConstantKeys constant = o.constant();
        if (constant != null) {
            Value[] values = new Value[n];
            for (int i = 0; i < n; i++) {
                values[constant.position(i)] = vs[n + i];
            }
            return ObjectValue.ofSorted(constant.sorted(), constant.hashes(), values);
        }
        if (n <= SMALL_OBJECT) {
            return smallObject(vs, n, o);
        }
        TreeMap<Value, Value> m = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            Value prev = m.put(vs[i], vs[n + i]);
            if (prev != null && !prev.equals(vs[n + i])) {
                throw Errors.conflict(o.loc(), "object keys must be unique");
            }
        }
        return ObjectValue.of(m);
    }

    /**
     * An object literal of a few keys from its evaluated keys ({@code vs[0..n)}) and values ({@code vs[n..2n)}),
     * sorted in place instead of through two TreeMaps; equal keys with different values conflict as there.
     */
    private static ObjectValue smallObject(Value[] vs, int n, Term.ObjectTerm o) {
        Value[] keys = java.util.Arrays.copyOfRange(vs, 0, n);
        Value[] values = java.util.Arrays.copyOfRange(vs, n, 2 * n);
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (keys[i].compareTo(keys[j]) == 0 && !values[i].equals(values[j])) {
                    throw Errors.conflict(o.loc(), "object keys must be unique");
                }
            }
        }
        return ObjectValue.ofEntries(keys, values);
    }

    /** Evaluates each term in turn (cartesian product over their values). */
    boolean list(List<Term> ts, int i, Value[] out, Env env, java.util.function.Predicate<Value[]> k) {
        int n = ts.size();
        while (i < n) {
            Value d = direct(ts.get(i), env);
            if (d == COMPLEX) {
                break;
            }
            if (d == null) {
                return false;
            }
            out[i++] = d;
        }
        if (i == n) {
            return k.test(out);
        }
        int at = i;
        return eval(ts.get(at), env, v -> {
            out[at] = v;
            return list(ts, at + 1, out, env, k);
        });
    }

    /** Marks a term that {@link #direct} cannot evaluate; compared by identity. */
    static final Value COMPLEX = new StringValue("\u0000complex");

    /**
     * The single value of a term that cannot iterate: a scalar, a variable, a reference into
     * {@code input} or a bound variable through constant or bound keys, or a call on such terms
     * (see {@link Calls#direct}). Null when undefined, {@link #COMPLEX} when the term needs
     * {@link #eval}. Evaluating these without continuations is what keeps a candidate's
     * per-expression cost low.
     */
    Value direct(Term t, Env env) {
        if (t instanceof Term.Scalar s) {
            return s.value();
        }
        if (t instanceof Term.Var v) {
            return env.get(v.name());
        }
        if (t instanceof Term.Call c) {
            return calls.direct(c, env);
        }
        if (t instanceof Term.ArrayTerm a) {
            Value[] vs = directItems(a.items(), env);
            return vs == null ? null : vs == NOT_DIRECT ? COMPLEX : ArrayValue.wrap(vs);
        }
        if (t instanceof Term.SetTerm s) {
            Value[] vs = directItems(s.items(), env);
            return vs == null ? null : vs == NOT_DIRECT ? COMPLEX : SetValue.of(vs);
        }
        if (t instanceof Term.ObjectTerm o) {
            Value[] vs = directItems(o.keys(), o.values(), env);
            return vs == null ? null : vs == NOT_DIRECT ? COMPLEX : object(o, vs);
        }
        if (!(t instanceof Term.Ref r) || !(r.head() instanceof Term.Var hv)) {
            return COMPLEX;
        }
        Value cur = env.get(hv.name());
        if (cur == null) {
            if (hv.name().equals("input")) {
                cur = ev.st.input;
                if (cur == null) {
                    return null;
                }
            } else if (hv.name().equals("data")) {
                return ev.docs.direct(r, env);
            } else {
                return null;
            }
        }
        List<Term> path = r.path();
        for (int i = 0, n = path.size(); i < n; i++) {
            Value key = constantKey(path.get(i), env);
            if (key == null) {
                return COMPLEX;
            }
            cur = child(cur, key);
            if (cur == null) {
                return null;
            }
        }
        return cur;
    }

    private static final Value[] NOT_DIRECT = {};

    /**
     * The values of an array or set literal's items as {@link #list} finds its one solution: null at the first
     * undefined item, {@link #NOT_DIRECT} when an item needs {@link #eval} (evaluated left to right, as there).
     */
    private Value[] directItems(List<Term> items, Env env) {
        return directItems(items, List.of(), env);
    }

    /** {@link #directItems(List, Env)} over {@code first} then {@code second} (an object's keys, then values). */
    private Value[] directItems(List<Term> first, List<Term> second, Env env) {
        int n = first.size();
        Value[] vs = new Value[n + second.size()];
        for (int i = 0; i < vs.length; i++) {
            Value d = direct(i < n ? first.get(i) : second.get(i - n), env);
            if (d == COMPLEX) {
                return NOT_DIRECT;
            }
            if (d == null) {
                return null;
            }
            vs[i] = d;
        }
        return vs;
    }

    /** A reference key that cannot iterate: a scalar or a bound variable; null otherwise. */
    Value constantKey(Term p, Env env) {
        if (p instanceof Term.Scalar s) {
            return s.value();
        }
        return p instanceof Term.Var v ? env.get(v.name()) : null;
    }

    private boolean comprehension(Term t, Env env, VK k) {
        int m = env.mark();
        Value result;
        if (t instanceof Term.ArrayCompr c) {
            List<Value> out = new ArrayList<>();
            ev.body(
                    c.body(),
                    env,
                    () -> eval(c.head(), env, v -> {
                        out.add(v);
                        return false;
                    }));
            result = ArrayValue.of(out);
        } else if (t instanceof Term.SetCompr c) {
            SetAccumulator out = new SetAccumulator();
            ev.body(
                    c.body(),
                    env,
                    () -> eval(c.head(), env, v -> {
                        out.add(v);
                        return false;
                    }));
            result = out.build();
        } else {
            Term.ObjectCompr c = (Term.ObjectCompr) t;
            TreeMap<Value, Value> out = new TreeMap<>();
            ev.body(
                    c.body(),
                    env,
                    () -> eval(
                            c.key(),
                            env,
                            key -> eval(c.value(), env, val -> {
                                Value prev = out.put(key, val);
                                if (prev != null && !prev.equals(val)) {
                                    throw Errors.conflict(c.loc(), "object keys must be unique");
                                }
                                return false;
                            })));
            result = ObjectValue.of(out);
        }
        env.undo(m);
        return k.run(result);
    }

    private boolean ref(Term.Ref r, Env env, VK k) {
        Term head = r.head();
        if (head instanceof Term.Var v) {
            if (v.name().equals("data") && env.get("data") == null) {
                return ev.docs.data(r.path(), env, k);
            }
            if (v.name().equals("input") && env.get("input") == null) {
                return ev.st.input != null && walk(ev.st.input, r.path(), 0, env, k);
            }
        }
        return eval(head, env, hv -> walk(hv, r.path(), 0, env, k));
    }

    /** Walks {@code path[i..]} into a plain value; unbound vars iterate. */
    boolean walk(Value v, List<Term> path, int i, Env env, VK k) {
        return walk(v, path, i, env, k, false);
    }

    /**
     * Walks {@code path[i..]}; with {@code data} set, integer keys also find the string key of
     * the same text, as OPA does for JSON objects in base documents.
     */
    boolean walk(Value v, List<Term> path, int i, Env env, VK k, boolean data) {
        if (i == path.size()) {
            return k.run(v);
        }
        Term p = path.get(i);
        if (p instanceof Term.Scalar s) {
            Value next = data ? dataChild(v, s.value()) : child(v, s.value());
            return next != null && walk(next, path, i + 1, env, k, data);
        }
        if (ev.isPattern(p, env)) {
            return Evaluator.each(v, (key, val) -> {
                ev.st.step(p.loc());
                return ev.unifyValue(p, key, env, () -> walk(val, path, i + 1, env, k, data));
            });
        }
        return eval(p, env, key -> {
            Value next = data ? dataChild(v, key) : child(v, key);
            return next != null && walk(next, path, i + 1, env, k, data);
        });
    }

    /** {@code v[key]} or null when undefined. */
    static Value child(Value v, Value key) {
        if (v instanceof ObjectValue o) {
            return o.get(key);
        }
        if (v instanceof ArrayValue a) {
            if (key instanceof NumberValue n) {
                Integer i = n.intValueExact();
                return i != null && i >= 0 && i < a.size() ? a.get(i) : null;
            }
            return null;
        }
        if (v instanceof SetValue s) {
            return s.contains(key) ? key : null;
        }
        return null;
    }

    static Value dataChild(Value v, Value key) {
        Value c = child(v, key);
        if (c == null && v instanceof ObjectValue o && key instanceof NumberValue n && n.isInteger()) {
            return o.get(new StringValue(n.text()));
        }
        return c;
    }

    static String str(Value v) {
        return v instanceof StringValue s ? s.value() : null;
    }
}

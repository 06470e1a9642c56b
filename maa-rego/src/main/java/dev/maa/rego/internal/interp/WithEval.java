package dev.maa.rego.internal.interp;

import dev.maa.rego.internal.ast.Expr;
import dev.maa.rego.internal.ast.Term;
import dev.maa.rego.value.ObjectValue;
import dev.maa.rego.value.StringValue;
import dev.maa.rego.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code expr with target as value}: replaces input, parts of data, or functions for one
 * expression. The rule-value memo is swapped for a fresh one while the override is active, and
 * the continuation runs with the outer state restored.
 */
final class WithEval {
    private final Evaluator ev;

    WithEval(Evaluator ev) {
        this.ev = ev;
    }

    boolean eval(Expr e, Env env, K k) {
        List<Expr.With> ws = e.withs();
        return values(ws, 0, new Value[ws.size()], env, vals -> {
            EvalState.Frame outer = ev.st.frame();
            apply(ws, vals, env);
            EvalState.Frame inner = ev.st.frame();
            try {
                return ev.exprNoWith(e, env, () -> {
                    ev.st.restore(outer);
                    try {
                        return k.run();
                    } finally {
                        ev.st.restore(inner);
                    }
                });
            } finally {
                ev.st.restore(outer);
            }
        });
    }

    private boolean values(List<Expr.With> ws, int i, Value[] out, Env env, java.util.function.Predicate<Value[]> k) {
        if (i == ws.size()) {
            return k.test(out);
        }
        Term v = ws.get(i).value();
        if (v instanceof Term.Call c && c.args().isEmpty() && c.target() != null) {
            out[i] = null;
            return values(ws, i + 1, out, env, k);
        }
        return ev.terms.eval(v, env, val -> {
            out[i] = val;
            return values(ws, i + 1, out, env, k);
        });
    }

    private void apply(List<Expr.With> ws, Value[] vals, Env env) {
        EvalState st = ev.st;
        Map<String, Object> mocks = null;
        List<EvalState.DataOverride> overrides = null;
        for (int i = 0; i < ws.size(); i++) {
            Term target = ws.get(i).target();
            Object replacement =
                    vals[i] != null ? vals[i] : ((Term.Call) ws.get(i).value()).target();
            if (target instanceof Term.Call c) {
                if (mocks == null) {
                    mocks = new HashMap<>(st.mocks);
                }
                Object r = replacement;
                if (r instanceof Term.CallTarget ct && !st.mocks.isEmpty() && st.mocks.containsKey(Calls.key(ct))) {
                    r = st.mocks.get(Calls.key(ct));
                }
                mocks.put(Calls.key(c.target()), r);
                continue;
            }
            Term.Ref r = (Term.Ref) target;
            List<String> path = new ArrayList<>();
            for (Term p : r.path()) {
                path.add(((StringValue) ((Term.Scalar) p).value()).value());
            }
            Value v = (Value) replacement;
            if (((Term.Var) r.head()).name().equals("input")) {
                st.input = path.isEmpty() ? v : upsert(st.input, path, 0, v);
            } else {
                if (overrides == null) {
                    overrides = new ArrayList<>(st.overrides);
                }
                overrides.add(new EvalState.DataOverride(path, v));
            }
        }
        if (mocks != null) {
            st.mocks = mocks;
        }
        if (overrides != null) {
            st.overrides = overrides;
        }
        st.memo = new Memo();
    }

    /** Returns {@code base} with {@code v} placed at {@code path[i..]}, creating objects as needed. */
    static Value upsert(Value base, List<String> path, int i, Value v) {
        if (i == path.size()) {
            return v;
        }
        TreeMap<Value, Value> m = base instanceof ObjectValue o ? o.toMap() : new TreeMap<>();
        StringValue key = new StringValue(path.get(i));
        m.put(key, upsert(m.get(key), path, i + 1, v));
        return ObjectValue.of(m);
    }
}

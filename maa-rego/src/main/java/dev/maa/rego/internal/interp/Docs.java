package dev.maa.rego.internal.interp;

import dev.maa.rego.Location;
import dev.maa.rego.internal.ast.Term;
import dev.maa.rego.internal.compile.CRule;
import dev.maa.rego.internal.compile.RuleNode;
import dev.maa.rego.value.ObjectValue;
import dev.maa.rego.value.StringValue;
import dev.maa.rego.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The {@code data} document: base data merged with virtual documents (rules). Rule values are
 * computed once per evaluation and memoised, so iterating a policy list does not re-run rules.
 */
final class Docs {
    /** Bindings of a term evaluated without any (a default rule's value). */
    private static final Env NO_BINDINGS = new Env();

    private static final Value[] NO_ARGS = {};

    private final Evaluator ev;
    private final Frames frames = new Frames();

    Docs(Evaluator ev) {
        this.ev = ev;
    }

    /**
     * Walks {@code data} along {@code path}. The current path ({@code cur}) only locates {@code with} overrides,
     * so without overrides it is null and no step copies it: most references are rules of the policy's own
     * package, and copying their paths was a tenth of an embedded decision's allocations.
     */
    boolean data(List<Term> path, Env env, VK k) {
        return walk(ev.st.root, ev.st.data, ev.st.overrides.isEmpty() ? null : new ArrayList<>(), path, 0, env, k);
    }

    /**
     * The value of {@code data} at {@code path} when every key is a constant or a bound variable: null when
     * undefined, {@link Terms#COMPLEX} when the reference needs {@link #data} (keys to iterate, {@code with}
     * overrides). Resolves as {@link #walk} does, without continuations: references to a package's own rules
     * ({@code count(deny_reasons) > 0}) are most of the references a policy makes, and through this they stay
     * on the direct path of their expression.
     */
    Value direct(Term.Ref ref, Env env) {
        if (!ev.st.overrides.isEmpty()) {
            return Terms.COMPLEX;
        }
        List<Term> path = ref.path();
        if (ref.rule() != null) {
            return ruleRef(ref, base(ev.st.data, ref), env);
        }
        RuleNode node = ev.st.root;
        Value base = ev.st.data;
        int n = path.size();
        for (int i = 0; ; i++) {
            if (node != null && node.hasRules()) {
                if (node.isFunction()) {
                    return null;
                }
                if (base != null) {
                    return plain(base, path, i, env, true);
                }
                Value v = ruleValue(node);
                return v == null ? null : plain(v, path, i, env, false);
            }
            if (node == null) {
                return base == null ? null : plain(base, path, i, env, true);
            }
            if (i == n) {
                return materialize(node, base, null);
            }
            Value key = ev.terms.constantKey(path.get(i), env);
            if (key == null) {
                return Terms.COMPLEX;
            }
            if (key instanceof dev.maa.rego.value.NumberValue num && num.isInteger()) {
                key = new StringValue(num.text());
            }
            Value childBase = base instanceof ObjectValue o ? o.get(key) : null;
            if (!(key instanceof StringValue s)) {
                return childBase == null ? null : plain(childBase, path, i + 1, env, true);
            }
            node = node.named(s.value());
            base = childBase;
        }
    }

    /** The base document at the path of the rule {@code ref} names, which shadows the rule; null when none does. */
    static Value base(Value data, Term.Ref ref) {
        List<Term> path = ref.path();
        Value base = data;
        for (int i = 0, depth = ref.ruleDepth(); i < depth && base != null; i++) {
            base = base instanceof ObjectValue o ? o.get(((Term.Scalar) path.get(i)).value()) : null;
        }
        return base;
    }

    /**
     * A reference whose leading string keys the compiler resolved to its rules' node: base data at that path
     * ({@code base}, from {@link #base}) shadows the rules, as the walk in {@link #direct} finds it, else the rules'
     * memoised value; then the rest of the path.
     */
    Value ruleRef(Term.Ref ref, Value base, Env env) {
        List<Term> path = ref.path();
        int depth = ref.ruleDepth();
        if (base != null) {
            return plain(base, path, depth, env, true);
        }
        Value v = ruleValue(ref.rule());
        return v == null ? null : plain(v, path, depth, env, false);
    }

    /** {@code v} at {@code path[i..]} as {@link Terms#walk} finds it, or COMPLEX for a key that iterates. */
    private Value plain(Value v, List<Term> path, int i, Env env, boolean data) {
        Value cur = v;
        for (int n = path.size(); i < n; i++) {
            Value key = ev.terms.constantKey(path.get(i), env);
            if (key == null) {
                return Terms.COMPLEX;
            }
            cur = data ? Terms.dataChild(cur, key) : Terms.child(cur, key);
            if (cur == null) {
                return null;
            }
        }
        return cur;
    }

    private Value override(List<String> cur) {
        for (int i = ev.st.overrides.size() - 1; i >= 0; i--) {
            EvalState.DataOverride o = ev.st.overrides.get(i);
            if (o.path().equals(cur)) {
                return o.value();
            }
        }
        return null;
    }

    /** Applies overrides strictly below {@code cur} to a materialised value. */
    private Value overridesBelow(List<String> cur, Value v) {
        Value out = v;
        for (EvalState.DataOverride o : ev.st.overrides) {
            if (o.path().size() > cur.size() && o.path().subList(0, cur.size()).equals(cur)) {
                out = WithEval.upsert(out, o.path(), cur.size(), o.value());
            }
        }
        return out;
    }

    private boolean walk(RuleNode node, Value base, List<String> cur, List<Term> path, int i, Env env, VK k) {
        if (!ev.st.overrides.isEmpty()) {
            Value ov = override(cur);
            if (ov != null) {
                return ev.terms.walk(ov, path, i, env, k, true);
            }
        }
        if (node != null && node.hasRules()) {
            if (node.isFunction()) {
                return false;
            }
            if (base != null) {
                // OPA lets a base document shadow a rule at the same path (topdown base/virtual conflicts).
                return ev.terms.walk(base, path, i, env, k, true);
            }
            Value v = ruleValue(node);
            if (v == null) {
                return false;
            }
            if (!ev.st.overrides.isEmpty()) {
                v = overridesBelow(cur, v);
            }
            return ev.terms.walk(v, path, i, env, k);
        }
        if (node == null) {
            if (base == null && (ev.st.overrides.isEmpty() || (base = overridesBelow(cur, null)) == null)) {
                return false;
            }
            if (!ev.st.overrides.isEmpty()) {
                base = overridesBelow(cur, base);
            }
            return ev.terms.walk(base, path, i, env, k, true);
        }
        if (i == path.size()) {
            Value full = materialize(node, base, cur);
            return full != null && k.run(full);
        }
        Term p = path.get(i);
        final Value b = base;
        if (ev.isPattern(p, env)) {
            TreeSet<Value> keys = new TreeSet<>();
            node.children.keySet().forEach(s -> keys.add(new StringValue(s)));
            if (base instanceof ObjectValue o) {
                keys.addAll(o.keys());
            }
            for (Value key : keys) {
                if (ev.unifyValue(p, key, env, () -> step(node, b, cur, key, path, i, env, k))) {
                    return true;
                }
            }
            return false;
        }
        return ev.terms.eval(p, env, key -> step(node, b, cur, key, path, i, env, k));
    }

    private boolean step(
            RuleNode node, Value base, List<String> cur, Value key, List<Term> path, int i, Env env, VK k) {
        if (key instanceof dev.maa.rego.value.NumberValue n && n.isInteger()) {
            key = new StringValue(n.text());
        }
        Value childBase = base instanceof ObjectValue o ? o.get(key) : null;
        if (!(key instanceof StringValue s)) {
            return childBase != null && ev.terms.walk(childBase, path, i + 1, env, k, true);
        }
        List<String> next = null;
        if (cur != null) {
            next = new ArrayList<>(cur.size() + 1);
            next.addAll(cur);
            next.add(s.value());
        }
        return walk(node.named(s.value()), childBase, next, path, i + 1, env, k);
    }

    /** The whole document at a namespace node: base data plus every defined child. */
    private Value materialize(RuleNode node, Value base, List<String> cur) {
        TreeMap<Value, Value> m = base instanceof ObjectValue o ? o.toMap() : new TreeMap<>();
        for (Map.Entry<String, RuleNode> e : node.children.entrySet()) {
            RuleNode child = e.getValue();
            List<String> next = null;
            if (cur != null) {
                next = new ArrayList<>(cur);
                next.add(e.getKey());
            }
            Value cv;
            if (child.hasRules() && m.containsKey(new StringValue(e.getKey()))) {
                continue;
            }
            if (child.hasRules()) {
                cv = child.isFunction() ? null : ruleValue(child);
            } else {
                cv = materialize(child, m.get(new StringValue(e.getKey())), next);
            }
            if (cv != null) {
                m.put(new StringValue(e.getKey()), cv);
            }
        }
        Value out = ObjectValue.of(m);
        return ev.st.overrides.isEmpty() ? out : overridesBelow(cur, out);
    }

    /** The memoised value of the rules at {@code node}, or null when undefined. */
    Value ruleValue(RuleNode node) {
        Object cached = ev.st.memo.rule(node);
        if (cached != null) {
            return cached == EvalState.UNDEFINED ? null : (Value) cached;
        }
        CRule any = node.complete.isEmpty()
                ? (node.sets.isEmpty()
                        ? (node.objects.isEmpty() ? node.defaultRule : node.objects.get(0))
                        : node.sets.get(0))
                : node.complete.get(0);
        ev.st.enter(any.loc());
        Value v;
        try {
            v = compute(node);
        } finally {
            ev.st.exit();
        }
        ev.st.memo.putRule(node, v == null ? EvalState.UNDEFINED : v);
        return v;
    }

    private Value compute(RuleNode node) {
        if (!node.objects.isEmpty()) {
            TreeMap<Value, Object> tree = new TreeMap<>();
            for (CRule r : node.objects) {
                Env env = new Env();
                if (r.kind() == dev.maa.rego.internal.ast.Rule.Kind.SET) {
                    ev.body(
                            r.body(),
                            env,
                            () -> ev.terms.list(
                                    r.suffix(),
                                    0,
                                    new Value[r.suffix().size()],
                                    env,
                                    keys -> ev.terms.eval(r.key(), env, v -> {
                                        ObjectTrees.insertIntoSet(tree, keys.clone(), 0, v, r.loc());
                                        return false;
                                    })));
                    continue;
                }
                ev.body(
                        r.body(),
                        env,
                        () -> ev.terms.list(
                                r.suffix(),
                                0,
                                new Value[r.suffix().size()],
                                env,
                                keys -> ev.terms.eval(r.value(), env, v -> {
                                    insert(tree, keys.clone(), 0, v, r);
                                    return false;
                                })));
            }
            for (Map.Entry<String, RuleNode> e : node.children.entrySet()) {
                Value cv = e.getValue().hasRules()
                        ? (e.getValue().isFunction() ? null : ruleValue(e.getValue()))
                        : materialize(e.getValue(), null, e.getValue().path);
                if (cv != null) {
                    ObjectTrees.insert(
                            tree,
                            new Value[] {new StringValue(e.getKey())},
                            0,
                            cv,
                            node.objects.get(0).loc());
                }
            }
            return ObjectTrees.build(tree);
        }
        if (!node.sets.isEmpty()) {
            SetElements out = frames.setElements();
            try {
                for (CRule r : node.sets) {
                    out.rule = r;
                    ev.body(r.body(), out.env, out); // undoes its bindings: the Env is empty again for the next
                }
                return out.elements.build();
            } finally {
                frames.release(out);
            }
        }
        return definitions(node, node.complete, NO_ARGS, false);
    }

    /**
     * The value of a complete rule's or a function's definitions (and their else chains), in order: each chain
     * through {@link DirectRules} when it is straight-line and no {@code with} mock is in force, else (or when a
     * term there would iterate) through its body's solutions; different values conflict, early exit stops at the
     * first; the default rule's value when none is defined.
     */
    private Value definitions(RuleNode node, List<CRule> rules, Value[] args, boolean function) {
        Value result = null;
        // one Env and Solution for every definition tried: its bindings are undone after each
        Solution s = frames.solution(function, node.earlyExit);
        try {
            DirectRules direct = ev.st.mocks.isEmpty() ? DirectRules.of(node) : null;
            for (int i = 0, n = rules.size(); i < n; i++) {
                CRule r = rules.get(i);
                if (function && r.args().size() != args.length) {
                    continue;
                }
                Value v = direct == null ? Terms.COMPLEX : direct.chain(ev, s.env, i, args);
                if (v == Terms.COMPLEX) {
                    v = function ? functionChain(r, args, s) : completeChain(r, s);
                }
                if (v != null) {
                    if (result != null && !result.equals(v)) {
                        throw function
                                ? Errors.functionConflict(r.loc(), r.pathString())
                                : Errors.ruleConflict(r.loc(), r.pathString());
                    }
                    result = v;
                    if (node.earlyExit) {
                        break;
                    }
                }
            }
            if (result == null && node.defaultRule != null) {
                result = first(node.defaultRule.value());
            }
        } finally {
            frames.release(s);
        }
        return result;
    }

    private void insert(TreeMap<Value, Object> tree, Value[] keys, int i, Value v, CRule r) {
        ObjectTrees.insert(tree, keys, i, v, r.loc());
    }

    private Value completeChain(CRule r, Solution s) {
        for (CRule c = r; c != null; c = c.elseRule()) {
            s.rule = c;
            s.found = null;
            ev.body(c.body(), s.env, s);
            if (s.found != null) {
                return s.found;
            }
        }
        return null;
    }

    private Value first(Term t) {
        Value d = ev.terms.direct(t, NO_BINDINGS); // a default's value is most often a constant
        if (d != Terms.COMPLEX) {
            return d;
        }
        Value[] out = {null};
        ev.terms.eval(t, new Env(), v -> {
            out[0] = v;
            return true;
        });
        return out[0];
    }

    /** The function's result for {@code args}, or null when undefined. */
    Value functionValue(List<String> path, Value[] args, Location loc) {
        return functionValue(ev.st.root.find(path), args, loc);
    }

    /** The result of the function whose rules are at {@code node} (as the compiler resolved the call). */
    Value functionValue(RuleNode node, Value[] args, Location loc) {
        if (!node.memoized) {
            return computeFunction(node, args, loc);
        }
        EvalState.CallKey key = new EvalState.CallKey(node, args);
        Object cached = ev.st.memo.call(key);
        if (cached != null) {
            return cached == EvalState.UNDEFINED ? null : (Value) cached;
        }
        Value v = computeFunction(node, args, loc);
        ev.st.memo.putCall(key, v == null ? EvalState.UNDEFINED : v);
        return v;
    }

    private Value computeFunction(RuleNode node, Value[] args, Location loc) {
        ev.st.enter(loc);
        try {
            return definitions(node, node.functions, args, true);
        } finally {
            ev.st.exit();
        }
    }

    private Value functionChain(CRule r, Value[] args, Solution s) {
        for (CRule c = r; c != null; c = c.elseRule()) {
            s.rule = c;
            s.found = null;
            bindArgs(c.args(), args, 0, s);
            s.env.undo(0);
            if (s.found != null) {
                return s.found;
            }
        }
        return null;
    }

    /**
     * The value of one rule or function definition over its body's solutions: one object as the body's and the
     * value's continuation (instead of a lambda each and a holder array per definition), since a decision of the
     * built-in package evaluates about a hundred definitions. Different values are a conflict, as in OPA.
     */
    private final class Solution implements K, VK {
        CRule rule;
        final Env env = new Env();
        boolean function;
        /** Stop at the first solution ({@link RuleNode#earlyExit}). */
        boolean first;

        Value found;

        @Override
        public boolean run() {
            return ev.terms.eval(rule.value(), env, this);
        }

        @Override
        public boolean run(Value v) {
            if (found != null && !found.equals(v)) {
                throw function
                        ? Errors.functionConflict(rule.loc(), rule.pathString())
                        : Errors.ruleConflict(rule.loc(), rule.pathString());
            }
            found = v;
            return first;
        }
    }

    /**
     * The elements of a partial set rule's definitions: one Env and one continuation for all of them, as
     * {@link Solution} is for a complete rule's.
     */
    private final class SetElements implements K, VK {
        final Env env = new Env();
        final SetAccumulator elements = new SetAccumulator();
        CRule rule;

        @Override
        public boolean run() {
            return ev.terms.eval(rule.key(), env, this);
        }

        @Override
        public boolean run(Value v) {
            elements.add(v);
            return false;
        }
    }

    /**
     * The Solutions and SetElements of the rules and functions being evaluated, reused: evaluations of rules and
     * functions nest (each returns before its caller goes on), so a definition's frame is free again when it
     * returns, and a decision that evaluates some sixty definitions at a depth of five or six allocates six of
     * each (with their Envs' arrays, grown once) instead of sixty.
     */
    private final class Frames {
        private Solution[] solutions = new Solution[8];
        private int freeSolutions;
        private SetElements[] sets = new SetElements[8];
        private int freeSets;

        Solution solution(boolean function, boolean first) {
            Solution s = freeSolutions > 0 ? solutions[--freeSolutions] : new Solution();
            s.function = function;
            s.first = first;
            return s;
        }

        /** Takes back a frame whose body has returned (or thrown): its bindings are undone for the next user. */
        void release(Solution s) {
            s.env.undo(0);
            s.rule = null;
            s.found = null;
            if (freeSolutions == solutions.length) {
                solutions = java.util.Arrays.copyOf(solutions, freeSolutions * 2);
            }
            solutions[freeSolutions++] = s;
        }

        SetElements setElements() {
            return freeSets > 0 ? sets[--freeSets] : new SetElements();
        }

        void release(SetElements s) {
            s.env.undo(0);
            s.rule = null;
            s.elements.clear();
            if (freeSets == sets.length) {
                sets = java.util.Arrays.copyOf(sets, freeSets * 2);
            }
            sets[freeSets++] = s;
        }
    }

    /** Binds a function's parameters to {@code args}, then runs its body into {@code s}. */
    private boolean bindArgs(List<Term> params, Value[] args, int i, Solution s) {
        // variables (most parameters) bind in a loop, as unifyValue would, without a continuation each
        Env env = s.env;
        int n = params.size();
        for (; i < n && params.get(i) instanceof Term.Var v; i++) {
            if (!env.bindOrMatch(v.name(), args[i])) {
                return false;
            }
        }
        if (i == n) {
            return ev.body(s.rule.body(), env, s);
        }
        int at = i;
        return ev.unifyValue(params.get(at), args[at], env, () -> bindArgs(params, args, at + 1, s));
    }
}

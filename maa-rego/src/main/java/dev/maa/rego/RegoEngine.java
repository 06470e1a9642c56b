package dev.maa.rego;

import dev.maa.rego.builtins.BuiltinRegistry;
import dev.maa.rego.internal.ast.Expr;
import dev.maa.rego.internal.ast.Module;
import dev.maa.rego.internal.ast.Term;
import dev.maa.rego.internal.compile.Compiler;
import dev.maa.rego.internal.compile.InputPaths;
import dev.maa.rego.internal.compile.RuleNode;
import dev.maa.rego.internal.parser.Parser;
import dev.maa.rego.value.ObjectValue;
import dev.maa.rego.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A compiled set of Rego modules plus a replaceable data document.
 *
 * <p>Build once with {@link #builder()}, {@link #prepare(String)} queries once, evaluate them
 * many times from any thread. {@link #replaceData(Object)} swaps the data atomically; running
 * evaluations keep the snapshot they started with.
 */
public final class RegoEngine {
    /** The data document and its revision, swapped as one. */
    record DataSnapshot(Value data, long revision) {}

    private final RuleNode root;
    private final BuiltinRegistry registry;
    private final EvalLimits limits;
    private final Consumer<String> printSink;
    private final boolean strict;
    private final AtomicReference<DataSnapshot> data;

    private RegoEngine(Builder b, RuleNode root) {
        this.root = root;
        this.registry = b.registry;
        this.limits = b.limits;
        this.printSink = b.printSink;
        this.strict = b.strict;
        this.data = new AtomicReference<>(new DataSnapshot(b.data, 1));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Parses and compiles a query such as {@code data.maa.decision} or {@code x = data.a[_]}. */
    public PreparedQuery prepare(String query) {
        List<Expr> parsed = new Parser("query", query).parseQuery();
        boolean captures = false;
        if (parsed.size() == 1
                && parsed.get(0).kind() instanceof Expr.TermExpr t
                && !parsed.get(0).negated()
                && !isRelation(t.term())) {
            Expr e = parsed.get(0);
            parsed = List.of(new Expr(
                    new Expr.Unify(new Term.Var(PreparedQuery.RESULT_VAR, e.loc()), t.term()),
                    false,
                    e.withs(),
                    e.loc()));
            captures = true;
        }
        Set<String> vars = new LinkedHashSet<>();
        collectVars(parsed, vars);
        Compiler.CompiledQuery body;
        try {
            body = new Compiler(registry).compileQueryAgainst(root, parsed);
        } catch (StackOverflowError e) {
            throw new RegoCompileException("rego_compile_error", Location.UNKNOWN, "query nests too deeply to compile");
        }
        Map<String, String> internal = new LinkedHashMap<>();
        for (String v : vars) {
            internal.put(v, body.renames().getOrDefault(v, v));
        }
        return new PreparedQuery(this, body.body(), internal, captures);
    }

    private static boolean isRelation(Term t) {
        if (!(t instanceof Term.Call c)) {
            return false;
        }
        return switch (c.name()) {
            case "equal", "neq", "lt", "gt", "lte", "gte", "internal.member_2", "internal.member_3" -> true;
            default -> false;
        };
    }

    private static void collectVars(List<Expr> body, Set<String> out) {
        for (Expr e : body) {
            Expr.Kind k = e.kind();
            if (k instanceof Expr.TermExpr t) {
                vars(t.term(), out);
            } else if (k instanceof Expr.Unify u) {
                vars(u.lhs(), out);
                vars(u.rhs(), out);
            } else if (k instanceof Expr.Assign a) {
                vars(a.lhs(), out);
                vars(a.rhs(), out);
            } else if (k instanceof Expr.SomeIn s) {
                if (s.key() != null) {
                    vars(s.key(), out);
                }
                vars(s.value(), out);
                vars(s.collection(), out);
            } else if (k instanceof Expr.SomeDecl s) {
                s.vars().forEach(v -> out.add(v.name()));
            }
        }
    }

    private static void vars(Term t, Set<String> out) {
        if (t instanceof Term.Var v) {
            if (!v.name().startsWith("$")
                    && !v.name().equals("data")
                    && !v.name().equals("input")) {
                out.add(v.name());
            }
        } else if (t instanceof Term.Ref r) {
            vars(r.head(), out);
            r.path().forEach(p -> vars(p, out));
        } else if (t instanceof Term.ArrayTerm a) {
            a.items().forEach(p -> vars(p, out));
        } else if (t instanceof Term.SetTerm s) {
            s.items().forEach(p -> vars(p, out));
        } else if (t instanceof Term.ObjectTerm o) {
            o.keys().forEach(p -> vars(p, out));
            o.values().forEach(p -> vars(p, out));
        } else if (t instanceof Term.Call c) {
            c.args().forEach(p -> vars(p, out));
        }
    }

    /**
     * What the compiled modules can read of {@code input}: the paths, or that it is read whole (see
     * {@link InputReads}). Computed from the rule tree on each call.
     */
    public InputReads inputReads() {
        return InputPaths.of(root);
    }

    /** Replaces the data document atomically; returns the new revision. */
    public long replaceData(Object newData) {
        Value v = toData(newData);
        while (true) {
            DataSnapshot cur = data.get();
            DataSnapshot next = new DataSnapshot(v, cur.revision() + 1);
            if (data.compareAndSet(cur, next)) {
                return next.revision();
            }
        }
    }

    /** The current data revision (1 after build, +1 per replace). */
    public long dataRevision() {
        return data.get().revision();
    }

    DataSnapshot snapshot() {
        return data.get();
    }

    RuleNode root() {
        return root;
    }

    BuiltinRegistry registry() {
        return registry;
    }

    EvalLimits limits() {
        return limits;
    }

    boolean strictBuiltinErrors() {
        return strict;
    }

    Consumer<String> printSink() {
        return printSink;
    }

    static Value toData(Object o) {
        if (o == null) {
            return ObjectValue.EMPTY;
        }
        Value v = Value.of(o);
        if (!(v instanceof ObjectValue)) {
            throw new IllegalArgumentException("data must be a JSON object, got " + v.typeName());
        }
        return v;
    }

    /** Builder; {@link #build()} parses and compiles every module. */
    public static final class Builder {
        private final Map<String, String> modules = new LinkedHashMap<>();
        private Value data = ObjectValue.EMPTY;
        private EvalLimits limits = EvalLimits.DEFAULT;
        private Consumer<String> printSink = s -> {};
        private boolean strict;
        private BuiltinRegistry registry = BuiltinRegistry.standard();

        private Builder() {}

        /** Adds a module; {@code name} appears in error locations. */
        public Builder module(String name, String source) {
            if (name == null || source == null) {
                throw new IllegalArgumentException("module name and source must not be null");
            }
            if (modules.putIfAbsent(name, source) != null) {
                throw new IllegalArgumentException("module " + name + " added twice; module names must be unique");
            }
            return this;
        }

        /** The data document: Map/List/.../JsonNode; must be an object. */
        public Builder data(Object d) {
            this.data = toData(d);
            return this;
        }

        public Builder limits(EvalLimits l) {
            if (l == null) {
                throw new IllegalArgumentException("limits must not be null");
            }
            this.limits = l;
            return this;
        }

        /** Receives {@code print(...)} output; default discards it. */
        public Builder printSink(Consumer<String> sink) {
            if (sink == null) {
                throw new IllegalArgumentException("printSink must not be null");
            }
            this.printSink = sink;
            return this;
        }

        /**
         * Raise builtin errors instead of treating the call as undefined (OPA's
         * {@code --strict-builtin-errors}). Default false, as in OPA.
         */
        public Builder strictBuiltinErrors(boolean s) {
            this.strict = s;
            return this;
        }

        /** Uses another builtin registry (default: {@link BuiltinRegistry#standard()}). */
        public Builder registry(BuiltinRegistry r) {
            this.registry = r;
            return this;
        }

        public RegoEngine build() {
            List<Module> parsed = new ArrayList<>();
            for (Map.Entry<String, String> e : modules.entrySet()) {
                parsed.add(new Parser(e.getKey(), e.getValue()).parseModule());
            }
            RuleNode root;
            try {
                root = new Compiler(registry).compile(parsed);
            } catch (StackOverflowError e) {
                throw new RegoCompileException(
                        "rego_compile_error", Location.UNKNOWN, "policy nests too deeply to compile");
            }
            return new RegoEngine(this, root);
        }
    }
}

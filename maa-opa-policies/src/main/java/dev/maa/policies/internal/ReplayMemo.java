package dev.maa.policies.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.maa.rego.InputReads;
import dev.maa.rego.RegoEngine;
import dev.maa.rego.RegoException;
import dev.maa.rego.builtins.Builtin;
import dev.maa.rego.builtins.BuiltinRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Remembers what a policy set decided for a recorded input, so a what-if replay evaluates once for all inputs that
 * agree on every part of {@code input} the policy can read (a decision log repeats the same caller, object and action
 * at other times, with other digests and arguments).
 *
 * <p>Why it cannot change an answer: an evaluation is a function of the data (fixed for the set) and of the parts of
 * the input its rules read, unless a builtin gives another answer at another moment. Both facts come from the engine
 * that evaluates them, never from a scan of the source: the memo is used only when the modules compile with the
 * deterministic builtins alone ({@link Builtin#deterministic()}, OPA's {@code nondeterministic} marks; the compiler
 * refuses a call to a name its registry lacks), and its key is the input cut to what the compiled rules read
 * ({@link RegoEngine#inputReads()}), the whole input when that cannot be bounded. At most {@link #MAX_ENTRIES}
 * answers are kept; past that, inputs are evaluated each time.
 *
 * @param <V> what is remembered (the outcome of one evaluation)
 */
public final class ReplayMemo<V> {

    /** How many answers a replay keeps (a log of distinct inputs then costs what it did without the memo). */
    public static final int MAX_ENTRIES = 200_000;

    private static volatile BuiltinRegistry deterministic;

    /** What the modules read of the input; {@code null} when the memo is off. */
    private final InputReads reads;

    private final Map<JsonNode, V> answers = new ConcurrentHashMap<>();

    private ReplayMemo(InputReads reads) {
        this.reads = reads;
    }

    /** The memo for {@code modules}: on when they are deterministic, keyed by the input paths they read. */
    public static <V> ReplayMemo<V> of(PolicyModules modules) {
        try {
            RegoEngine.Builder b =
                    RegoEngine.builder().registry(deterministicRegistry()).data(modules.data());
            modules.policies().forEach(b::module);
            return new ReplayMemo<>(b.build().inputReads());
        } catch (RegoException e) {
            return new ReplayMemo<>(null); // a nondeterministic builtin in reach (or no compile at all): evaluate each
        }
    }

    /** Whether answers are remembered at all. */
    public boolean enabled() {
        return reads != null;
    }

    /** The answer for {@code input}: remembered, or {@code compute}d (and remembered while there is room). */
    public V get(ObjectNode input, Function<ObjectNode, V> compute) {
        if (reads == null) {
            return compute.apply(input);
        }
        JsonNode key = key(input);
        V v = answers.get(key);
        if (v == null) {
            v = compute.apply(input);
            if (answers.size() < MAX_ENTRIES) {
                answers.putIfAbsent(key, v);
            }
        }
        return v;
    }

    /**
     * {@code input} cut to the paths the modules read: inputs with equal keys get equal decisions. Along each path
     * every object present is kept (empty if nothing below it is), so a part that exists and one that does not never
     * share a key; a value that is not an object is kept whole.
     */
    JsonNode key(ObjectNode input) {
        if (reads.whole()) {
            return input;
        }
        ObjectNode key = JsonNodeFactory.instance.objectNode();
        for (List<String> p : reads.paths()) {
            ObjectNode into = key;
            JsonNode from = input;
            for (int i = 0; i < p.size(); i++) {
                JsonNode v = from.get(p.get(i));
                if (v == null) {
                    break;
                }
                if (i == p.size() - 1 || !v.isObject()) {
                    into.set(p.get(i), v);
                    break;
                }
                into = into.get(p.get(i)) instanceof ObjectNode o ? o : into.putObject(p.get(i));
                from = v;
            }
        }
        return key;
    }

    private static BuiltinRegistry deterministicRegistry() {
        BuiltinRegistry r = deterministic;
        if (r == null) {
            r = new BuiltinRegistry();
            BuiltinRegistry standard = BuiltinRegistry.standard();
            for (String name : standard.names()) {
                Builtin b = standard.get(name);
                if (b.deterministic()) {
                    r.register(b.name(), b.arity(), b.function());
                }
            }
            deterministic = r;
        }
        return r;
    }
}

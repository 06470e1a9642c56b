package dev.maa.policies.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.maa.rego.RegoEngine;
import dev.maa.rego.RegoException;
import dev.maa.rego.builtins.Builtin;
import dev.maa.rego.builtins.BuiltinRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Remembers what a policy set decided for a recorded input, so a what-if replay evaluates once for all inputs that
 * agree on every part of {@code input} the policy can read (a decision log repeats the same caller, object and action
 * at other times, with other digests and arguments).
 *
 * <p>Why it cannot change an answer: an evaluation is a function of the data (fixed for the set) and of the input
 * paths the modules name, unless a builtin gives another answer at another moment ({@link #NONDETERMINISTIC}). So the
 * memo is used only when the modules compile without those builtins (the engine's own compiler proves it: it refuses
 * a call to a name its registry lacks), and its key is the input cut to the paths found by scanning every module's
 * source for the root {@code input} outside comments and strings. Any use of {@code input} other than
 * {@code input.a} or {@code input.a.b} (a bare {@code input}, {@code input[k]}, {@code import input}), and any template
 * string, keys by the whole input. At most {@link #MAX_ENTRIES} answers are kept; past that, inputs are evaluated each time.
 *
 * @param <V> what is remembered (the outcome of one evaluation)
 */
public final class ReplayMemo<V> {

    /** Builtins whose answer depends on the moment or on chance (OPA marks these nondeterministic, or reads the clock). */
    public static final Set<String> NONDETERMINISTIC = Set.of(
            "time.now_ns",
            "rand.intn",
            "uuid.rfc4122",
            "io.jwt.decode_verify",
            "http.send",
            "net.lookup_ip_addr",
            "opa.runtime");

    /** How many answers a replay keeps (a log of distinct inputs then costs what it did without the memo). */
    public static final int MAX_ENTRIES = 200_000;

    private static final String ROOT = "input";
    private static volatile BuiltinRegistry deterministic;

    /** The paths read, each one or two keys long; {@code null}: the whole input. */
    private final List<List<String>> paths;

    private final boolean enabled;
    private final Map<JsonNode, V> answers = new ConcurrentHashMap<>();

    private ReplayMemo(List<List<String>> paths, boolean enabled) {
        this.paths = paths;
        this.enabled = enabled;
    }

    /** The memo for {@code modules}: on when they are deterministic, keyed by the input paths they read. */
    public static <V> ReplayMemo<V> of(PolicyModules modules) {
        return new ReplayMemo<>(inputPaths(modules.policies().values()).orElse(null), deterministic(modules));
    }

    /** Whether answers are remembered at all. */
    public boolean enabled() {
        return enabled;
    }

    /** The answer for {@code input}: remembered, or {@code compute}d (and remembered while there is room). */
    public V get(ObjectNode input, Function<ObjectNode, V> compute) {
        if (!enabled) {
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

    /** {@code input} cut to the paths the modules read: inputs with equal keys get equal decisions. */
    JsonNode key(ObjectNode input) {
        if (paths == null) {
            return input;
        }
        ObjectNode key = JsonNodeFactory.instance.objectNode();
        for (List<String> p : paths) {
            JsonNode top = input.get(p.get(0));
            if (top == null) {
                continue;
            }
            if (p.size() == 1 || !top.isObject()) {
                key.set(p.get(0), top);
            } else if (!(key.get(p.get(0)) instanceof ObjectNode o && o == top)) {
                JsonNode inner = top.get(p.get(1));
                if (inner != null) {
                    JsonNode part = key.get(p.get(0));
                    ObjectNode into = part instanceof ObjectNode o ? o : key.putObject(p.get(0));
                    into.set(p.get(1), inner);
                }
            }
        }
        return key;
    }

    /**
     * The input paths {@code sources} name ({@code input.a} → [a], {@code input.a.b...} → [a, b]), shortest first so a
     * whole field is taken before its parts; empty if any names the input otherwise.
     */
    static Optional<List<List<String>>> inputPaths(Collection<String> sources) {
        Set<List<String>> found = new HashSet<>();
        for (String src : sources) {
            int n = src.length();
            int i = 0;
            while (i < n) {
                char c = src.charAt(i);
                if (c == '$' && i + 1 < n && (src.charAt(i + 1) == '"' || src.charAt(i + 1) == '`')) {
                    return Optional.empty(); // a template string holds code: not scanned, so the whole input
                } else if (c == '#') {
                    int eol = src.indexOf('\n', i);
                    i = eol < 0 ? n : eol + 1;
                } else if (c == '"') {
                    i++;
                    while (i < n && src.charAt(i) != '"') {
                        i += src.charAt(i) == '\\' ? 2 : 1;
                    }
                    i++;
                } else if (c == '`') {
                    int end = src.indexOf('`', i + 1);
                    i = end < 0 ? n : end + 1;
                } else if (Character.isLetterOrDigit(c) || c == '_') {
                    int start = i;
                    while (i < n && isWordPart(src.charAt(i))) {
                        i++;
                    }
                    if (i - start == ROOT.length() && src.startsWith(ROOT, start)) {
                        List<String> path = new ArrayList<>(2);
                        while (path.size() < 2 && i + 1 < n && src.charAt(i) == '.' && isWordStart(src.charAt(i + 1))) {
                            int from = ++i;
                            while (i < n && isWordPart(src.charAt(i))) {
                                i++;
                            }
                            path.add(src.substring(from, i));
                        }
                        if (path.isEmpty()) {
                            return Optional.empty();
                        }
                        found.add(List.copyOf(path));
                    }
                } else {
                    i++;
                }
            }
        }
        List<List<String>> sorted = new ArrayList<>(found);
        sorted.sort((a, b) ->
                a.size() != b.size() ? a.size() - b.size() : String.join(".", a).compareTo(String.join(".", b)));
        return Optional.of(sorted);
    }

    private static boolean isWordStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isWordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    /** Whether {@code modules} compile with no {@link #NONDETERMINISTIC} builtin in reach. */
    static boolean deterministic(PolicyModules modules) {
        try {
            RegoEngine.Builder b =
                    RegoEngine.builder().registry(deterministicRegistry()).data(modules.data());
            modules.policies().forEach(b::module);
            b.build();
            return true;
        } catch (RegoException e) {
            return false;
        }
    }

    private static BuiltinRegistry deterministicRegistry() {
        BuiltinRegistry r = deterministic;
        if (r == null) {
            r = new BuiltinRegistry();
            BuiltinRegistry standard = BuiltinRegistry.standard();
            for (String name : standard.names()) {
                if (!NONDETERMINISTIC.contains(name)) {
                    Builtin b = standard.get(name);
                    r.register(b.name(), b.arity(), b.function());
                }
            }
            deterministic = r;
        }
        return r;
    }
}

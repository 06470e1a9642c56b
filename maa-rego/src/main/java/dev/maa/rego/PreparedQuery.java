package dev.maa.rego;

import dev.maa.rego.internal.ast.Expr;
import dev.maa.rego.internal.interp.Env;
import dev.maa.rego.internal.interp.EvalState;
import dev.maa.rego.internal.interp.Evaluator;
import dev.maa.rego.value.Value;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed and compiled query, ready to evaluate many times. Thread-safe: every evaluation
 * has its own state; the engine's current data snapshot is read once per evaluation.
 */
public final class PreparedQuery {
    static final String RESULT_VAR = "$result";

    private final RegoEngine engine;
    private final List<Expr> body;
    private final Map<String, String> vars;
    private final boolean captures;

    PreparedQuery(RegoEngine engine, List<Expr> body, Map<String, String> vars, boolean captures) {
        this.engine = engine;
        this.body = body;
        this.vars = vars;
        this.captures = captures;
    }

    /** Evaluates with {@code input} (Java JSON-like value, JsonNode or Value; null = no input). */
    public QueryResult eval(Object input) {
        return evalValue(input == null ? null : Value.of(input));
    }

    /** Evaluates with a Rego value as input (null = no input). */
    public QueryResult evalValue(Value input) {
        RegoEngine.DataSnapshot snap = engine.snapshot();
        EvalState st = new EvalState(
                engine.root(),
                snap.data(),
                input,
                engine.registry(),
                engine.limits(),
                engine.strictBuiltinErrors(),
                engine.printSink());
        Evaluator ev = new Evaluator(st);
        Env env = new Env();
        List<Map<String, Value>> solutions = new ArrayList<>();
        Value[] first = {null};
        try {
            ev.body(body, env, () -> {
                Map<String, Value> b = new LinkedHashMap<>();
                for (Map.Entry<String, String> v : vars.entrySet()) {
                    Value x = env.get(v.getValue());
                    if (x != null) {
                        b.put(v.getKey(), x);
                    }
                }
                if (captures && first[0] == null) {
                    first[0] = env.get(RESULT_VAR);
                }
                solutions.add(Collections.unmodifiableMap(b));
                return false;
            });
        } catch (StackOverflowError e) {
            throw new RegoLimitExceededException(
                    Location.UNKNOWN, "evaluation exceeded the Java stack; the policy nests too deeply");
        }
        Value value = captures ? first[0] : solutions.isEmpty() ? null : dev.maa.rego.value.BooleanValue.TRUE;
        return new QueryResult(Collections.unmodifiableList(solutions), value);
    }

    /** Names of the query's variables, in order of appearance. */
    public List<String> variables() {
        return List.copyOf(vars.keySet());
    }
}

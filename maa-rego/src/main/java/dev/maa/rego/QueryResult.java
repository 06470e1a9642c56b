package dev.maa.rego;

import dev.maa.rego.value.Value;
import dev.maa.rego.value.Values;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The solutions of one query evaluation. Immutable.
 *
 * <p>For a query that is a single term (e.g. {@code data.maa.decision}), {@link #value()} is that
 * term's value in the first solution; for queries with variables use {@link #bindings()}.
 */
public final class QueryResult {
    private final List<Map<String, Value>> solutions;
    private final Value value;

    QueryResult(List<Map<String, Value>> solutions, Value value) {
        this.solutions = solutions;
        this.value = value;
    }

    /** Whether the query has at least one solution. */
    public boolean isDefined() {
        return !solutions.isEmpty();
    }

    /** The single term's value as plain Java (Map, List, Set, String, BigInteger/BigDecimal, Boolean, null). */
    public Object value() {
        return value == null ? null : Values.toJava(value);
    }

    /** The single term's value as a Rego value, or null when undefined. */
    public Value rawValue() {
        return value;
    }

    /** One map per solution: variable name → plain Java value. */
    public List<Map<String, Object>> bindings() {
        List<Map<String, Object>> out = new ArrayList<>(solutions.size());
        for (Map<String, Value> s : solutions) {
            Map<String, Object> m = new LinkedHashMap<>();
            s.forEach((k, v) -> m.put(k, Values.toJava(v)));
            out.add(Collections.unmodifiableMap(m));
        }
        return Collections.unmodifiableList(out);
    }

    /** One map per solution with Rego values. */
    public List<Map<String, Value>> rawBindings() {
        return solutions;
    }
}

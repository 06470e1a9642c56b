package dev.maa.rego;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.maa.rego.value.ArrayValue;
import dev.maa.rego.value.ObjectValue;
import dev.maa.rego.value.StringValue;
import dev.maa.rego.value.Value;
import dev.maa.rego.value.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One-off evaluation, as {@code opa eval} does it: modules + data + input + query in, result out. */
public final class RegoEval {
    private RegoEval() {}

    /**
     * Compiles {@code modules} (name → source), evaluates {@code query} once.
     *
     * @param dataJson JSON object text or null
     * @param inputJson JSON text or null for no input
     * @throws IllegalArgumentException if the JSON texts do not parse
     */
    public static QueryResult eval(Map<String, String> modules, String dataJson, String inputJson, String query) {
        RegoEngine.Builder b = RegoEngine.builder();
        modules.forEach(b::module);
        if (dataJson != null && !dataJson.isBlank()) {
            b.data(parse("data", dataJson));
        }
        Value input = inputJson == null || inputJson.isBlank() ? null : parse("input", inputJson);
        return b.build().prepare(query).evalValue(input);
    }

    /**
     * The result as JSON text: the value for a single-term query (or {@code undefined} when
     * there is none), else an array with one object of bindings per solution.
     */
    public static String toJson(QueryResult r, boolean singleTerm) {
        if (singleTerm) {
            return r.rawValue() == null ? "undefined" : r.rawValue().toJson();
        }
        List<Value> rows = new ArrayList<>();
        for (Map<String, Value> s : r.rawBindings()) {
            TreeMap<Value, Value> m = new TreeMap<>();
            s.forEach((k, v) -> m.put(new StringValue(k), v));
            rows.add(ObjectValue.of(m));
        }
        return ArrayValue.of(rows).toJson();
    }

    private static Value parse(String what, String json) {
        try {
            return Values.parseJson(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(what + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}

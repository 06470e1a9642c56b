package dev.maa.rego.builtins;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.maa.rego.value.ArrayValue;
import dev.maa.rego.value.BooleanValue;
import dev.maa.rego.value.Json;
import dev.maa.rego.value.ObjectValue;
import dev.maa.rego.value.SetValue;
import dev.maa.rego.value.StringValue;
import dev.maa.rego.value.Value;
import dev.maa.rego.value.Values;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code json.marshal, json.marshal_with_options, json.unmarshal, json.is_valid, yaml.marshal,
 * yaml.unmarshal, yaml.is_valid}.
 *
 * <p>Parse errors keep OPA's error code but carry the Java parser's description, not Go's.
 * YAML typing follows go-yaml v2 (see {@link GoYamlReader}).
 */
final class JsonBuiltins {
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonBuiltins() {}

    static void register(BuiltinRegistry r) {
        r.register("json.marshal", 1, (c, a) -> StringValue.of(a[0].toJson()));
        r.register("json.marshal_with_options", 2, (c, a) -> marshalWithOptions(a));
        r.register("json.unmarshal", 1, (c, a) -> unmarshal(Args.string("json.unmarshal", a, 0)));
        r.register("json.is_valid", 1, (c, a) -> BooleanValue.of(a[0] instanceof StringValue s && isValid(s.value())));
        r.register("yaml.marshal", 1, (c, a) -> StringValue.of(GoYaml.marshal(a[0])));
        r.register("yaml.unmarshal", 1, (c, a) -> yamlUnmarshal(Args.string("yaml.unmarshal", a, 0)));
        r.register(
                "yaml.is_valid", 1, (c, a) -> BooleanValue.of(a[0] instanceof StringValue s && yamlIsValid(s.value())));
    }

    private static JsonNode parse(String text) throws JsonProcessingException {
        JsonNode n = STRICT.readTree(text);
        if (n == null || n.isMissingNode()) {
            throw new IllegalArgumentException("unexpected end of JSON input");
        }
        return n;
    }

    static Value unmarshal(String text) {
        try {
            return Values.fromJson(parse(text));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw BuiltinError.of("json.unmarshal", firstLine(e));
        }
    }

    static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return false;
        }
    }

    private static String firstLine(Exception e) {
        String m = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        int nl = m == null ? -1 : m.indexOf('\n');
        return nl < 0 ? String.valueOf(m) : m.substring(0, nl);
    }

    static Value marshalWithOptions(Value[] a) {
        ObjectValue opts = Args.object("json.marshal_with_options", a, 1);
        String indent = "\t";
        String prefix = "";
        boolean implicitPretty = false;
        Boolean explicitPretty = null;
        for (int i = 0; i < opts.size(); i++) {
            Value k = opts.keyAt(i);
            Value v = opts.valueAt(i);
            if (!(k instanceof StringValue ks)) {
                throw OpaOperands.operandError(
                        "json.marshal_with_options",
                        2,
                        "failed to stringify key " + k.toRego() + " at index " + i + ": operand " + i
                                + " must be string but got " + k.typeName());
            }
            switch (ks.value()) {
                case "prefix", "indent" -> {
                    if (!(v instanceof StringValue vs)) {
                        throw OpaOperands.operandError(
                                "json.marshal_with_options",
                                2,
                                "key " + ks.value() + " failed cast to string: operand " + i
                                        + " must be string but got " + v.typeName());
                    }
                    if (ks.value().equals("prefix")) {
                        prefix = vs.value();
                    } else {
                        indent = vs.value();
                    }
                    implicitPretty = true;
                }
                case "pretty" -> {
                    if (!(v instanceof BooleanValue b)) {
                        throw OpaOperands.operandError(
                                "json.marshal_with_options", 2, "key pretty failed cast to bool");
                    }
                    explicitPretty = b.value();
                }
                default ->
                    throw OpaOperands.operandError(
                            "json.marshal_with_options", 2, "object contained unknown key " + ks.value());
            }
        }
        boolean pretty = explicitPretty != null ? explicitPretty : implicitPretty;
        if (!pretty) {
            return StringValue.of(a[0].toJson());
        }
        StringBuilder sb = new StringBuilder(prefix);
        indented(sb, a[0], prefix, indent, 0);
        return StringValue.of(sb.toString());
    }

    /** Go's {@code json.MarshalIndent}: one member per line, {@code "k": v}, empty containers inline. */
    private static void indented(StringBuilder sb, Value v, String prefix, String indent, int depth) {
        List<Value> items = v instanceof ArrayValue arr ? arr.items() : v instanceof SetValue s ? s.items() : null;
        if (items != null) {
            if (items.isEmpty()) {
                sb.append("[]");
                return;
            }
            sb.append('[');
            for (int i = 0; i < items.size(); i++) {
                newline(sb, prefix, indent, depth + 1);
                indented(sb, items.get(i), prefix, indent, depth + 1);
                if (i + 1 < items.size()) {
                    sb.append(',');
                }
            }
            newline(sb, prefix, indent, depth);
            sb.append(']');
        } else if (v instanceof ObjectValue o) {
            if (o.size() == 0) {
                sb.append("{}");
                return;
            }
            TreeMap<String, Value> sorted = new TreeMap<>();
            for (int i = 0; i < o.size(); i++) {
                Value k = o.keyAt(i);
                sorted.put(k instanceof StringValue s ? s.value() : k.toJson(), o.valueAt(i));
            }
            sb.append('{');
            int i = 0;
            for (Map.Entry<String, Value> e : sorted.entrySet()) {
                newline(sb, prefix, indent, depth + 1);
                Json.quote(sb, e.getKey());
                sb.append(": ");
                indented(sb, e.getValue(), prefix, indent, depth + 1);
                if (++i < sorted.size()) {
                    sb.append(',');
                }
            }
            newline(sb, prefix, indent, depth);
            sb.append('}');
        } else {
            sb.append(v.toJson());
        }
    }

    private static void newline(StringBuilder sb, String prefix, String indent, int depth) {
        sb.append('\n').append(prefix);
        for (int i = 0; i < depth; i++) {
            sb.append(indent);
        }
    }

    static Value yamlUnmarshal(String text) {
        try {
            return GoYamlReader.read(text);
        } catch (GoYamlReader.YamlFailure e) {
            throw BuiltinError.of("yaml.unmarshal", "error converting YAML to JSON: " + e.getMessage());
        }
    }

    static boolean yamlIsValid(String text) {
        try {
            GoYamlReader.read(text);
            return true;
        } catch (GoYamlReader.YamlFailure e) {
            return false;
        }
    }
}

package dev.maa.rego.value;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Conversions between {@link Value} and plain Java / Jackson values. */
public final class Values {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

    private Values() {}

    /**
     * Converts Map/List/Set/array/String/Number/Boolean/null/JsonNode/Value to a Value.
     *
     * @throws IllegalArgumentException for any other type
     */
    public static Value fromJava(Object o) {
        if (o == null) {
            return NullValue.INSTANCE;
        }
        if (o instanceof Value v) {
            return v;
        }
        if (o instanceof JsonNode n) {
            return fromJson(n);
        }
        if (o instanceof String s) {
            return new StringValue(s);
        }
        if (o instanceof Boolean b) {
            return BooleanValue.of(b);
        }
        if (o instanceof BigDecimal d) {
            return NumberValue.of(d);
        }
        if (o instanceof BigInteger i) {
            return NumberValue.of(i);
        }
        if (o instanceof Integer || o instanceof Long || o instanceof Short || o instanceof Byte) {
            return NumberValue.of(((Number) o).longValue());
        }
        if (o instanceof Number n) {
            NumberValue nv = NumberValue.ofDouble(n.doubleValue());
            if (nv == null) {
                throw new IllegalArgumentException("not a finite number: " + n);
            }
            return nv;
        }
        if (o instanceof Character c) {
            return new StringValue(c.toString());
        }
        if (o instanceof Map<?, ?> m) {
            if (m.size() > 32) {
                TreeMap<Value, Value> out = new TreeMap<>();
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    out.put(fromJava(e.getKey()), fromJava(e.getValue()));
                }
                return ObjectValue.of(out);
            }
            // small maps (every policy input): insertion-sorted arrays, no TreeMap
            Value[] k = new Value[m.size()];
            Value[] v = new Value[k.length];
            int i = 0;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                k[i] = fromJava(e.getKey());
                v[i++] = fromJava(e.getValue());
            }
            return ObjectValue.ofEntries(k, v);
        }
        if (o instanceof Set<?> s) {
            List<Value> out = new ArrayList<>(s.size());
            for (Object e : s) {
                out.add(fromJava(e));
            }
            return SetValue.of(out);
        }
        if (o instanceof Collection<?> c) {
            Value[] out = new Value[c.size()];
            int i = 0;
            for (Object e : c) {
                out[i++] = fromJava(e);
            }
            return ArrayValue.wrap(out);
        }
        if (o instanceof Object[] arr) {
            return fromJava(List.of(arr));
        }
        throw new IllegalArgumentException("cannot convert " + o.getClass().getName() + " to a Rego value");
    }

    /** Converts a Jackson tree to a Value. */
    public static Value fromJson(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return NullValue.INSTANCE;
        }
        if (n.isTextual()) {
            return new StringValue(n.textValue());
        }
        if (n.isBoolean()) {
            return BooleanValue.of(n.booleanValue());
        }
        if (n.isIntegralNumber()) {
            return NumberValue.of(n.bigIntegerValue());
        }
        if (n.isNumber()) {
            return NumberValue.of(n.decimalValue());
        }
        if (n.isArray()) {
            Value[] out = new Value[n.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = fromJson(n.get(i));
            }
            return ArrayValue.wrap(out);
        }
        if (n.isObject()) {
            TreeMap<Value, Value> out = new TreeMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = n.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                out.put(new StringValue(e.getKey()), fromJson(e.getValue()));
            }
            return ObjectValue.of(out);
        }
        throw new IllegalArgumentException("unsupported JSON node " + n.getNodeType());
    }

    /** Parses JSON text (numbers kept exact). */
    public static Value parseJson(String text) throws com.fasterxml.jackson.core.JsonProcessingException {
        return fromJson(MAPPER.readTree(text));
    }

    /**
     * Converts to plain Java: Map (sorted, String keys for string keys, otherwise JSON text),
     * List, Set (for sets), String, BigInteger (integers) or BigDecimal, Boolean, null.
     */
    public static Object toJava(Value v) {
        if (v instanceof NullValue) {
            return null;
        } else if (v instanceof BooleanValue b) {
            return b.value();
        } else if (v instanceof NumberValue n) {
            return n.isInteger() ? n.bigInteger() : n.decimal().stripTrailingZeros();
        } else if (v instanceof StringValue s) {
            return s.value();
        } else if (v instanceof ArrayValue a) {
            List<Object> out = new ArrayList<>(a.size());
            for (int i = 0; i < a.size(); i++) {
                out.add(toJava(a.get(i)));
            }
            return java.util.Collections.unmodifiableList(out);
        } else if (v instanceof SetValue s) {
            Set<Object> out = new LinkedHashSet<>();
            for (Value e : s.items()) {
                out.add(toJava(e));
            }
            return java.util.Collections.unmodifiableSet(out);
        }
        ObjectValue o = (ObjectValue) v;
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < o.size(); i++) {
            Value k = o.keyAt(i);
            out.put(k instanceof StringValue s ? s.value() : k.toJson(), toJava(o.valueAt(i)));
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    /** Converts to a Jackson tree (sets become arrays, non-string keys their JSON text). */
    public static JsonNode toJsonNode(Value v) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (v instanceof NullValue) {
            return f.nullNode();
        } else if (v instanceof BooleanValue b) {
            return f.booleanNode(b.value());
        } else if (v instanceof NumberValue n) {
            return n.isInteger() ? f.numberNode(n.bigInteger()) : f.numberNode(n.decimal());
        } else if (v instanceof StringValue s) {
            return f.textNode(s.value());
        } else if (v instanceof ArrayValue a) {
            ArrayNode out = f.arrayNode();
            a.items().forEach(e -> out.add(toJsonNode(e)));
            return out;
        } else if (v instanceof SetValue s) {
            ArrayNode out = f.arrayNode();
            s.items().forEach(e -> out.add(toJsonNode(e)));
            return out;
        }
        ObjectValue o = (ObjectValue) v;
        ObjectNode out = f.objectNode();
        for (int i = 0; i < o.size(); i++) {
            Value k = o.keyAt(i);
            out.set(k instanceof StringValue s ? s.value() : k.toJson(), toJsonNode(o.valueAt(i)));
        }
        return out;
    }
}

package dev.maa.rego.builtins;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.maa.rego.value.ArrayValue;
import dev.maa.rego.value.BooleanValue;
import dev.maa.rego.value.NullValue;
import dev.maa.rego.value.NumberValue;
import dev.maa.rego.value.ObjectValue;
import dev.maa.rego.value.SetValue;
import dev.maa.rego.value.StringValue;
import dev.maa.rego.value.Value;
import dev.maa.rego.value.Values;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code json.verify_schema} and {@code json.match_schema} for the JSON Schema keywords policies
 * use (types, properties, required, additionalProperties, items, enum, const, bounds, lengths,
 * pattern, uniqueItems, allOf/anyOf/oneOf/not), with gojsonschema's error texts and types as OPA
 * returns them. A schema using any other validation keyword ({@code $ref}, {@code format},
 * {@code if}, ...) is refused with an error naming it rather than half-checked.
 */
final class JsonSchemaBuiltins {
    private static final Set<String> TYPES =
            Set.of("array", "boolean", "integer", "number", "null", "object", "string");
    private static final Set<String> ANNOTATIONS = Set.of(
            "$schema",
            "$id",
            "id",
            "title",
            "description",
            "default",
            "examples",
            "definitions",
            "$comment",
            "readOnly",
            "writeOnly");

    private JsonSchemaBuiltins() {}

    static void register(BuiltinRegistry r) {
        r.register("json.verify_schema", 1, (c, a) -> {
            try {
                check(load(a[0]));
                return ArrayValue.of(BooleanValue.TRUE, NullValue.INSTANCE);
            } catch (IllegalArgumentException e) {
                return ArrayValue.of(BooleanValue.FALSE, StringValue.of("jsonschema: " + e.getMessage()));
            }
        });
        r.register("json.match_schema", 2, (c, a) -> {
            try {
                Value doc = load(a[0]);
                Value schema = load(a[1]);
                check(schema);
                List<Value> errors = new ArrayList<>();
                validate(schema, doc, "(root)", errors);
                return ArrayValue.of(BooleanValue.of(errors.isEmpty()), ArrayValue.of(errors));
            } catch (IllegalArgumentException e) {
                throw BuiltinError.of("json.match_schema", e.getMessage());
            }
        });
    }

    private static Value load(Value v) {
        if (v instanceof StringValue s) {
            try {
                return Values.parseJson(s.value());
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("invalid JSON string");
            }
        }
        if (v instanceof ObjectValue || v instanceof ArrayValue) {
            return v;
        }
        throw new IllegalArgumentException("wrong type, expected string or object");
    }

    /** Schema errors, as gojsonschema compiles them; unsupported keywords are refused. */
    private static void check(Value schema) {
        if (schema instanceof BooleanValue) {
            return;
        }
        if (!(schema instanceof ObjectValue o)) {
            throw new IllegalArgumentException("Invalid JSON, expecting an object or a boolean");
        }
        for (int i = 0; i < o.size(); i++) {
            String key = ((StringValue) o.keyAt(i)).value();
            Value v = o.valueAt(i);
            switch (key) {
                case "type" -> {
                    for (Value t : v instanceof ArrayValue arr ? arr.items() : List.of(v)) {
                        if (!(t instanceof StringValue ts) || !TYPES.contains(ts.value())) {
                            throw new IllegalArgumentException("has a primitive type that is NOT VALID -- given: /"
                                    + (t instanceof StringValue ts2 ? ts2.value() : t.toString())
                                    + "/ Expected valid values are:[array boolean integer number null object string]");
                        }
                    }
                }
                case "properties" -> ((ObjectValue) object(key, v)).values().forEach(JsonSchemaBuiltins::check);
                case "items", "additionalProperties", "not" -> {
                    for (Value s : v instanceof ArrayValue arr ? arr.items() : List.of(v)) {
                        check(s);
                    }
                }
                case "allOf", "anyOf", "oneOf" -> {
                    if (!(v instanceof ArrayValue arr) || arr.size() == 0) {
                        throw new IllegalArgumentException(key + " must be a non-empty array");
                    }
                    arr.items().forEach(JsonSchemaBuiltins::check);
                }
                case "pattern" -> {
                    try {
                        Pattern.compile(((StringValue) v).value());
                    } catch (PatternSyntaxException | ClassCastException e) {
                        throw new IllegalArgumentException("Invalid regex pattern '" + v + "'");
                    }
                }
                case "required",
                        "enum",
                        "const",
                        "minimum",
                        "maximum",
                        "exclusiveMinimum",
                        "exclusiveMaximum",
                        "minLength",
                        "maxLength",
                        "minItems",
                        "maxItems",
                        "uniqueItems",
                        "minProperties",
                        "maxProperties",
                        "multipleOf" -> {}
                default -> {
                    if (!ANNOTATIONS.contains(key)) {
                        throw new IllegalArgumentException(
                                "schema keyword \"" + key + "\" is not supported by this engine;"
                                        + " use the keywords listed in the json.match_schema documentation");
                    }
                }
            }
        }
    }

    private static Value object(String key, Value v) {
        if (!(v instanceof ObjectValue)) {
            throw new IllegalArgumentException(key + " must be an object");
        }
        return v;
    }

    private static void error(List<Value> errors, String field, String type, String desc) {
        Map<String, Value> e = new LinkedHashMap<>();
        e.put("error", StringValue.of(field + ": " + desc));
        e.put("type", StringValue.of(type));
        e.put("field", StringValue.of(field));
        e.put("desc", StringValue.of(desc));
        errors.add(ObjectValue.ofStrings(e));
    }

    private static String child(String field, String name) {
        return field.equals("(root)") ? name : field + "." + name;
    }

    private static String typeOf(Value v) {
        if (v instanceof NumberValue n) {
            return n.decimal().stripTrailingZeros().scale() <= 0 ? "integer" : "number";
        }
        return v instanceof ObjectValue
                ? "object"
                : v instanceof ArrayValue || v instanceof SetValue ? "array" : v.typeName();
    }

    private static boolean hasType(Value v, String type) {
        String actual = typeOf(v);
        return actual.equals(type) || (type.equals("number") && actual.equals("integer"));
    }

    private static BigDecimal num(Value v) {
        return ((NumberValue) v).decimal();
    }

    private static String show(Value v) {
        return v instanceof NumberValue n ? n.text() : v.toJson();
    }

    static void validate(Value schema, Value doc, String field, List<Value> errors) {
        if (schema instanceof BooleanValue b) {
            if (!b.value()) {
                error(errors, field, "false", "False always fails validation");
            }
            return;
        }
        ObjectValue s = (ObjectValue) schema;
        Value type = s.get("type");
        if (type != null) {
            List<String> types = new ArrayList<>();
            for (Value t : type instanceof ArrayValue arr ? arr.items() : List.of(type)) {
                types.add(((StringValue) t).value());
            }
            if (types.stream().noneMatch(t -> hasType(doc, t))) {
                error(
                        errors,
                        field,
                        "invalid_type",
                        "Invalid type. Expected: " + String.join("/", types) + ", given: " + typeOf(doc));
                return;
            }
        }
        Value en = s.get("enum");
        if (en instanceof ArrayValue allowed && !allowed.items().contains(doc)) {
            error(
                    errors,
                    field,
                    "enum",
                    field + " must be one of the following: "
                            + String.join(
                                    ", ",
                                    allowed.items().stream()
                                            .map(JsonSchemaBuiltins::show)
                                            .toList()));
        }
        Value konst = s.get("const");
        if (konst != null && !konst.equals(doc)) {
            error(errors, field, "const", field + " does not match: " + show(konst));
        }
        for (String k : List.of("allOf", "anyOf", "oneOf")) {
            if (s.get(k) instanceof ArrayValue subs) {
                int ok = 0;
                for (Value sub : subs.items()) {
                    List<Value> local = new ArrayList<>();
                    validate(sub, doc, field, local);
                    ok += local.isEmpty() ? 1 : 0;
                }
                if (k.equals("allOf") && ok < subs.size()) {
                    error(errors, field, "number_all_of", "Must validate all the schemas (allOf)");
                } else if (k.equals("anyOf") && ok == 0) {
                    error(errors, field, "number_any_of", "Must validate at least one schema (anyOf)");
                } else if (k.equals("oneOf") && ok != 1) {
                    error(errors, field, "number_one_of", "Must validate one and only one schema (oneOf)");
                }
            }
        }
        if (s.get("not") != null) {
            List<Value> local = new ArrayList<>();
            validate(s.get("not"), doc, field, local);
            if (local.isEmpty()) {
                error(errors, field, "number_not", "Must not validate the schema (not)");
            }
        }
        if (doc instanceof NumberValue) {
            numeric(s, doc, field, errors);
        } else if (doc instanceof StringValue str) {
            int len = str.value().codePointCount(0, str.value().length());
            if (s.get("minLength") instanceof NumberValue min
                    && len < min.decimal().intValue()) {
                error(errors, field, "string_gte", "String length must be greater than or equal to " + min.text());
            }
            if (s.get("maxLength") instanceof NumberValue max
                    && len > max.decimal().intValue()) {
                error(errors, field, "string_lte", "String length must be less than or equal to " + max.text());
            }
            if (s.get("pattern") instanceof StringValue p
                    && !Pattern.compile(p.value()).matcher(str.value()).find()) {
                error(errors, field, "pattern", "Does not match pattern '" + p.value() + "'");
            }
        } else if (doc instanceof ArrayValue arr) {
            array(s, arr, field, errors);
        } else if (doc instanceof ObjectValue obj) {
            object(s, obj, field, errors);
        }
    }

    private static void numeric(ObjectValue s, Value doc, String field, List<Value> errors) {
        BigDecimal n = num(doc);
        Value min = s.get("minimum");
        Value max = s.get("maximum");
        Value exMin = s.get("exclusiveMinimum");
        Value exMax = s.get("exclusiveMaximum");
        if (min instanceof NumberValue m) {
            boolean exclusive = exMin instanceof BooleanValue b && b.value();
            if (exclusive ? n.compareTo(num(m)) <= 0 : n.compareTo(num(m)) < 0) {
                error(
                        errors,
                        field,
                        exclusive ? "number_gt" : "number_gte",
                        "Must be greater than " + (exclusive ? "" : "or equal to ") + m.text());
            }
        }
        if (exMin instanceof NumberValue m && n.compareTo(num(m)) <= 0) {
            error(errors, field, "number_gt", "Must be greater than " + m.text());
        }
        if (max instanceof NumberValue m) {
            boolean exclusive = exMax instanceof BooleanValue b && b.value();
            if (exclusive ? n.compareTo(num(m)) >= 0 : n.compareTo(num(m)) > 0) {
                error(
                        errors,
                        field,
                        exclusive ? "number_lt" : "number_lte",
                        "Must be less than " + (exclusive ? "" : "or equal to ") + m.text());
            }
        }
        if (exMax instanceof NumberValue m && n.compareTo(num(m)) >= 0) {
            error(errors, field, "number_lt", "Must be less than " + m.text());
        }
        if (s.get("multipleOf") instanceof NumberValue m
                && m.decimal().signum() != 0
                && n.remainder(num(m)).signum() != 0) {
            error(errors, field, "multiple_of", "Must be a multiple of " + m.text());
        }
    }

    private static void array(ObjectValue s, ArrayValue arr, String field, List<Value> errors) {
        if (s.get("minItems") instanceof NumberValue m
                && arr.size() < m.decimal().intValue()) {
            error(errors, field, "array_min_items", "Array must have at least " + m.text() + " items");
        }
        if (s.get("maxItems") instanceof NumberValue m
                && arr.size() > m.decimal().intValue()) {
            error(errors, field, "array_max_items", "Array must have at most " + m.text() + " items");
        }
        if (s.get("uniqueItems") instanceof BooleanValue u && u.value()) {
            outer:
            for (int i = 0; i < arr.size(); i++) {
                for (int j = i + 1; j < arr.size(); j++) {
                    if (arr.get(i).equals(arr.get(j))) {
                        error(errors, field, "unique", "array items[" + i + "," + j + "] must be unique");
                        break outer;
                    }
                }
            }
        }
        Value items = s.get("items");
        for (int i = 0; items != null && i < arr.size(); i++) {
            Value sub = items instanceof ArrayValue tuple ? (i < tuple.size() ? tuple.get(i) : null) : items;
            if (sub != null) {
                validate(sub, arr.get(i), child(field, Integer.toString(i)), errors);
            }
        }
    }

    private static void object(ObjectValue s, ObjectValue obj, String field, List<Value> errors) {
        if (s.get("required") instanceof ArrayValue req) {
            for (Value r : req.items()) {
                if (obj.get(r) == null) {
                    error(errors, field, "required", show(r).replace("\"", "") + " is required");
                }
            }
        }
        if (s.get("minProperties") instanceof NumberValue m
                && obj.size() < m.decimal().intValue()) {
            error(errors, field, "array_min_properties", "Must have at least " + m.text() + " properties");
        }
        if (s.get("maxProperties") instanceof NumberValue m
                && obj.size() > m.decimal().intValue()) {
            error(errors, field, "array_max_properties", "Must have at most " + m.text() + " properties");
        }
        ObjectValue props = s.get("properties") instanceof ObjectValue p ? p : ObjectValue.EMPTY;
        Value additional = s.get("additionalProperties");
        for (int i = 0; i < obj.size(); i++) {
            Value key = obj.keyAt(i);
            String name = key instanceof StringValue ks ? ks.value() : key.toString();
            Value sub = props.get(key);
            if (sub != null) {
                validate(sub, obj.valueAt(i), child(field, name), errors);
            } else if (additional instanceof BooleanValue b && !b.value()) {
                error(
                        errors,
                        field,
                        "additional_property_not_allowed",
                        "Additional property " + name + " is not allowed");
            } else if (additional instanceof ObjectValue) {
                validate(additional, obj.valueAt(i), child(field, name), errors);
            }
        }
    }
}

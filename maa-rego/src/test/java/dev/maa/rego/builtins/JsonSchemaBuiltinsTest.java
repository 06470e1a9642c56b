package dev.maa.rego.builtins;

import static dev.maa.rego.builtins.BuiltinCalls.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.rego.value.ArrayValue;
import dev.maa.rego.value.ObjectValue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonSchemaBuiltinsTest {
    private static final Map<String, Object> SCHEMA = Map.of(
            "type",
            "object",
            "required",
            List.of("id"),
            "additionalProperties",
            false,
            "properties",
            Map.of(
                    "id",
                    Map.of("type", "integer", "minimum", 1),
                    "tags",
                    Map.of("type", "array", "items", Map.of("type", "string"))));

    @Test
    void matchSchema_reportsEachViolationAsGojsonschemaDoes() {
        ArrayValue r = (ArrayValue) call("json.match_schema", Map.of("tags", List.of("a", 2), "x", 1), SCHEMA);
        assertThat(r.get(0)).isEqualTo(dev.maa.rego.value.BooleanValue.FALSE);
        List<String> errors = ((ArrayValue) r.get(1))
                .items().stream()
                        .map(e -> ((ObjectValue) e).get("error").toString())
                        .toList();
        assertThat(errors)
                .containsExactlyInAnyOrder(
                        "\"(root): id is required\"",
                        "\"tags.1: Invalid type. Expected: string, given: integer\"",
                        "\"(root): Additional property x is not allowed\"");
        assertThat(((ArrayValue) call("json.match_schema", Map.of("id", 3), SCHEMA)).get(0))
                .isEqualTo(dev.maa.rego.value.BooleanValue.TRUE);
    }

    @Test
    void unsupportedKeyword_isRefusedNotIgnored() {
        assertThatThrownBy(() -> call("json.match_schema", Map.of(), Map.of("$ref", "#/definitions/a")))
                .isInstanceOf(BuiltinError.class)
                .hasMessageContaining("schema keyword \"$ref\" is not supported");
        ArrayValue verified = (ArrayValue) call("json.verify_schema", Map.of("format", "email"));
        assertThat(((dev.maa.rego.value.StringValue) verified.get(1)).value()).contains("\"format\" is not supported");
    }
}

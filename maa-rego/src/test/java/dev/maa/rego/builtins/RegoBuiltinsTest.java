package dev.maa.rego.builtins;

import static dev.maa.rego.builtins.BuiltinCalls.assertBuiltinError;
import static dev.maa.rego.builtins.BuiltinCalls.call;
import static dev.maa.rego.builtins.BuiltinCalls.v;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.rego.RegoUnsupportedException;
import dev.maa.rego.value.Values;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegoBuiltinsTest {

    @Test
    void parseModule_parseError_isOpasErrorInOpasWords() {
        assertBuiltinError(
                "rego.parse_module: x.rego:1: rego_parse_error: unexpected eof token: expected ident",
                "rego.parse_module",
                "x.rego",
                "package foo.");
        assertBuiltinError(
                "rego.parse_module: x.rego:1: rego_parse_error: unexpected string token: expected ident",
                "rego.parse_module",
                "x.rego",
                "package foo.\"bar\"");
    }

    @Test
    void parseModule_emptyModule_isOpasEmptyModuleError() {
        // OPA's parseModule: NewError(ParseErr, &Location{File: filename}, "empty module"), row 0
        assertBuiltinError(
                "rego.parse_module: x.rego:0: rego_parse_error: empty module",
                "rego.parse_module",
                "x.rego",
                "# only\n");
    }

    @Test
    void parseModule_ofAValidModule_isOpasAstJson() throws Exception {
        // the rule's JSON is OPA's expectation in v1/ast/marshal_test.go (TestRule_MarshalJSON)
        assertThat(call("rego.parse_module", "x.rego", "package foo\nallow if { true }"))
                .isEqualTo(Values.parseJson("{\"package\":{\"path\":[{\"type\":\"var\",\"value\":\"data\"},"
                        + "{\"type\":\"string\",\"value\":\"foo\"}]},\"rules\":[{\"body\":[{\"index\":0,\"terms\":"
                        + "{\"type\":\"boolean\",\"value\":true}}],\"head\":{\"name\":\"allow\",\"value\":{\"type\":"
                        + "\"boolean\",\"value\":true},\"ref\":[{\"type\":\"var\",\"value\":\"allow\"}]}}]}"));
    }

    @Test
    void parseModule_ofAConstructWithoutOpasTree_isRefusedNamingIt() {
        assertThatThrownBy(() -> call("rego.parse_module", "x.rego", "package foo\np := $\"{input.x}\""))
                .isInstanceOf(RegoUnsupportedException.class)
                .hasMessageContaining("template strings");
    }

    @Test
    void metadataCalls_outsideARule_areEmpty() {
        assertThat(call("rego.metadata.chain")).isEqualTo(v(List.of()));
        assertThat(call("rego.metadata.rule")).isEqualTo(v(Map.of()));
    }
}

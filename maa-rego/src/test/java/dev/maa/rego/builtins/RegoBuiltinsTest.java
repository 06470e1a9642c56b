package dev.maa.rego.builtins;

import static dev.maa.rego.builtins.BuiltinCalls.assertBuiltinError;
import static dev.maa.rego.builtins.BuiltinCalls.call;
import static dev.maa.rego.builtins.BuiltinCalls.v;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.rego.RegoUnsupportedException;
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
    void parseModule_ofAValidModule_isRefusedNotAnsweredInAnotherShape() {
        assertThatThrownBy(() -> call("rego.parse_module", "x.rego", "package foo\np := 1"))
                .isInstanceOf(RegoUnsupportedException.class)
                .hasMessageContaining("OPA's JSON form of its AST");
    }

    @Test
    void metadataCalls_outsideARule_areEmpty() {
        assertThat(call("rego.metadata.chain")).isEqualTo(v(List.of()));
        assertThat(call("rego.metadata.rule")).isEqualTo(v(Map.of()));
    }
}

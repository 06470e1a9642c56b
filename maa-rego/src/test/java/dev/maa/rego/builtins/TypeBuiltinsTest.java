package dev.maa.rego.builtins;

import static dev.maa.rego.builtins.BuiltinCalls.assertBuiltinError;
import static dev.maa.rego.builtins.BuiltinCalls.assertTypeError;
import static dev.maa.rego.builtins.BuiltinCalls.call;
import static dev.maa.rego.builtins.BuiltinCalls.num;
import static dev.maa.rego.builtins.BuiltinCalls.v;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TypeBuiltinsTest {
    @Test
    void isChecks_answerFalseRatherThanUndefined() {
        assertThat(call("is_number", "1")).isEqualTo(v(false));
        assertThat(call("is_set", Set.of(1))).isEqualTo(v(true));
        assertThat(call("is_array", Set.of(1))).isEqualTo(v(false));
        assertThat(call("is_null", (Object) null)).isEqualTo(v(true));
    }

    @Test
    void typeName_namesEveryType() {
        assertThat(call("type_name", List.of())).isEqualTo(v("array"));
        assertThat(call("type_name", Set.of())).isEqualTo(v("set"));
        assertThat(call("type_name", true)).isEqualTo(v("boolean"));
    }

    @Test
    void toNumber_convertsScalars() {
        assertThat(call("to_number", "3")).isEqualTo(v(3));
        assertThat(call("to_number", "-1.5e2")).isEqualTo(num("-150"));
        assertThat(call("to_number", "+.5")).isEqualTo(num("0.5"));
        assertThat(call("to_number", true)).isEqualTo(v(1));
        assertThat(call("to_number", (Object) null)).isEqualTo(v(0));
    }

    @Test
    void toNumber_badSyntax_isBuiltinError() {
        assertBuiltinError("to_number: strconv.ParseFloat: parsing \"broken\": invalid syntax", "to_number", "broken");
        assertBuiltinError(
                "to_number: strconv.ParseFloat: parsing \"1e400\": value out of range", "to_number", "1e400");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nan", "inf", "-inf", "Infinity", "-Infinity", "-nan", "-NaN", "iNf"})
    void toNumber_nonFinite_isTypeError(String s) {
        assertTypeError("to_number: operand 1 must be valid number string but got string", "to_number", s);
    }

    @Test
    void toNumber_ofArray_isTypeError() {
        assertTypeError(
                "to_number: operand 1 must be one of {null, boolean, number, string} but got array",
                "to_number",
                List.of());
    }
}

package dev.maa.rego.builtins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maa.rego.value.NumberValue;
import dev.maa.rego.value.Value;
import org.junit.jupiter.api.Test;

class OperatorBuiltinsTest {
    private static String call(String name, String x, String y) {
        Value v = BuiltinRegistry.standard().get(name).function().apply(BuiltinContext.simple(), new Value[] {
            NumberValue.parse(x), NumberValue.parse(y)
        });
        return ((NumberValue) v).text();
    }

    @Test
    void nonIntegerArithmetic_followsOpaBigFloat64() {
        assertThat(call("minus", "0.3", "0.1")).isEqualTo("0.20000000000000000002");
        assertThat(call("div", "1", "3")).isEqualTo("0.33333333333333333334");
        assertThat(call("plus", "0.1", "0.2")).isEqualTo("0.3");
        assertThat(call("mul", "1.1", "1.1")).isEqualTo("1.21");
    }

    @Test
    void integerArithmetic_isExact() {
        assertThat(call("mul", "18446744073709551617", "2")).isEqualTo("36893488147419103234");
        assertThat(call("div", "6", "3")).isEqualTo("2");
        assertThat(call("div", "1", "4")).isEqualTo("0.25");
        assertThat(call("plus", "1e30", "1")).isEqualTo("1000000000000000000000000000001");
    }
}

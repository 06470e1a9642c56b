package dev.maa.rego.builtins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.rego.value.Value;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AggregateBuiltinsTest {
    private static Value call(String name, Object... args) {
        Builtin b = BuiltinRegistry.standard().get(name);
        Value[] vs = new Value[args.length];
        for (int i = 0; i < args.length; i++) {
            vs[i] = Value.of(args[i]);
        }
        return b.function().apply(BuiltinContext.simple(), vs);
    }

    @Test
    void count_ofString_countsCodePoints() {
        assertThat(call("count", "a\uD83D\uDE00b")).isEqualTo(Value.of(3));
    }

    @Test
    void count_ofNumber_isTypeErrorWithOpaMessage() {
        assertThatThrownBy(() -> call("count", 1))
                .isInstanceOf(BuiltinError.class)
                .hasMessage("count: operand 1 must be one of {array, object, set, string} but got number")
                .extracting(e -> ((BuiltinError) e).code())
                .isEqualTo("eval_type_error");
    }

    @Test
    void sum_ofMixedPrecision_isExact() {
        assertThat(call("sum", List.of(new java.math.BigDecimal("0.1"), new java.math.BigDecimal("0.2"))))
                .isEqualTo(Value.of(new java.math.BigDecimal("0.3")));
    }

    @Test
    void max_ofEmpty_isUndefined() {
        assertThat(call("max", List.of())).isNull();
    }

    @Test
    void sort_ofSet_usesOpaOrder() {
        assertThat(call("sort", Set.of("b", 1, "a"))).isEqualTo(Value.of(List.of(1, "a", "b")));
    }

    @Test
    void div_byZero_isBuiltinError() {
        assertThatThrownBy(() -> call("div", 1, 0)).hasMessage("div: divide by zero");
    }
}

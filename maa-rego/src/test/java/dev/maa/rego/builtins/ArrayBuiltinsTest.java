package dev.maa.rego.builtins;

import static dev.maa.rego.builtins.BuiltinCalls.assertTypeError;
import static dev.maa.rego.builtins.BuiltinCalls.call;
import static dev.maa.rego.builtins.BuiltinCalls.v;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArrayBuiltinsTest {
    @Test
    void concatSliceReverse() {
        assertThat(call("array.concat", List.of(1, 2), List.of(3))).isEqualTo(v(List.of(1, 2, 3)));
        assertThat(call("array.slice", List.of(1, 2, 3, 4, 5), 1, 3)).isEqualTo(v(List.of(2, 3)));
        assertThat(call("array.slice", List.of(1, 2, 3, 4, 5), -4, -1)).isEqualTo(v(List.of()));
        assertThat(call("array.slice", List.of(1, 2, 3), 2, 10)).isEqualTo(v(List.of(3)));
        assertThat(call("array.slice", List.of(1, 2, 3), 3, 1)).isEqualTo(v(List.of()));
        assertThat(call("array.reverse", List.of(1, 2, 3))).isEqualTo(v(List.of(3, 2, 1)));
    }

    @Test
    void typeErrors() {
        assertTypeError("array.concat: operand 1 must be array but got object", "array.concat", Map.of(), List.of());
        assertTypeError("array.reverse: operand 1 must be array but got set", "array.reverse", Set.of());
    }
}

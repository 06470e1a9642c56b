package dev.maa.rego.builtins;

import static dev.maa.rego.builtins.BuiltinCalls.assertBuiltinError;
import static dev.maa.rego.builtins.BuiltinCalls.assertTypeError;
import static dev.maa.rego.builtins.BuiltinCalls.call;
import static dev.maa.rego.builtins.BuiltinCalls.num;
import static dev.maa.rego.builtins.BuiltinCalls.v;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NumberBuiltinsTest {
    @Test
    void round_isHalfAwayFromZero() {
        assertThat(call("round", num("2.5"))).isEqualTo(v(3));
        assertThat(call("round", num("-2.5"))).isEqualTo(v(-3));
        assertThat(call("round", num("-2.4"))).isEqualTo(v(-2));
    }

    @Test
    void ceilFloorAbs() {
        assertThat(call("ceil", num("-1.5"))).isEqualTo(v(-1));
        assertThat(call("floor", num("-1.5"))).isEqualTo(v(-2));
        assertThat(call("abs", num("-1.5"))).isEqualTo(num("1.5"));
        assertTypeError("abs: operand 1 must be number but got string", "abs", "x");
    }

    @Test
    void range_ascendingAndDescending() {
        assertThat(call("numbers.range", 1, 3)).isEqualTo(v(List.of(1, 2, 3)));
        assertThat(call("numbers.range", 3, 1)).isEqualTo(v(List.of(3, 2, 1)));
        assertThat(call("numbers.range_step", 0, 10, 4)).isEqualTo(v(List.of(0, 4, 8)));
        assertThat(call("numbers.range_step", 10, 0, 4)).isEqualTo(v(List.of(10, 6, 2)));
    }

    @Test
    void range_errors() {
        assertTypeError("numbers.range: operand 1 must be integer but got string", "numbers.range", "a", 1);
        assertTypeError(
                "numbers.range: operand 2 must be integer number but got floating-point number",
                "numbers.range",
                1,
                num("2.5"));
        assertBuiltinError(
                "numbers.range_step: numbers.range_step: step must be a positive integer",
                "numbers.range_step",
                1,
                5,
                0);
    }
}

package dev.maa.rego.builtins;

import static dev.maa.rego.builtins.BuiltinCalls.assertBuiltinError;
import static dev.maa.rego.builtins.BuiltinCalls.assertTypeError;
import static dev.maa.rego.builtins.BuiltinCalls.call;
import static dev.maa.rego.builtins.BuiltinCalls.num;
import static dev.maa.rego.builtins.BuiltinCalls.v;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class BitsBuiltinsTest {
    @Test
    void bitwiseOperators_workOnArbitraryPrecisionIntegers() {
        assertThat(call("bits.and", 12, 10)).isEqualTo(v(8));
        assertThat(call("bits.or", 12, 10)).isEqualTo(v(14));
        assertThat(call("bits.xor", 42, 3)).isEqualTo(v(41));
        assertThat(call("bits.negate", 5)).isEqualTo(v(-6));
        assertThat(call("bits.lsh", new BigInteger("9223372036854775807"), 1)).isEqualTo(num("18446744073709551614"));
        assertThat(call("bits.rsh", -9, 1)).isEqualTo(v(-5));
    }

    @Test
    void bits_refuseFloatsAndNegativeShifts() {
        assertTypeError("bits.and: operand 1 must be integer number but got floating-point number", "bits.and", 7.2, 1);
        assertBuiltinError(
                "bits.lsh: operand 2 must be an unsigned integer number but got a negative integer", "bits.lsh", 1, -1);
    }
}

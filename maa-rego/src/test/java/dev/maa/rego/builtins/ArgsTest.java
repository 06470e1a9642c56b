package dev.maa.rego.builtins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.rego.value.NumberValue;
import dev.maa.rego.value.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class ArgsTest {
    @Test
    void integer_whenFractional_isTypeErrorAsInOpa() {
        Value[] args = {NumberValue.of(new BigDecimal("1.5"))};
        assertThatThrownBy(() -> Args.integer("f", args, 0))
                .isInstanceOf(BuiltinError.class)
                .hasMessage("f: operand 1 must be integer number but got floating-point number")
                .extracting(e -> ((BuiltinError) e).code())
                .isEqualTo(BuiltinError.TYPE);
    }

    @Test
    void integer_whenIntegral_returnsIt() {
        assertThat(Args.integer("f", new Value[] {NumberValue.of(new BigDecimal("2.0"))}, 0))
                .isEqualTo(BigInteger.TWO);
    }
}

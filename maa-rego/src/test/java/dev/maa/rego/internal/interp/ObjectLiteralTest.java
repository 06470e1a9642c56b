package dev.maa.rego.internal.interp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.rego.RegoEvalException;
import dev.maa.rego.value.ObjectValue;
import dev.maa.rego.value.StringValue;
import dev.maa.rego.value.Value;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Object literals whose keys are distinct constants take their key order from the compiler ({@code
 * Term.ConstantKeys}) and evaluate directly; they answer as the sorting path: OPA's key order whatever the
 * written order, equal objects, conflicts still raised where keys are not constant, and lookups by key (on the
 * hashed scan of {@code ObjectValue.get}) find every key, colliding hash codes included.
 */
class ObjectLiteralTest {
    private static Object eval(String module, String query, Object input) {
        return SemanticsTest.eval(module, query, input);
    }

    @Test
    void constantKeys_writtenOutOfOrder_giveOpasOrderAndLookups() {
        String m = "package t\no := {\"z\": 1, \"a\": input.x, 3: \"n\", \"m\": [input.x]}\n"
                + "p := [o.z, o.a, o[3], o.m, object.keys(o)]";
        assertThat(eval(m, "data.t.p", Map.of("x", 2)))
                .isEqualTo(List.of(
                        BigInteger.ONE,
                        BigInteger.TWO,
                        "n",
                        List.of(BigInteger.TWO),
                        java.util.Set.of(BigInteger.valueOf(3), "a", "m", "z")));
        assertThat(eval(m, "json.marshal(data.t.o)", Map.of("x", 2)))
                .isEqualTo("{\"3\":\"n\",\"a\":2,\"m\":[2],\"z\":1}");
    }

    @Test
    void constantKeyLiteral_equalsTheSameObjectBuiltOtherwise() {
        String m = "package t\np if { {\"b\": 2, \"a\": 1} == json.unmarshal(\"{\\\"a\\\":1,\\\"b\\\":2}\") }";
        assertThat(eval(m, "data.t.p", null)).isEqualTo(true);
    }

    @Test
    void undefinedValue_leavesTheLiteralUndefined() {
        String m = "package t\ndefault p := \"none\"\np := {\"a\": input.missing, \"b\": 1}";
        assertThat(eval(m, "data.t.p", Map.of())).isEqualTo("none");
    }

    @Test
    void equalNumericKeys_stillConflict() {
        String m = "package t\np := {1: \"a\", 1.0: \"b\"}";
        assertThatThrownBy(() -> eval(m, "data.t.p", null))
                .isInstanceOf(RegoEvalException.class)
                .hasMessageContaining("object keys must be unique");
    }

    @Test
    void variableKeysEqualToAConstant_stillConflict() {
        String m = "package t\np := {input.k: 1, \"a\": 2}";
        assertThatThrownBy(() -> eval(m, "data.t.p", Map.of("k", "a")))
                .isInstanceOf(RegoEvalException.class)
                .hasMessageContaining("object keys must be unique");
    }

    @Test
    void lookup_findsKeysWithCollidingHashCodes_inSmallAndLargeObjects() {
        // "Aa" and "BB" have the same String hash code
        assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
        for (int size : new int[] {2, 20, 40}) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("Aa", 1);
            m.put("BB", 2);
            for (int i = 2; i < size; i++) {
                m.put("k" + i, i);
            }
            ObjectValue o = (ObjectValue) Value.of(m);
            assertThat(o.get(new StringValue("Aa"))).isEqualTo(Value.of(1));
            assertThat(o.get(new StringValue("BB"))).isEqualTo(Value.of(2));
            if (size > 2) {
                assertThat(o.get(new StringValue("k" + (size - 1)))).isEqualTo(Value.of(size - 1));
            }
            assertThat(o.get(new StringValue("C#"))).isNull();
        }
    }
}

package dev.maa.rego.value;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ValueTest {
    @Test
    void numbers_equalNumerically() {
        assertThat(Value.of(1)).isEqualTo(Value.of(new BigDecimal("1.0")));
        assertThat(Value.of(1).hashCode())
                .isEqualTo(Value.of(new BigDecimal("1.00")).hashCode());
    }

    @Test
    void ordering_acrossTypes_followsOpa() {
        List<Value> sorted = new java.util.ArrayList<>(List.of(
                Value.of(Set.of(1)),
                Value.of(Map.of("a", 1)),
                Value.of(List.of(1)),
                Value.of("s"),
                Value.of(2),
                Value.of(true),
                NullValue.INSTANCE));
        java.util.Collections.sort(sorted);
        assertThat(sorted)
                .extracting(Value::typeName)
                .containsExactly("null", "boolean", "number", "string", "array", "object", "set");
    }

    @Test
    void toJson_escapesHtmlLikeGo() {
        assertThat(Value.of(Map.of("k", "<a&b>")).toJson()).isEqualTo("{\"k\":\"\\u003ca\\u0026b\\u003e\"}");
    }

    @Test
    void toRego_quotesStringsLikeGoStrconvQuote() {
        assertThat(Value.of(List.of("<a&b>", "tab\there", "nb\u00a0sp", "q\"\\"))
                        .toRego())
                .isEqualTo("[\"<a&b>\", \"tab\\there\", \"nb\\u00a0sp\", \"q\\\"\\\\\"]");
    }

    @Test
    void toRego_printsEmptySetAsSetCall() {
        assertThat(SetValue.EMPTY.toRego()).isEqualTo("set()");
    }

    @Test
    void toJava_roundTrips() {
        Object java = Map.of("a", List.of(1, "x", true));
        assertThat(Values.fromJava(Values.toJava(Value.of(java)))).isEqualTo(Value.of(java));
    }

    @Test
    void strings_orderByCodePointLikeGo() {
        Value supplementary = Value.of("\uD83D\uDE00");
        Value highBmp = Value.of("\uFB01");
        assertThat(highBmp.compareTo(supplementary)).isNegative();
        assertThat(Value.of("a").compareTo(Value.of("b"))).isNegative();
        assertThat(Value.of("ab").compareTo(Value.of("a"))).isPositive();
    }

    @Test
    void fromJava_smallMapInAnyOrder_isSortedAndKeepsTheLaterOfEqualKeys() {
        Map<Object, Object> m = new java.util.LinkedHashMap<>();
        m.put("z", 1);
        m.put("a", List.of("x"));
        m.put(2, "two");
        m.put(1, "int one");
        m.put(1L, "long one");
        m.put("m", Map.of("b", 2, "a", 1));
        java.util.TreeMap<Value, Value> expected = new java.util.TreeMap<>();
        m.forEach((k, v) -> expected.put(Value.of(k), Value.of(v)));
        ObjectValue o = (ObjectValue) Value.of(m);
        assertThat(o).isEqualTo(ObjectValue.of(expected));
        assertThat(o.size()).isEqualTo(5);
        assertThat(o.get(Value.of(1))).isEqualTo(Value.of("long one"));
        assertThat(o.keys()).isSorted();
    }
}

package dev.maa.rego.builtins;

import static dev.maa.rego.builtins.BuiltinCalls.assertTypeError;
import static dev.maa.rego.builtins.BuiltinCalls.call;
import static dev.maa.rego.builtins.BuiltinCalls.v;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ObjectBuiltinsTest {
    private static final Map<String, Object> DOC =
            Map.of("a", Map.of("b", List.of(10, Map.of("c", 1))), "s", Set.of("x"));

    @Test
    void get_keyOrPath_orDefault() {
        assertThat(call("object.get", Map.of("a", Map.of("b", "c")), "a", true)).isEqualTo(v(Map.of("b", "c")));
        assertThat(call("object.get", Map.of("a", 1), "b", true)).isEqualTo(v(true));
        assertThat(call("object.get", DOC, List.of("a", "b", 1, "c"), 0)).isEqualTo(v(1));
        assertThat(call("object.get", DOC, List.of("a", "b", 5), "d")).isEqualTo(v("d"));
        assertThat(call("object.get", DOC, List.of("s", "x"), "d")).isEqualTo(v("x"));
        assertThat(call("object.get", DOC, List.of(), "d")).isEqualTo(v(DOC));
    }

    @Test
    void union_mergesNestedRightWins() {
        assertThat(call("object.union", Map.of("a", 1), Map.of("a", Map.of("b", Map.of("c", 1)), "d", 7)))
                .isEqualTo(v(Map.of("a", Map.of("b", Map.of("c", 1)), "d", 7)));
        assertThat(call("object.union", Map.of("a", Map.of("x", 1)), Map.of("a", Map.of("y", 2))))
                .isEqualTo(v(Map.of("a", Map.of("x", 1, "y", 2))));
        assertTypeError("object.union: operand 2 must be object but got array", "object.union", Map.of(), List.of());
    }

    @Test
    void unionN_lastNonObjectFreezesKey() {
        assertThat(call(
                        "object.union_n",
                        List.of(Map.of("a", Map.of("b", 2)), Map.of("a", 4), Map.of("a", Map.of("c", 3)))))
                .isEqualTo(v(Map.of("a", Map.of("c", 3))));
        assertTypeError(
                "object.union_n: operand 1 must be array of objects but got array containing string",
                "object.union_n",
                List.of(1, "x"));
    }

    @Test
    void removeAndFilter_acceptArraySetObject() {
        assertThat(call("object.remove", Map.of("a", 1, "b", 2, "d", 4), Map.of("b", 1, "d", "")))
                .isEqualTo(v(Map.of("a", 1)));
        assertThat(call("object.filter", Map.of("a", 1, "b", 2), List.of("a", "z")))
                .isEqualTo(v(Map.of("a", 1)));
        assertTypeError(
                "object.remove: operand 2 must be one of {object, set, array} but got string",
                "object.remove",
                Map.of("a", 1),
                "a");
        assertTypeError("object.remove: operand 1 must be object but got null", "object.remove", null, Set.of("a"));
    }

    @Test
    void subset_followsOpa() {
        assertThat(call("object.subset", Map.of("a", Map.of("b", 1, "c", 2)), Map.of("a", Map.of("b", 1))))
                .isEqualTo(v(true));
        assertThat(call("object.subset", List.of(1, 2, 3), List.of(2, 3))).isEqualTo(v(true));
        assertThat(call("object.subset", List.of(1, 2, 3), List.of(1, 3))).isEqualTo(v(false));
        assertThat(call("object.subset", List.of(1, 1), Set.of(1, 2))).isEqualTo(v(true));
        assertThat(call("object.subset", List.of(), Set.of())).isEqualTo(v(false));
        assertTypeError(
                "object.subset: both arguments object.subset must be of the same type or array and set",
                "object.subset",
                Set.of(),
                List.of());
    }

    @Test
    void keys_isSet() {
        assertThat(call("object.keys", Map.of("a", 1, "b", 2))).isEqualTo(v(Set.of("a", "b")));
    }
}

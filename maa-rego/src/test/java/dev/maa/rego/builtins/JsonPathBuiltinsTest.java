package dev.maa.rego.builtins;

import static dev.maa.rego.builtins.BuiltinCalls.assertTypeError;
import static dev.maa.rego.builtins.BuiltinCalls.call;
import static dev.maa.rego.builtins.BuiltinCalls.v;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JsonPathBuiltinsTest {
    private static final Map<String, Object> DOC = Map.of("a", Map.of("b", 1, "c", List.of(10, 20, 30)), "d", 2);

    @Test
    void filter_keepsPaths() {
        assertThat(call("json.filter", DOC, List.of("a/b", "a/c/1")))
                .isEqualTo(v(Map.of("a", Map.of("b", 1, "c", List.of(20)))));
        assertThat(call("json.filter", DOC, Set.of(List.of("a", "b"), "d")))
                .isEqualTo(v(Map.of("a", Map.of("b", 1), "d", 2)));
        assertThat(call("json.filter", DOC, List.of("a", "a/b"))).isEqualTo(v(Map.of("a", DOC.get("a"))));
        assertTypeError("json.filter: operand 2 must be one of {set, array} but got string", "json.filter", DOC, "a");
    }

    @Test
    void remove_dropsPathsAndShiftsArrays() {
        assertThat(call("json.remove", DOC, List.of("a/c/0", "d")))
                .isEqualTo(v(Map.of("a", Map.of("b", 1, "c", List.of(20, 30)))));
        assertThat(call("json.remove", Map.of("a~b", 1, "c/d", 2), List.of("a~0b", "c~1d")))
                .isEqualTo(v(Map.of()));
    }

    @Test
    void patch_rfc6902() {
        List<Object> ops = List.of(
                Map.of("op", "add", "path", "/a/c/-", "value", 40),
                Map.of("op", "replace", "path", "/d", "value", 3),
                Map.of("op", "move", "from", "/a/b", "path", "/e"),
                Map.of("op", "copy", "from", "/e", "path", "/f"),
                Map.of("op", "remove", "path", "/a/c/0"),
                Map.of("op", "test", "path", "/f", "value", 1));
        assertThat(call("json.patch", DOC, ops))
                .isEqualTo(v(Map.of("a", Map.of("c", List.of(20, 30, 40)), "d", 3, "e", 1, "f", 1)));
        assertThat(call("json.patch", DOC, List.of(Map.of("op", "test", "path", "/d", "value", 5))))
                .isNull();
        assertThat(call("json.patch", DOC, List.of(Map.of("op", "remove", "path", "/zz"))))
                .isNull();
        assertThat(call("json.patch", 1, List.of(Map.of("op", "add", "path", "", "value", 2))))
                .isEqualTo(v(2));
        assertThat(call(
                        "json.patch",
                        Map.of("foo", "bar"),
                        List.of(Map.of("op", "replace", "path", "", "value", List.of()))))
                .isEqualTo(v(List.of()));
        assertThat(call(
                        "json.patch",
                        List.of("foo", "bar"),
                        List.of(Map.of("op", "test", "path", "/01", "value", "bar"))))
                .isNull();
        assertThat(call(
                        "json.patch",
                        Map.of("baz", List.of(Map.of("qux", "hello"))),
                        List.of(Map.of("op", "move", "from", "/baz/0/qux", "path", "/baz/1"))))
                .isEqualTo(v(Map.of("baz", List.of(Map.of(), "hello"))));
        assertThat(call("json.patch", Map.of(), List.of(Map.of("op", "add", "path", "/", "value", 1))))
                .isEqualTo(v(Map.of("", 1)));
    }
}

package dev.maa.rego.builtins;

import static dev.maa.rego.builtins.BuiltinCalls.assertTypeError;
import static dev.maa.rego.builtins.BuiltinCalls.call;
import static dev.maa.rego.builtins.BuiltinCalls.v;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SetBuiltinsTest {
    @Test
    void unionAndIntersection_ofSetOfSets() {
        assertThat(call("union", Set.of(Set.of(1, 2), Set.of(2, 3)))).isEqualTo(v(Set.of(1, 2, 3)));
        assertThat(call("intersection", Set.of(Set.of(1, 2), Set.of(2, 3)))).isEqualTo(v(Set.of(2)));
        assertThat(call("intersection", Set.of())).isEqualTo(v(Set.of()));
    }

    @Test
    void typeErrors() {
        assertTypeError("union: operand 1 must be set but got array", "union", List.of());
        assertTypeError(
                "intersection: operand 1 must be set of sets but got set containing number", "intersection", Set.of(1));
    }
}

package dev.maa.rego.builtins;

import static dev.maa.rego.builtins.BuiltinCalls.assertTypeError;
import static dev.maa.rego.builtins.BuiltinCalls.call;
import static dev.maa.rego.builtins.BuiltinCalls.v;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GraphBuiltinsTest {
    private static final Map<String, Object> GRAPH =
            Map.of("a", List.of("b"), "b", List.of("c", "a"), "c", List.of(), "d", List.of("x"));

    @Test
    void reachable_followsEdgesOfNodesInTheGraph() {
        assertThat(call("graph.reachable", GRAPH, List.of("a"))).isEqualTo(v(Set.of("a", "b", "c")));
        assertThat(call("graph.reachable", GRAPH, List.of("x"))).isEqualTo(v(Set.of()));
    }

    @Test
    void reachablePaths_endAtLeavesCyclesAndUnknownNodes() {
        assertThat(call("graph.reachable_paths", GRAPH, List.of("a")))
                .isEqualTo(v(Set.of(List.of("a", "b", "c"), List.of("a", "b"))));
        assertThat(call("graph.reachable_paths", GRAPH, List.of("d"))).isEqualTo(v(Set.of(List.of("d"))));
        assertTypeError(
                "graph.reachable: operand 2 must be one of {array, set} but got string", "graph.reachable", GRAPH, "a");
    }
}

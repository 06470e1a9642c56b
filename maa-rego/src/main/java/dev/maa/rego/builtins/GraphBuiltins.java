package dev.maa.rego.builtins;

import dev.maa.rego.value.ArrayValue;
import dev.maa.rego.value.ObjectValue;
import dev.maa.rego.value.SetValue;
import dev.maa.rego.value.Value;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code graph.reachable} and {@code graph.reachable_paths} over a graph given as an object from
 * node to an array or set of neighbours, following OPA's {@code topdown/reachable.go}: nodes absent
 * from the graph are not reached, and a path ends where it would revisit a node.
 */
final class GraphBuiltins {
    private GraphBuiltins() {}

    static void register(BuiltinRegistry r) {
        r.register("graph.reachable", 2, (c, a) -> reachable(a));
        r.register("graph.reachable_paths", 2, (c, a) -> reachablePaths(a));
    }

    private static List<Value> neighbours(Value edges) {
        if (edges instanceof ArrayValue arr) {
            return arr.items();
        }
        if (edges instanceof SetValue set) {
            return set.items();
        }
        return List.of();
    }

    private static List<Value> initial(String name, Value[] a) {
        if (a[1] instanceof ArrayValue || a[1] instanceof SetValue) {
            return neighbours(a[1]);
        }
        throw Args.typeError(name, 2, a[1], "array", "set");
    }

    static Value reachable(Value[] a) {
        ObjectValue graph = Args.object("graph.reachable", a, 0);
        Deque<Value> queue = new ArrayDeque<>(initial("graph.reachable", a));
        Set<Value> reached = new HashSet<>();
        while (!queue.isEmpty()) {
            Value node = queue.poll();
            Value edges = graph.get(node);
            if (edges != null && reached.add(node)) {
                for (Value n : neighbours(edges)) {
                    if (!reached.contains(n)) {
                        queue.add(n);
                    }
                }
            }
        }
        return SetValue.of(reached);
    }

    static Value reachablePaths(Value[] a) {
        ObjectValue graph = Args.object("graph.reachable_paths", a, 0);
        Set<Value> paths = new LinkedHashSet<>();
        for (Value node : initial("graph.reachable_paths", a)) {
            Value edges = graph.get(node);
            if (edges == null) {
                continue;
            }
            List<Value> next = neighbours(edges);
            if (next.isEmpty()) {
                paths.add(ArrayValue.of(node));
            }
            for (Value n : next) {
                walk(graph, n, List.of(node), paths, Set.of(node));
            }
        }
        return SetValue.of(paths);
    }

    private static void walk(ObjectValue graph, Value root, List<Value> path, Set<Value> paths, Set<Value> reached) {
        Value edges = graph.get(root);
        if (edges == null) {
            paths.add(ArrayValue.of(path));
            return;
        }
        List<Value> longer = new ArrayList<>(path);
        longer.add(root);
        List<Value> next = neighbours(edges);
        if (next.isEmpty()) {
            paths.add(ArrayValue.of(longer));
            return;
        }
        Set<Value> seen = new HashSet<>(reached);
        seen.add(root);
        for (Value n : next) {
            if (seen.contains(n)) {
                paths.add(ArrayValue.of(longer));
            } else {
                walk(graph, n, longer, paths, seen);
            }
        }
    }
}

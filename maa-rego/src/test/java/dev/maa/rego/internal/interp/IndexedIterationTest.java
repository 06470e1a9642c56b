package dev.maa.rego.internal.interp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maa.rego.RegoEngine;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code some p in data.xs; p.f == k} uses an index; results must equal a full scan. */
class IndexedIterationTest {
    private static List<Object> data() {
        List<Object> xs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Map<String, Object> m = new HashMap<>();
            m.put("id", i);
            if (i % 4 != 0) {
                m.put("t", i % 3 == 0 ? (Object) new BigDecimal("1.0") : (Object) ("t" + (i % 3)));
            }
            xs.add(m);
        }
        xs.add("not an object");
        xs.add(List.of(1));
        return xs;
    }

    private static Object ids(String module, Object input) {
        return RegoEngine.builder()
                .module("t.rego", module)
                .data(Map.of("xs", data()))
                .build()
                .prepare("data.t.ids")
                .eval(input)
                .value();
    }

    @Test
    void indexedLookup_matchesFullScan_forStringsNumbersAndMissingFields() {
        String indexed = "package t\nids := [p.id | some p in data.xs; p.t == input.t]";
        String scanned = "package t\nids := [p.id | some p in data.xs; q := p; q.t == input.t]";
        for (Object t : List.of("t1", "t2", 1, "missing")) {
            Map<String, Object> in = Map.of("t", t);
            assertThat(ids(indexed, in)).isEqualTo(ids(scanned, in));
        }
        assertThat((List<?>) ids(indexed, Map.of("t", 1))).isNotEmpty();
    }

    @Test
    void indexedLookup_withUndefinedKey_hasNoSolutions() {
        assertThat(ids("package t\nids := [p.id | some p in data.xs; p.t == input.nothing]", Map.of()))
                .isEqualTo(List.of());
    }

    @Test
    void functionIndexedLookup_matchesFullScan_acrossDefinitions() {
        String fns =
                "\nmatches(p) if p.t == input.t\nmatches(p) if { p.t == \"t2\"; p.id > 30 }\nok(p) if { matches(p); p.id != 5 }";
        String indexed = "package t\nids := [p.id | some p in data.xs; ok(p)]" + fns;
        String scanned = "package t\nids := [p.id | some p in data.xs; q := p; ok(q)]" + fns;
        for (Object t : List.of("t1", 1, "none")) {
            Map<String, Object> in = Map.of("t", t);
            assertThat(ids(indexed, in)).isEqualTo(ids(scanned, in));
        }
        assertThat((List<?>) ids(indexed, Map.of("t", "t1"))).hasSizeGreaterThan(3);
    }

    @Test
    void membershipIndexedLookup_matchesFullScan() {
        List<Object> ps = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            Map<String, Object> m = new HashMap<>();
            m.put("id", i);
            m.put("type", i % 3 == 0 ? "a" : "b");
            m.put("groups", i % 5 == 0 ? Map.of("k", "g" + (i % 4)) : List.of("g" + (i % 4), "h" + (i % 6)));
            ps.add(m);
        }
        String rule = "some g in p.groups\n g in input.groups\n}";
        String indexed = "package t\nids contains p.id if {\n some p in data.ps\n p.type == input.type\n " + rule;
        String scanned =
                "package t\nids contains p.id if {\n some p0 in data.ps\n p := p0\n p.type == input.type\n " + rule;
        for (Map<String, Object> in : List.of(
                Map.<String, Object>of("type", "a", "groups", List.of("g1", "h2")),
                Map.<String, Object>of("type", "b", "groups", java.util.Set.of("g0")),
                Map.<String, Object>of("type", "a", "groups", Map.of("x", "g2")),
                Map.<String, Object>of("type", "b", "groups", "g1"))) {
            Object a = RegoEngine.builder()
                    .module("t.rego", indexed)
                    .data(Map.of("ps", ps))
                    .build()
                    .prepare("data.t.ids")
                    .eval(in)
                    .value();
            Object b = RegoEngine.builder()
                    .module("t.rego", scanned)
                    .data(Map.of("ps", ps))
                    .build()
                    .prepare("data.t.ids")
                    .eval(in)
                    .value();
            assertThat(a).as("input %s", in).isEqualTo(b);
        }
    }
}

package dev.maa.rego.internal.interp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.rego.EvalLimits;
import dev.maa.rego.RegoEngine;
import dev.maa.rego.RegoLimitExceededException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Policies written as the built-in {@code maa} package writes them ({@code some p in policies;
 * applies(p)} with helper functions) are indexed through every requirement of a single-definition
 * helper, membership pairs included; results must equal a full scan.
 */
class FunctionIndexedIterationTest {
    private static final String HELPERS = """

      policies := data.ps

      type_matches(p) if p.type == input.type

      platform_matches(p) if p.platform == "all"

      platform_matches(p) if {
        p.platform == "windows"
        input.platform == "windows"
      }

      group_matches(p) if {
        some g in p.groups
        g in input.groups
      }

      applies(p) if {
        type_matches(p)
        platform_matches(p)
        group_matches(p)
      }
      """;

    private static List<Object> policies(int n) {
        List<Object> ps = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ps.add(Map.of(
                    "id",
                    i,
                    "type",
                    "t" + (i % 7),
                    "platform",
                    i % 3 == 0 ? "all" : "windows",
                    "groups",
                    List.of("g" + (i % 50), "r" + (i % 11))));
        }
        return ps;
    }

    private static Object ids(String module, int n, Map<String, Object> input, EvalLimits limits) {
        return RegoEngine.builder()
                .module("t.rego", module)
                .data(Map.of("ps", policies(n)))
                .limits(limits)
                .build()
                .prepare("data.t.ids")
                .eval(input)
                .value();
    }

    @Test
    void helperFunctions_matchFullScan() {
        String indexed = "package t\nids contains p.id if {\n some p in policies\n applies(p)\n}" + HELPERS;
        String scanned = "package t\nids contains p.id if {\n some p0 in policies\n p := p0\n applies(p)\n}" + HELPERS;
        for (Map<String, Object> in : List.of(
                Map.<String, Object>of("type", "t3", "platform", "windows", "groups", List.of("g3", "r7")),
                Map.<String, Object>of("type", "t0", "platform", "linux", "groups", List.of("g0", "g7", "r0")),
                Map.<String, Object>of("type", "t1", "platform", "windows", "groups", Map.of("k", "g1")),
                Map.<String, Object>of("type", "t2", "groups", "g2"),
                Map.<String, Object>of("platform", "windows", "groups", List.of("g4")))) {
            Object a = ids(indexed, 400, in, EvalLimits.DEFAULT);
            assertThat(a).as("input %s", in).isEqualTo(ids(scanned, 400, in, EvalLimits.DEFAULT));
        }
        assertThat((java.util.Collection<?>) ids(
                        indexed,
                        400,
                        Map.of("type", "t3", "platform", "windows", "groups", List.of("g3", "r7")),
                        EvalLimits.DEFAULT))
                .isNotEmpty();
    }

    @Test
    void helperFunctions_visitOnlyCandidatesMatchingEveryRequirement() {
        String indexed = "package t\nids contains p.id if {\n some p in policies\n applies(p)\n}" + HELPERS;
        String scanned = "package t\nids contains p.id if {\n some p0 in policies\n p := p0\n applies(p)\n}" + HELPERS;
        Map<String, Object> in = Map.of("type", "t3", "platform", "windows", "groups", List.of("g3"));
        EvalLimits few = EvalLimits.of(2_000, 200, Duration.ofSeconds(10));
        assertThat((java.util.Collection<?>) ids(indexed, 20_000, in, few)).isNotEmpty();
        assertThatThrownBy(() -> ids(scanned, 20_000, in, few)).isInstanceOf(RegoLimitExceededException.class);
    }
}

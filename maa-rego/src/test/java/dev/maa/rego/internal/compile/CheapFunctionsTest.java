package dev.maa.rego.internal.compile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maa.rego.RegoEngine;
import dev.maa.rego.builtins.BuiltinRegistry;
import dev.maa.rego.internal.parser.Parser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Functions of a few cheap tests are not memoised ({@link RuleNode#memoized}); every other function is, and both
 * answer the same.
 */
class CheapFunctionsTest {
    private static final String SRC = "package t\n"
            + "import rego.v1\n"
            + "type_matches(p) if p.type == input.type\n"
            + "type_matches(p) if {\n  p.type == \"CUSTOM\"\n  startswith(input.type, \"CUSTOM:\")\n}\n"
            + "not_windows(p) if not input.platform in {\"windows\", \"unspecified\"}\n"
            + "scope(p) if {\n  some tag in p.tags\n  tag in input.tags\n}\n"
            + "applies(p) if {\n  type_matches(p)\n  not_windows(p)\n}\n"
            + "reads_rule(p) if p.type == config.type\n"
            + "config := {\"type\": \"APP\"}\n"
            + "formats(p) := sprintf(\"%s\", [p.type])\n"
            + "outer(p) if applies(p)\n"
            + "matching contains p.name if {\n  some p in data.policies\n  applies(p)\n  applies(p)\n}\n";

    private static final Map<String, Object> DATA = Map.of(
            "policies",
            List.of(
                    Map.of("name", "a", "type", "APP", "tags", List.of()),
                    Map.of("name", "b", "type", "CUSTOM", "tags", List.of("x")),
                    Map.of("name", "c", "type", "ROLE", "tags", List.of())));

    @Test
    void testsOverParametersInputAndRules_andCallsOfSuch_areNotMemoised_iterationDeeperCallsAndOtherBuiltinsAre() {
        RuleNode root =
                new Compiler(BuiltinRegistry.standard()).compile(List.of(new Parser("t.rego", SRC).parseModule()));
        assertThat(root.find(List.of("t", "type_matches")).memoized).isFalse();
        assertThat(root.find(List.of("t", "not_windows")).memoized).isFalse();
        assertThat(root.find(List.of("t", "scope")).memoized).isTrue();
        assertThat(root.find(List.of("t", "applies")).memoized).isFalse();
        assertThat(root.find(List.of("t", "reads_rule")).memoized).isFalse();
        assertThat(root.find(List.of("t", "formats")).memoized).isTrue();
        assertThat(root.find(List.of("t", "outer")).memoized).isTrue(); // calls a function that calls others
    }

    @Test
    void cheapFunctions_answerAsMemoisedOnes() {
        RegoEngine e = RegoEngine.builder().module("t.rego", SRC).data(DATA).build();
        assertThat(e.prepare("data.t.matching")
                        .eval(Map.of("type", "CUSTOM:x", "platform", "linux"))
                        .value())
                .isEqualTo(java.util.Set.of("b"));
        assertThat(e.prepare("data.t.matching")
                        .eval(Map.of("type", "APP", "platform", "windows"))
                        .value())
                .isEqualTo(java.util.Set.of());
        assertThat(e.prepare("data.t.matching")
                        .eval(Map.of("type", "APP", "platform", "linux"))
                        .value())
                .isEqualTo(java.util.Set.of("a"));
    }
}

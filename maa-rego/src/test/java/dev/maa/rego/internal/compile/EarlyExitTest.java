package dev.maa.rego.internal.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.rego.RegoEngine;
import dev.maa.rego.RegoEvalException;
import dev.maa.rego.builtins.BuiltinRegistry;
import dev.maa.rego.internal.parser.Parser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Rules and functions whose definitions all have the same constant value stop at their first value, as OPA's
 * early exit does (v1/ast/index.go {@code EarlyExit}, v1/topdown/eval.go): later definitions and later solutions
 * of a body are not evaluated, so their errors and prints do not happen; different values, else values included,
 * keep evaluating every definition and report conflicts.
 */
class EarlyExitTest {
    private static final String SRC = "package t\n"
            + "import rego.v1\n"
            + "allow if input.a == 1\n"
            + "allow if to_number(\"not a number\") == 0\n"
            + "f(x) if x == 1\n"
            + "f(x) if to_number(\"not a number\") == x\n"
            + "calls_f if f(1)\n"
            + "printed if {\n  some x in [1, 2, 3]\n  print(x)\n}\n"
            + "values := v if v := 1\n"
            + "values := v if v := 2\n"
            + "chained if false\n"
            + "else := false\n";

    private static RegoEngine engine(List<String> printed) {
        return RegoEngine.builder()
                .module("t.rego", SRC)
                .strictBuiltinErrors(true)
                .printSink(printed::add)
                .build();
    }

    @Test
    void sameConstantValues_areEarlyExit_variableOrDifferingElseValues_areNot() {
        RuleNode root =
                new Compiler(BuiltinRegistry.standard()).compile(List.of(new Parser("t.rego", SRC).parseModule()));
        assertThat(root.find(List.of("t", "allow")).earlyExit).isTrue();
        assertThat(root.find(List.of("t", "f")).earlyExit).isTrue();
        assertThat(root.find(List.of("t", "printed")).earlyExit).isTrue();
        assertThat(root.find(List.of("t", "values")).earlyExit).isFalse();
        assertThat(root.find(List.of("t", "chained")).earlyExit).isFalse();
    }

    @Test
    void firstDefinitionTrue_laterDefinitionsErrorsAreNotRaised() {
        RegoEngine e = engine(new ArrayList<>());
        assertThat(e.prepare("data.t.allow").eval(Map.of("a", 1)).value()).isEqualTo(true);
        assertThat(e.prepare("data.t.calls_f").eval(Map.of()).value()).isEqualTo(true);
    }

    @Test
    void firstDefinitionUndefined_laterDefinitionsRunAndRaise() {
        RegoEngine e = engine(new ArrayList<>());
        assertThatThrownBy(() -> e.prepare("data.t.allow").eval(Map.of("a", 2)))
                .isInstanceOf(RegoEvalException.class)
                .hasMessageContaining("to_number");
    }

    @Test
    void bodyStopsAtItsFirstSolution() {
        List<String> printed = new ArrayList<>();
        assertThat(engine(printed).prepare("data.t.printed").eval(Map.of()).value())
                .isEqualTo(true);
        assertThat(printed).containsExactly("1");
    }

    @Test
    void differentValues_stillConflict() {
        RegoEngine e = engine(new ArrayList<>());
        assertThatThrownBy(() -> e.prepare("data.t.values").eval(Map.of()))
                .isInstanceOf(RegoEvalException.class)
                .hasMessageContaining("conflicting");
    }
}

package dev.maa.rego.internal.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.rego.RegoParseException;
import dev.maa.rego.internal.ast.Module;
import dev.maa.rego.internal.ast.Rule;
import org.junit.jupiter.api.Test;

class ParserTest {
    @Test
    void module_withImportsAndAllRuleKinds_parses() {
        Module m = new Parser("m.rego", """
        package a.b
        import rego.v1
        import data.x.y as z
        default allow := false
        allow if { input.a == 1 }
        s contains x if some x in [1]
        o[k] := v if { k := "a"; v := 1 }
        a.b[c].d := 1 if c := "q"
        f(x) := y if { y := x } else := 0
        c := 3
        """).parseModule();
        assertThat(m.pkg()).containsExactly("a", "b");
        assertThat(m.imports()).hasSize(2);
        assertThat(m.rules())
                .extracting(Rule::kind)
                .containsExactly(
                        Rule.Kind.COMPLETE,
                        Rule.Kind.COMPLETE,
                        Rule.Kind.SET,
                        Rule.Kind.COMPLETE,
                        Rule.Kind.COMPLETE,
                        Rule.Kind.FUNCTION,
                        Rule.Kind.COMPLETE);
        assertThat(m.rules().get(5).elseRule()).isNotNull();
    }

    @Test
    void ruleBody_withoutIf_isRejectedInV1() {
        assertThatThrownBy(() -> new Parser("m.rego", "package a\np { true }").parseModule())
                .isInstanceOf(RegoParseException.class)
                .hasMessageContaining("`if` keyword is required");
    }

    @Test
    void deeplyNested_isParseErrorNotStackOverflow() {
        String deep = "package a\np := " + "[".repeat(50_000);
        assertThatThrownBy(() -> new Parser("m.rego", deep).parseModule()).isInstanceOf(RegoParseException.class);
    }
}

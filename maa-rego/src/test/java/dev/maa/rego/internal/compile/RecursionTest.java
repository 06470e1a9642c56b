package dev.maa.rego.internal.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.rego.RegoCompileException;
import dev.maa.rego.RegoEngine;
import org.junit.jupiter.api.Test;

/** The compile-time recursion check follows OPA's dependency graph. */
class RecursionTest {
    private static final String OTHER = "package primary\nallow.see.something_else if true\n";

    @Test
    void variableRefPart_withNonMatchingConstantsAfterIt_isNoDependency() {
        // data[first].allow... cannot read data.test.p: OPA accepts this (issue 7399), it was refused
        RegoEngine e = RegoEngine.builder()
                .module("a.rego", "package test\np := data[first].allow.see.something_else if first := \"primary\"")
                .module("b.rego", OTHER)
                .build();
        assertThat(e.prepare("data.test.p").eval(null).value()).isEqualTo(true);
    }

    @Test
    void variableRefPart_thatCanReachTheRuleItself_isRecursion() {
        assertThatThrownBy(() -> RegoEngine.builder()
                        .module("a.rego", "package test\np := data[x].p if x := \"test\"")
                        .module("b.rego", OTHER)
                        .build())
                .isInstanceOf(RegoCompileException.class)
                .hasMessageContaining("rego_recursion_error");
    }
}

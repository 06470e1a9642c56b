package dev.maa.policies;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maa.policies.internal.CompiledPolicy;
import dev.maa.policies.internal.PolicyTestRunner;
import dev.maa.rego.EvalLimits;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs every shipped {@code *_test.rego} in the Maven build; any failing Rego test fails the build. */
class RegoPolicyTestsTest {

    static Stream<String> policySets() {
        return Stream.of("dev/maa/policies/rego", PolicySet.DEMO, "dev/maa/policies/examples/bulk-wipe");
    }

    @ParameterizedTest
    @MethodSource("policySets")
    void regoTests_ofShippedPolicySet_allPass(String prefix) {
        PolicySet set = prefix.endsWith("/rego") ? PolicySet.of(java.util.Map.of()) : PolicySet.fromClasspath(prefix);
        PolicyTestReport report = PolicyTestRunner.run(CompiledPolicy.compile(set, EvalLimits.DEFAULT));
        assertThat(report.results()).isNotEmpty();
        assertThat(report.failures()).as(report.summary()).isEmpty();
    }
}

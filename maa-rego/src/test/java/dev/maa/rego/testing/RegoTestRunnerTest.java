package dev.maa.rego.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegoTestRunnerTest {
    @Test
    void run_reportsFailuresWithLocation_andTotals() {
        Map<String, String> modules = new LinkedHashMap<>();
        modules.put("policy.rego", "package p\nallow if input.user == \"alice\"");
        modules.put("policy_test.rego", """
        package p_test

        import data.p

        test_alice_allowed if p.allow with input as {"user": "alice"}

        test_bob_allowed if p.allow with input as {"user": "bob"}
        """);
        TestReport r = new RegoTestRunner().run(modules);
        assertThat(r.totalsLine()).isEqualTo("1 passed, 1 failed");
        assertThat(r.format()).contains("FAIL data.p_test.test_bob_allowed (policy_test.rego:7:1)");
    }
}

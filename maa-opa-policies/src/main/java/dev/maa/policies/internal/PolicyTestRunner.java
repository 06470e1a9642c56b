package dev.maa.policies.internal;

import dev.maa.policies.PolicyTestReport;
import dev.maa.rego.RegoException;
import dev.maa.rego.testing.RegoTestRunner;
import dev.maa.rego.testing.TestReport;
import dev.maa.rego.testing.TestResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a policy set's {@code test_*} rules ({@code *_test.rego}, built-in and custom) through maa-rego's
 * {@code opa test}-style runner, with the set's data loaded as OPA would have it.
 */
public final class PolicyTestRunner {

    private PolicyTestRunner() {}

    public static PolicyTestReport run(CompiledPolicy policy) {
        PolicyModules modules = policy.modules();
        Map<String, String> all = new LinkedHashMap<>(modules.policies());
        all.putAll(modules.tests());
        TestReport report;
        try {
            report = new RegoTestRunner().data(modules.data()).run(all);
        } catch (RegoException e) {
            throw CompiledPolicy.invalid(e);
        }
        List<PolicyTestReport.Result> results = new ArrayList<>();
        for (TestResult r : report.results()) {
            String where = r.location().line() > 0
                    ? r.location().toString()
                    : r.location().file();
            results.add(new PolicyTestReport.Result(where, r.name(), r.passed(), r.message()));
        }
        return new PolicyTestReport(policy.revision(), results);
    }
}

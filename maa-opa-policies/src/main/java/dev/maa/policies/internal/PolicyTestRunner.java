package dev.maa.policies.internal;

import dev.maa.policies.PolicyTestReport;
import dev.maa.rego.QueryResult;
import dev.maa.rego.RegoException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the {@code test_*} rules of a compiled policy's {@code *_test.rego} modules: a test passes when
 * its rule is defined and true, as in {@code opa test}.
 */
public final class PolicyTestRunner {

    private static final Pattern TEST_RULE = Pattern.compile("(?m)^(test_[A-Za-z0-9_]*)\\b");

    private PolicyTestRunner() {
    }

    public static PolicyTestReport run(CompiledPolicy policy) {
        List<PolicyTestReport.Result> results = new ArrayList<>();
        for (Map.Entry<String, String> e : policy.modules().tests().entrySet()) {
            String pkg = PolicyModules.packageOf(e.getValue()).orElse("");
            Set<String> names = new LinkedHashSet<>();
            Matcher m = TEST_RULE.matcher(e.getValue());
            while (m.find()) {
                names.add(m.group(1));
            }
            for (String rule : names) {
                String query = "data." + pkg + "." + rule;
                results.add(runOne(policy, e.getKey(), query));
            }
        }
        return new PolicyTestReport(policy.revision(), results);
    }

    private static PolicyTestReport.Result runOne(CompiledPolicy policy, String file, String query) {
        try {
            QueryResult r = policy.engine().prepare(query).eval(null);
            if (!r.isDefined()) {
                return new PolicyTestReport.Result(file, query, false, "undefined (a condition in the test is false)");
            }
            boolean ok = Boolean.TRUE.equals(r.value());
            return new PolicyTestReport.Result(file, query, ok, ok ? "" : "evaluated to " + r.value());
        } catch (RegoException ex) {
            return new PolicyTestReport.Result(file, query, false, "error: " + ex.getMessage());
        }
    }
}

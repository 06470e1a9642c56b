package dev.maa.policies;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The outcome of a policy set's Rego tests ({@code test_*} rules in {@code *_test.rego}).
 *
 * @param revision the policy revision tested
 * @param results  one entry per test, in file and rule order
 */
public record PolicyTestReport(String revision, List<Result> results) {

    /**
     * One test.
     *
     * @param file    the test module
     * @param name    {@code data.<package>.<rule>}
     * @param passed  whether the rule evaluated to true
     * @param message why it failed (undefined, false, or an evaluation error), empty if passed
     */
    public record Result(String file, String name, boolean passed, String message) {}

    public PolicyTestReport {
        results = List.copyOf(results);
    }

    public long passed() {
        return results.stream().filter(Result::passed).count();
    }

    public long failed() {
        return results.size() - passed();
    }

    public boolean allPassed() {
        return failed() == 0;
    }

    public List<Result> failures() {
        return results.stream().filter(r -> !r.passed()).toList();
    }

    /** {@code opa test}-style text: failures with their reason, then "N passed, N failed". */
    public String summary() {
        String failures = failures().stream()
                .map(r -> "FAIL " + r.file() + ": " + r.name() + ": " + r.message())
                .collect(Collectors.joining("\n"));
        return (failures.isEmpty() ? "" : failures + "\n") + passed() + " passed, " + failed() + " failed";
    }
}

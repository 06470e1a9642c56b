package dev.maa.rego.testing;

import java.util.List;

/** Results of a test run, printable like {@code opa test}. */
public record TestReport(List<TestResult> results) {
    public long passed() {
        return results.stream().filter(TestResult::passed).count();
    }

    public long failed() {
        return results.size() - passed();
    }

    /** {@code N passed, N failed}. */
    public String totalsLine() {
        return passed() + " passed, " + failed() + " failed";
    }

    /** Each failure with its location, then the totals line. */
    public String format() {
        StringBuilder sb = new StringBuilder();
        for (TestResult r : results) {
            if (!r.passed()) {
                sb.append("FAIL ")
                        .append(r.name())
                        .append(" (")
                        .append(r.location())
                        .append(")");
                if (!r.message().isEmpty()) {
                    sb.append(": ").append(r.message());
                }
                sb.append('\n');
            }
        }
        sb.append(totalsLine()).append('\n');
        return sb.toString();
    }
}

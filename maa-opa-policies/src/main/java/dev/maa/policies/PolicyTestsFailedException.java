package dev.maa.policies;

import dev.maa.api.MaaConfigurationException;

/** A push whose policy tests fail; it is refused unless forced with a justification, which is then recorded. */
public class PolicyTestsFailedException extends MaaConfigurationException {

    private static final long serialVersionUID = 1L;

    private final transient PolicyTestReport report;

    public PolicyTestsFailedException(PolicyTestReport report) {
        super("Policy tests fail, so the push was refused:\n" + report.summary()
                + "\nFix the policy or the tests; to push anyway, force it with a justification (maa policy push --force"
                + " --justification \"...\"), which is recorded with the revision.");
        this.report = report;
    }

    public PolicyTestReport report() {
        return report;
    }
}

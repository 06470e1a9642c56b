package dev.maa.policies;

import dev.maa.api.MaaConfigurationException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A policy set that cannot be used: invalid data, a Rego parse or compile error, or failing policy tests.
 * The operator fixes the named files; the previously active policy stays in force meanwhile.
 */
public class PolicyValidationException extends MaaConfigurationException {

    private static final long serialVersionUID = 1L;

    private final transient List<PolicyProblem> problems;

    public PolicyValidationException(String what, List<PolicyProblem> problems) {
        this(what, problems, null);
    }

    public PolicyValidationException(String what, List<PolicyProblem> problems, Throwable cause) {
        super(message(what, problems), cause);
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, in file order. */
    public List<PolicyProblem> problems() {
        return problems;
    }

    private static String message(String what, List<PolicyProblem> problems) {
        return what + " (" + problems.size() + (problems.size() == 1 ? " problem" : " problems") + "):\n  "
                + problems.stream().map(PolicyProblem::toString).collect(Collectors.joining("\n  "))
                + "\nFix the file(s) and run 'maa policy test' before pushing.";
    }
}

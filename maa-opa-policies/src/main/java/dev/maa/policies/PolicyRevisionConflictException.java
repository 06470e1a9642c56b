package dev.maa.policies;

import dev.maa.api.MaaCallerException;
import dev.maa.api.MaaException;

/** Another policy revision was activated first; the push must be re-based on the new active revision and resubmitted. */
public class PolicyRevisionConflictException extends MaaCallerException {

    private static final long serialVersionUID = 1L;

    public PolicyRevisionConflictException(long number) {
        super(
                MaaException.Kind.CONFLICT,
                "Policy revision " + number
                        + " already exists: another change was activated meanwhile. Run 'maa policy list',"
                        + " review the active revision and push your change again.");
    }
}

package dev.maa.policies;

import dev.maa.api.MaaCallerException;
import dev.maa.api.MaaException;

/**
 * A {@link PolicyEdit} that cannot apply to the active set: it names a policy or module the set does not have, or
 * gives a policy a name another one has. Nothing was changed; the message says what to send instead.
 */
public class PolicyEditException extends MaaCallerException {

    private static final long serialVersionUID = 1L;

    private final String field;

    private PolicyEditException(Kind kind, String field, String message) {
        super(kind, message);
        this.field = field;
    }

    static PolicyEditException invalid(String field, String message) {
        return new PolicyEditException(MaaException.Kind.INVALID_INPUT, field, message + " No policy was changed.");
    }

    static PolicyEditException noPolicy(String name) {
        return new PolicyEditException(
                MaaException.Kind.NOT_FOUND,
                "name",
                "The active policy set has no access policy named '" + name
                        + "'. Reload the policies and edit one that exists. No policy was changed.");
    }

    static PolicyEditException noModule(String path) {
        return new PolicyEditException(
                MaaException.Kind.NOT_FOUND,
                "path",
                "The active policy set has no module " + path + ". Reload the policies. No policy was changed.");
    }

    static PolicyEditException nameTaken(String name) {
        return new PolicyEditException(
                MaaException.Kind.CONFLICT,
                "name",
                "An access policy named '" + name
                        + "' already exists; choose another name or edit that policy. No policy was changed.");
    }

    /** The field of the edit that is wrong: {@code name}, {@code path}. */
    public String field() {
        return field;
    }
}

package dev.maa.api;

/** The policy engine could not decide (OPA unreachable, policy failed to evaluate); the call did not run. */
public class PolicyUnavailableException extends MaaUnavailableException {

    private static final long serialVersionUID = 1L;

    public PolicyUnavailableException(String message, Throwable cause) {
        super(
                message + " The protected call was not executed (fail closed); retry when the policy engine is back.",
                cause);
    }
}

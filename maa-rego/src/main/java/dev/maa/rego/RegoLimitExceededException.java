package dev.maa.rego;

/**
 * Evaluation stopped because it exceeded a configured {@link EvalLimits} bound (steps, depth or
 * time); raise the limit or fix the runaway policy.
 */
public class RegoLimitExceededException extends RegoEvalException {
    public RegoLimitExceededException(Location location, String text) {
        super("eval_limit_error", location, text);
    }
}

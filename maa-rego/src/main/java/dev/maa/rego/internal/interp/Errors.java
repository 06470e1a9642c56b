package dev.maa.rego.internal.interp;

import dev.maa.rego.Location;
import dev.maa.rego.RegoEvalException;

/** Factories for evaluation errors with OPA's codes and messages. */
final class Errors {
    private Errors() {}

    static RegoEvalException conflict(Location loc, String text) {
        return new RegoEvalException("eval_conflict_error", loc, text);
    }

    /**
     * A complete rule with two values. OPA releases word this differently ("complete rules must not
     * produce multiple outputs" / "rule X produced conflicting values"); the message carries both.
     */
    static RegoEvalException ruleConflict(Location loc, String path) {
        return conflict(
                loc, "complete rules must not produce multiple outputs: rule " + path + " produced conflicting values");
    }

    /** A function with two outputs for the same inputs; both OPA wordings, as for rules. */
    static RegoEvalException functionConflict(Location loc, String path) {
        return conflict(
                loc,
                "functions must not produce multiple outputs for same inputs: function " + path
                        + " produced conflicting values for the same inputs");
    }
}

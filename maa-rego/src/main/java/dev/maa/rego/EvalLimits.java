package dev.maa.rego;

import java.time.Duration;

/**
 * Bounds on one evaluation so that a runaway policy stops with a clear error instead of hanging.
 *
 * @param maxSteps maximum evaluation steps (expression evaluations and rule entries)
 * @param maxDepth maximum nesting of rule and function calls
 * @param timeout wall-clock limit per evaluation
 */
public record EvalLimits(long maxSteps, int maxDepth, Duration timeout) {
    /** Generous defaults: 50M steps, depth 500, 10 s. */
    public static final EvalLimits DEFAULT = new EvalLimits(50_000_000L, 500, Duration.ofSeconds(10));

    public EvalLimits {
        if (maxSteps <= 0 || maxDepth <= 0 || timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("EvalLimits need maxSteps > 0, maxDepth > 0 and a positive timeout; got "
                    + maxSteps + ", " + maxDepth + ", " + timeout);
        }
    }

    public static EvalLimits of(long maxSteps, int maxDepth, Duration timeout) {
        return new EvalLimits(maxSteps, maxDepth, timeout);
    }
}

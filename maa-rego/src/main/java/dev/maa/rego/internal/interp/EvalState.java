package dev.maa.rego.internal.interp;

import dev.maa.rego.EvalLimits;
import dev.maa.rego.Location;
import dev.maa.rego.RegoLimitExceededException;
import dev.maa.rego.builtins.BuiltinContext;
import dev.maa.rego.builtins.BuiltinRegistry;
import dev.maa.rego.internal.compile.RuleNode;
import dev.maa.rego.value.Value;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Mutable state of one query evaluation: input, data, {@code with} overrides, the per-evaluation
 * memo of rule values, and the limit counters. Never shared between threads.
 */
public final class EvalState implements BuiltinContext {
    /** A {@code with data.x.y as v} override. */
    public record DataOverride(List<String> path, Value value) {}

    /** Snapshot of the with-dependent state. */
    record Frame(Value input, List<DataOverride> overrides, Map<String, Object> mocks, Memo memo) {}

    /**
     * Memo key of a function call: the function's node and its argument values. It holds the call's own argument
     * array (never modified after the call) instead of a list copy of it.
     */
    record CallKey(RuleNode fn, Value[] args) {
        @Override
        public boolean equals(Object o) {
            return o instanceof CallKey k && k.fn == fn && java.util.Arrays.equals(k.args, args);
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(fn) * 31 + java.util.Arrays.hashCode(args);
        }

        @Override
        public String toString() {
            return fn.path + java.util.Arrays.toString(args);
        }
    }

    static final Object UNDEFINED = new Object();

    final RuleNode root;
    final Value data;
    final BuiltinRegistry registry;
    final boolean strictBuiltinErrors;
    Value input;
    List<DataOverride> overrides = List.of();
    Map<String, Object> mocks = Map.of();
    /** Rule values (by node) and function results (by {@link CallKey}) of this evaluation. */
    Memo memo = new Memo();

    private final EvalLimits limits;
    private final long deadline;
    private long nowNs = Long.MIN_VALUE;
    private final Consumer<String> printSink;
    private long steps;
    private int depth;

    public EvalState(
            RuleNode root,
            Value data,
            Value input,
            BuiltinRegistry registry,
            EvalLimits limits,
            boolean strictBuiltinErrors,
            Consumer<String> printSink) {
        this.root = root;
        this.data = data;
        this.input = input;
        this.registry = registry;
        this.limits = limits;
        this.strictBuiltinErrors = strictBuiltinErrors;
        this.printSink = printSink;
        this.deadline = System.nanoTime() + limits.timeout().toNanos();
    }

    Frame frame() {
        return new Frame(input, overrides, mocks, memo);
    }

    void restore(Frame f) {
        input = f.input();
        overrides = f.overrides();
        mocks = f.mocks();
        memo = f.memo();
    }

    void step(Location loc) {
        if (++steps > limits.maxSteps()) {
            throw new RegoLimitExceededException(
                    loc,
                    "evaluation exceeded " + limits.maxSteps()
                            + " steps; raise EvalLimits.maxSteps or simplify the policy");
        }
        if ((steps & 1023) == 0 && System.nanoTime() > deadline) {
            throw new RegoLimitExceededException(
                    loc,
                    "evaluation exceeded the time limit of " + limits.timeout()
                            + "; raise EvalLimits.timeout or simplify the policy");
        }
    }

    void enter(Location loc) {
        if (++depth > limits.maxDepth()) {
            throw new RegoLimitExceededException(
                    loc,
                    "evaluation exceeded the maximum depth of " + limits.maxDepth()
                            + " nested rule/function calls; raise EvalLimits.maxDepth");
        }
    }

    void exit() {
        depth--;
    }

    @Override
    public long nowNs() {
        if (nowNs == Long.MIN_VALUE) {
            java.time.Instant now = java.time.Instant.now();
            nowNs = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }
        return nowNs;
    }

    @Override
    public void print(String line) {
        printSink.accept(line);
    }
}

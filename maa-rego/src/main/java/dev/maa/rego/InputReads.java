package dev.maa.rego;

import java.util.List;

/**
 * What a compiled policy can read of {@code input}: the paths under it ({@code input.principal.groups} is
 * {@code [principal, groups]}), each read with everything below it, or, when that cannot be bounded, the whole input
 * ({@link #whole()}: {@code input} used as a value, a key that is not a constant string right after {@code input}).
 *
 * <p>Why: a caller that replays many inputs (a what-if over a decision log) may evaluate once for all inputs that
 * agree on these paths, since an evaluation reads nothing else of the input. Found in the compiled rules (every rule,
 * function and comprehension of every module, and the values of {@code with} modifiers), so imports, variables bound
 * with {@code :=} to a part of the input ({@code p := input.principal; p.groups}) and functions are followed; a
 * non-constant key ends a path there ({@code input.a[k]} reads all of {@code input.a}). It over-approximates: a rule
 * that the query never reaches still counts.
 *
 * @param whole true when the input is read whole; {@link #paths()} is empty then
 * @param paths the paths read, none a prefix of another, shortest first, then in order
 */
public record InputReads(boolean whole, List<List<String>> paths) {

    /** The whole input is read. */
    public static final InputReads WHOLE = new InputReads(true, List.of());

    public InputReads {
        paths = paths.stream().map(List::copyOf).toList();
        if (whole && !paths.isEmpty()) {
            throw new IllegalArgumentException("an input read whole has no paths");
        }
    }
}

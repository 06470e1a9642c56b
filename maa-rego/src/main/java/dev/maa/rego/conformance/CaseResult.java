package dev.maa.rego.conformance;

/**
 * Outcome of one conformance case.
 *
 * @param category first directory below the conformance root
 * @param file path relative to the root
 * @param note the case's note
 * @param status passed, failed or skipped
 * @param cause why it did not pass ({@link Cause#NONE} when passed)
 * @param builtin the builtin behind a {@link Cause#NETWORK} or {@link Cause#MISSING_BUILTIN} cause,
 *     empty otherwise
 * @param reason why it failed or was skipped (empty when passed)
 */
public record CaseResult(
        String category, String file, String note, Status status, Cause cause, String builtin, String reason) {
    /** Case status. */
    public enum Status {
        PASSED,
        FAILED,
        SKIPPED
    }

    /**
     * Why a case did not pass. Only {@link #OTHER} is a defect of the engine's language support:
     * a wrong answer, a construct it does not parse, or an error where OPA has none.
     */
    public enum Cause {
        /** The case passed. */
        NONE,
        /** The case needs the network (a builtin the sandboxed engine refuses by design). */
        NETWORK,
        /** The case calls a builtin this engine does not implement (yet). */
        MISSING_BUILTIN,
        /**
         * A different answer from the case's, where other copies of OPA's own suite expect this
         * engine's answer (see {@link Superseded}): reported as failed, with the evidence.
         */
        SUPERSEDED,
        /** Anything else: a different answer from OPA's. */
        OTHER
    }

    static CaseResult passed(String category, String file, String note) {
        return new CaseResult(category, file, note, Status.PASSED, Cause.NONE, "", "");
    }
}

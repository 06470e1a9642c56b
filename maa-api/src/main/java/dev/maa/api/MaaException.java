package dev.maa.api;

/**
 * Root of every exception MAA throws. Subclasses are split by who must act, see {@link #responsible()}.
 * Messages say what failed, for which id, in what state, and what to do next.
 */
public abstract class MaaException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Who can fix the situation. */
    public enum Responsible {
        /** The caller: different input, a justification, wait for approval, ask someone else. */
        CALLER,
        /** The operator: configuration, annotations, allow-lists, policies. */
        OPERATOR,
        /** The environment: a store or policy server is down; retry later. */
        ENVIRONMENT
    }

    protected MaaException(String message) {
        super(message);
    }

    protected MaaException(String message, Throwable cause) {
        super(message, cause);
    }

    public abstract Responsible responsible();
}

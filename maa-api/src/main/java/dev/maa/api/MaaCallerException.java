package dev.maa.api;

/** A problem the caller of a protected method or of an approval operation must act on. */
public abstract class MaaCallerException extends MaaException {

    private static final long serialVersionUID = 1L;

    /** {@code kind} must be one the caller acts on ({@link Kind#responsible()} is {@code CALLER}). */
    protected MaaCallerException(Kind kind, String message) {
        super(callerKind(kind), message);
    }

    private static Kind callerKind(Kind kind) {
        if (kind.responsible() != Responsible.CALLER) {
            throw new IllegalArgumentException(kind + " is not a caller's kind of failure");
        }
        return kind;
    }
}

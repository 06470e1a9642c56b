package dev.maa.api;

/** A problem the caller of a protected method or of an approval operation must act on. */
public abstract class MaaCallerException extends MaaException {

    private static final long serialVersionUID = 1L;

    protected MaaCallerException(String message) {
        super(message);
    }

    @Override
    public Responsible responsible() {
        return Responsible.CALLER;
    }
}

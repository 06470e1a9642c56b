package dev.maa.api;

/** Something MAA depends on is unavailable; protected calls fail closed until it is back. */
public abstract class MaaUnavailableException extends MaaException {

    private static final long serialVersionUID = 1L;

    protected MaaUnavailableException(String message, Throwable cause) {
        super(Kind.UNAVAILABLE, message, cause);
    }
}

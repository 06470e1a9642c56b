package dev.maa.api;

/** The request store could not be reached; the protected call did not run and nothing was recorded. */
public class StoreUnavailableException extends MaaUnavailableException {

    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message, Throwable cause) {
        super(message + " Nothing was executed (fail closed); retry when the store is back.", cause);
    }
}

package dev.maa.api;

/**
 * What would run is not what was approved: the parked payload's digest does not match the digest the
 * request and its approvals were bound to. The call is refused and the request marked failed.
 */
public class PayloadIntegrityException extends MaaCallerException {

    private static final long serialVersionUID = 1L;

    public PayloadIntegrityException(String requestId, String expected, String actual) {
        super("Refusing to execute request " + requestId + ": its parked call has digest " + actual
                + " but was approved with " + expected + ". The stored payload was altered; investigate the store "
                + "and check `maa audit verify`.");
    }
}

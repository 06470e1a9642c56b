package dev.maa.api;

/**
 * What would run is not what was approved: the parked payload's digest does not match the digest the
 * request and its approvals were bound to. The call is refused and the request marked failed; a review of such a
 * request is refused too ({@link #review}), so nobody approves or rejects a payload other than the one parked.
 */
public class PayloadIntegrityException extends MaaCallerException {

    private static final long serialVersionUID = 1L;

    private final String requestId;

    public PayloadIntegrityException(String requestId, String expected, String actual) {
        this(
                requestId,
                "Refusing to execute request " + requestId + ": its parked call has digest " + actual
                        + " but was approved with " + expected
                        + ". The stored payload was altered; investigate the store and verify the audit log.");
    }

    private PayloadIntegrityException(String requestId, String message) {
        super(Kind.CONFLICT, message);
        this.requestId = requestId;
    }

    @Override
    public String requestId() {
        return requestId;
    }

    /** A review refused because the stored payload of {@code requestId} no longer has its digest. */
    public static PayloadIntegrityException review(String requestId, String verb, String expected, String actual) {
        return new PayloadIntegrityException(
                requestId,
                "Refusing to " + verb + " request " + requestId + ": its stored payload"
                        + " does not match its digest (payload " + actual + ", parked as " + expected + "), so what you"
                        + " would review is not what was parked. The payload was altered in the store; investigate the store, verify"
                        + " the audit log, and have the requester cancel the request and make the call again.");
    }
}

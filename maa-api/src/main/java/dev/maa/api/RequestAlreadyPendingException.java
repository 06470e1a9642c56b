package dev.maa.api;

/** Another request for the same object is still open; only one may be pending per object. */
public class RequestAlreadyPendingException extends MaaCallerException {

    private static final long serialVersionUID = 1L;

    private final String pendingRequestId;
    private final String resourceKey;

    public RequestAlreadyPendingException(String resourceKey, String pendingRequestId, Status pendingStatus) {
        super(
                Kind.CONFLICT,
                "Request " + pendingRequestId + " for " + resourceKey + " is still " + pendingStatus
                        + "; an object can have one open request at a time. Wait for it to finish, or cancel it if it is"
                        + " yours.");
        this.pendingRequestId = pendingRequestId;
        this.resourceKey = resourceKey;
    }

    /** The open request, which is what this error is about. */
    @Override
    public String requestId() {
        return pendingRequestId;
    }

    public String pendingRequestId() {
        return pendingRequestId;
    }

    public String resourceKey() {
        return resourceKey;
    }
}

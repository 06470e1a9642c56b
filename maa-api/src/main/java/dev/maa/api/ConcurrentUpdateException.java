package dev.maa.api;

/**
 * Someone else changed the request between read and write (optimistic lock). The store rejected the
 * write; the caller may re-read and retry.
 */
public class ConcurrentUpdateException extends MaaCallerException {

    private static final long serialVersionUID = 1L;

    public ConcurrentUpdateException(String requestId, Status expectedStatus, long expectedVersion) {
        super(
                Kind.CONFLICT,
                "Request " + requestId + " changed concurrently (expected " + expectedStatus
                        + " v" + expectedVersion
                        + "); re-read it and retry.");
    }
}

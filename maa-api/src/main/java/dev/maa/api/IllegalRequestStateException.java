package dev.maa.api;

import java.util.Set;

/** The operation does not apply to a request in its current status (e.g. approving a canceled request). */
public class IllegalRequestStateException extends MaaCallerException {

    private static final long serialVersionUID = 1L;

    private final Status status;
    private final String requestId;

    public IllegalRequestStateException(String requestId, String operation, Status status, Set<Status> allowed) {
        super(
                Kind.CONFLICT,
                "Cannot " + operation + " request " + requestId + ": it is " + status + "; " + operation + " needs "
                        + allowed + ".");
        this.status = status;
        this.requestId = requestId;
    }

    public IllegalRequestStateException(String message, Status status) {
        super(Kind.CONFLICT, message);
        this.status = status;
        this.requestId = null;
    }

    @Override
    public String requestId() {
        return requestId;
    }

    public Status status() {
        return status;
    }
}

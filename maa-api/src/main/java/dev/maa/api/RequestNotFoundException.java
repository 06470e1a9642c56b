package dev.maa.api;

/** No request has this id. */
public class RequestNotFoundException extends MaaCallerException {

    private static final long serialVersionUID = 1L;

    private final String requestId;

    public RequestNotFoundException(String requestId) {
        super(Kind.NOT_FOUND, "No approval request with id '" + requestId + "'.");
        this.requestId = requestId;
    }

    @Override
    public String requestId() {
        return requestId;
    }
}

package dev.maa.api;

/** No request has this id. */
public class RequestNotFoundException extends MaaCallerException {

    private static final long serialVersionUID = 1L;

    public RequestNotFoundException(String requestId) {
        super(
                Kind.NOT_FOUND,
                "No approval request with id '" + requestId + "'. List requests with `maa requests list --all`.");
    }
}

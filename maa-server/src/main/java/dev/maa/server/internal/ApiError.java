package dev.maa.server.internal;

/**
 * A refusal decided by the server itself (bad input, missing authentication, unknown route), rendered as
 * problem+json. {@code title} says what to do; {@code detail} names the field or the reason.
 */
public final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String type;
    private final String title;

    private ApiError(int status, String type, String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
    }

    public static ApiError badRequest(String field, String detail) {
        return new ApiError(400, "bad-request", "Fix the request: '" + field + "' is invalid", detail);
    }

    public static ApiError unsupportedMediaType(String detail) {
        return new ApiError(415, "unsupported-media-type", "Send the body as application/json", detail);
    }

    public static ApiError unauthenticated(String detail) {
        return new ApiError(401, "unauthenticated",
                "Authenticate: send 'Authorization: Bearer <token>' with a valid, unexpired token", detail);
    }

    public static ApiError forbidden(String detail) {
        return new ApiError(403, "forbidden", "Ask an administrator with the required group membership", detail);
    }

    public static ApiError notFound(String detail) {
        return new ApiError(404, "not-found", "Check the path or the request id", detail);
    }

    public static ApiError notImplemented(String title, String detail) {
        return new ApiError(501, "not-implemented", title, detail);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }
}

package dev.maa.server.internal;

import dev.maa.api.MaaException.Kind;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A refusal decided by the server itself (bad input, missing authentication, unknown route), rendered as
 * problem+json. {@code title} says what to do; {@code detail} names the field or the reason. Its {@link #kind()}
 * is the one {@code MaaException} {@link Kind} the CLI reads, so {@code maa --server} exits as it would locally; the
 * status may be more precise than the kind's (401, 415, 501).
 */
public final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final Kind kind;
    private final String type;
    private final String title;
    private final transient Map<String, Object> extensions;

    private ApiError(int status, Kind kind, String type, String title, String detail) {
        this(status, kind, type, title, detail, Map.of());
    }

    private ApiError(int status, Kind kind, String type, String title, String detail, Map<String, Object> extensions) {
        super(detail, null, false, false);
        this.status = status;
        this.kind = kind;
        this.type = type;
        this.title = title;
        this.extensions = extensions;
    }

    /** This error with one more problem+json member (RFC 9457 extension), e.g. the {@code problems} of a policy. */
    public ApiError with(String member, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(extensions);
        m.put(member, value);
        return new ApiError(status, kind, type, title, getMessage(), m);
    }

    /** A refusal because the state changed under the caller (409): reload, re-apply, resend. */
    public static ApiError conflict(String type, String title, String detail) {
        return new ApiError(409, Kind.CONFLICT, type, title, detail);
    }

    public static ApiError badRequest(String field, String detail) {
        return new ApiError(
                400, Kind.INVALID_INPUT, "bad-request", "Fix the request: '" + field + "' is invalid", detail);
    }

    public static ApiError unsupportedMediaType(String detail) {
        return new ApiError(
                415, Kind.INVALID_INPUT, "unsupported-media-type", "Send the body as application/json", detail);
    }

    public static ApiError unauthenticated(String detail) {
        return new ApiError(
                401,
                Kind.NOT_ALLOWED,
                "unauthenticated",
                "Authenticate: send 'Authorization: Bearer <token>' with a valid, unexpired token",
                detail);
    }

    public static ApiError forbidden(String detail) {
        return new ApiError(
                403, Kind.NOT_ALLOWED, "forbidden", "Ask an administrator with the required group membership", detail);
    }

    public static ApiError notFound(String detail) {
        return new ApiError(404, Kind.NOT_FOUND, "not-found", "Check the path or the request id", detail);
    }

    public static ApiError notImplemented(String title, String detail) {
        return new ApiError(501, Kind.CONFIGURATION, "not-implemented", title, detail);
    }

    public int status() {
        return status;
    }

    public Kind kind() {
        return kind;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    /** The extension members, in the order they were added. */
    public Map<String, Object> extensions() {
        return extensions;
    }
}

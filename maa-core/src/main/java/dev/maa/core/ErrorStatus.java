package dev.maa.core;

import dev.maa.api.MaaException.Kind;

/**
 * The HTTP status an MAA error of each {@link Kind} is answered with: the one place that decides it, for {@code maa
 * serve}'s REST API and the Spring Boot starter's answers alike (the CLI maps the same kinds to exit codes, and reads
 * {@code kind} from a problem+json body, so every path agrees). Public because it is part of the REST contract that
 * openapi.json documents.
 */
public final class ErrorStatus {

    private ErrorStatus() {}

    /** The HTTP status of {@code kind}: 4xx for the caller's errors, 5xx for the operator's and outages. */
    public static int of(Kind kind) {
        return switch (kind) {
            case NOT_FOUND -> 404;
            case NOT_ALLOWED -> 403;
            // a route that parks a call on purpose answers 202 itself; reaching here the call did not run
            case CONFLICT, APPROVAL_REQUIRED -> 409;
            case INVALID_INPUT -> 400;
            case CONFIGURATION -> 500;
            case UNAVAILABLE -> 503;
        };
    }
}

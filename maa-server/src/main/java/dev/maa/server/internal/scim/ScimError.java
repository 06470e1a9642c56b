package dev.maa.server.internal.scim;

import dev.maa.server.internal.Json;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A SCIM refusal (RFC 7644 section 3.12): rendered as {@code urn:ietf:params:scim:api:messages:2.0:Error} with the
 * HTTP status, the {@code scimType} where the RFC defines one, and a {@code detail} naming what was wrong and what
 * to send instead. Thrown before anything is written, or from inside the store's transaction, which it rolls back.
 */
final class ScimError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    static final String SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";

    private final int status;
    private final String scimType;

    private ScimError(int status, String scimType, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.scimType = scimType;
    }

    static ScimError invalidFilter(String detail) {
        return new ScimError(400, "invalidFilter", detail);
    }

    static ScimError invalidSyntax(String detail) {
        return new ScimError(400, "invalidSyntax", detail);
    }

    static ScimError invalidValue(String detail) {
        return new ScimError(400, "invalidValue", detail);
    }

    static ScimError invalidPath(String detail) {
        return new ScimError(400, "invalidPath", detail);
    }

    static ScimError noTarget(String detail) {
        return new ScimError(400, "noTarget", detail);
    }

    static ScimError uniqueness(String detail) {
        return new ScimError(409, "uniqueness", detail);
    }

    static ScimError notFound(String resourceType, String id) {
        return new ScimError(
                404,
                null,
                "No " + resourceType + " with id '" + shown(id) + "'. List them with GET /scim/v2/" + resourceType
                        + "s?filter=...");
    }

    static ScimError unauthorized(String detail) {
        return new ScimError(401, null, detail);
    }

    static ScimError preconditionFailed(String current) {
        return new ScimError(
                412,
                null,
                "The resource changed since it was read: it is at version " + current
                        + ". GET it again and send that version in If-Match.");
    }

    static ScimError of(int status, String detail) {
        return new ScimError(status, null, detail);
    }

    int status() {
        return status;
    }

    /** Writes this error as the response. */
    void render(Context ctx) {
        write(ctx, status, scimType, getMessage());
    }

    static void write(Context ctx, int status, String scimType, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("schemas", List.of(SCHEMA));
        body.put("status", String.valueOf(status));
        if (scimType != null) {
            body.put("scimType", scimType);
        }
        body.put("detail", detail);
        if (status == 401) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"maa-scim\"");
        }
        ctx.status(status).contentType(ScimJson.CONTENT_TYPE).result(Json.write(body));
    }

    /** {@code s} with anything but visible ASCII replaced and at most 80 characters, for echoing input back. */
    static String shown(String s) {
        String p = String.valueOf(s).replaceAll("[^\\x21-\\x7e ]", "?");
        return p.length() > 80 ? p.substring(0, 80) + "..." : p;
    }
}

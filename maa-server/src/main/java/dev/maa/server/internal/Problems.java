package dev.maa.server.internal;

import dev.maa.api.MaaException;
import dev.maa.api.MaaException.Kind;
import dev.maa.core.ErrorStatus;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders every error as RFC 9457 {@code application/problem+json}: {@code type}, {@code title} (what to do),
 * {@code status}, {@code detail}, {@code instance}, and {@code kind} (the {@link MaaException.Kind}, which the CLI
 * turns into the exit code it would give locally), and {@code requestId} when the error is about one request (the CLI
 * prints its next step from the two; messages name no client's commands). Status and title are one exhaustive switch over the kind
 * ({@link #status(Kind)}); the problem type of a caller's error names its exception. Stack traces never leave the
 * server: unexpected failures, and errors the operator or the environment must fix, get a generic text and an
 * incident id that is logged with the trace.
 */
public final class Problems {

    public static final String CONTENT_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://maa.dev/problems/";
    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

    private Problems() {}

    public static void write(Context ctx, int status, String type, String title, String detail) {
        write(ctx, status, null, type, title, detail);
    }

    private static void write(Context ctx, int status, Kind kind, String type, String title, String detail) {
        write(ctx, status, kind, type, title, detail, null);
    }

    private static void write(
            Context ctx, int status, Kind kind, String type, String title, String detail, String requestId) {
        write(ctx, status, kind, type, title, detail, requestId, Map.of());
    }

    private static void write(
            Context ctx,
            int status,
            Kind kind,
            String type,
            String title,
            String detail,
            String requestId,
            Map<String, Object> extensions) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", TYPE_BASE + type);
        p.put("title", title);
        p.put("status", status);
        if (kind != null) {
            p.put("kind", kind.name());
        }
        p.put("detail", detail == null ? "" : detail);
        p.put("instance", ctx.path());
        if (requestId != null) {
            p.put("requestId", requestId);
        }
        extensions.forEach(p::putIfAbsent);
        ctx.status(status);
        if (status == 401) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"maa\"");
        }
        ctx.contentType(CONTENT_TYPE).result(Json.write(p));
    }

    public static void apiError(ApiError e, Context ctx) {
        write(ctx, e.status(), e.kind(), e.type(), e.title(), e.getMessage(), null, e.extensions());
    }

    /**
     * Maps the MaaException family by its kind. Messages of the caller's errors are written for users and sent as
     * they are; the others may name paths or settings, so they are logged under an incident id instead.
     */
    public static void maa(MaaException e, Context ctx) {
        Kind kind = e.kind();
        if (kind.responsible() == MaaException.Responsible.CALLER) {
            write(ctx, ErrorStatus.of(kind), kind, type(e), title(kind), e.getMessage(), e.requestId());
            return;
        }
        String incident = incident(e);
        String detail = kind == Kind.UNAVAILABLE
                ? "Nothing was changed or executed (fail closed). Incident " + incident + "."
                : "The server's MAA configuration refused the operation; the operator finds the cause in the server"
                        + " log under incident " + incident + ".";
        write(ctx, ErrorStatus.of(kind), kind, kind.name().toLowerCase(Locale.ROOT), title(kind), detail);
    }

    private static String title(Kind kind) {
        return switch (kind) {
            case NOT_FOUND -> "Check the id: there is no such request or item";
            case NOT_ALLOWED -> "Ask someone allowed to do this (a different member of the approver groups)";
            case CONFLICT -> "Reload: the current state does not allow this action";
            case INVALID_INPUT -> "Fix the input and send it again";
            case APPROVAL_REQUIRED -> "Wait for approval: the call was parked as a request";
            case CONFIGURATION -> "Ask the operator to fix the MAA configuration";
            case UNAVAILABLE -> "Retry later: the request store, policy engine or directory is unavailable";
        };
    }

    /** The problem type of a caller's error: its exception's name, e.g. {@code review-not-allowed}. */
    private static String type(MaaException e) {
        String name = e.getClass().getSimpleName().replaceFirst("Exception$", "");
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** Javalin's own errors (unknown route, method, oversized body). */
    public static void http(HttpResponseException e, Context ctx) {
        int status = e.getStatus();
        if (status >= 500) {
            unexpected(e, ctx);
            return;
        }
        write(ctx, status, "http-" + status, titleFor(status), safeText(e.getMessage()));
    }

    public static void unexpected(Exception e, Context ctx) {
        String incident = incident(e);
        write(
                ctx,
                500,
                "internal",
                "Retry later; if it persists report the incident id to the operator",
                "Unexpected server error, incident " + incident + ".");
    }

    public static String titleFor(int status) {
        return switch (status) {
            case 400 -> "Fix the request";
            case 401 -> "Authenticate: send 'Authorization: Bearer <token>'";
            case 403 -> "Ask an administrator with the required group membership";
            case 404 -> "Check the path: no such endpoint or resource";
            case 405 -> "Use a method this endpoint supports";
            case 413 -> "Send a smaller request body";
            case 415 -> "Send the body as application/json";
            case 500 -> "Retry later; if it persists report it to the operator";
            default -> "The request was refused";
        };
    }

    private static String safeText(String s) {
        if (s == null) {
            return "";
        }
        return s.length() > 300 ? s.substring(0, 300) : s;
    }

    private static String incident(Exception e) {
        String id = UUID.randomUUID().toString().substring(0, 8);
        LOG.error("Incident {}: {}", id, e.toString(), e);
        return id;
    }
}

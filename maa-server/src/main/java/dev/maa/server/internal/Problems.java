package dev.maa.server.internal;

import dev.maa.api.AccessDeniedException;
import dev.maa.api.ConcurrentUpdateException;
import dev.maa.api.IllegalRequestStateException;
import dev.maa.api.JustificationRequiredException;
import dev.maa.api.MaaConfigurationException;
import dev.maa.api.MaaException;
import dev.maa.api.MaaUnavailableException;
import dev.maa.api.PayloadIntegrityException;
import dev.maa.api.RequestAlreadyPendingException;
import dev.maa.api.RequestNotFoundException;
import dev.maa.api.ReviewNotAllowedException;
import dev.maa.api.TextTooLongException;
import dev.maa.policies.PolicyRevisionConflictException;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Renders every error as RFC 9457 {@code application/problem+json}: {@code type}, {@code title} (what to do),
 * {@code status}, {@code detail}, {@code instance}. Stack traces never leave the server: unexpected failures get
 * a generic text and an incident id that is logged with the trace.
 */
public final class Problems {

    public static final String CONTENT_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://maa.dev/problems/";
    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

    private Problems() {
    }

    public static void write(Context ctx, int status, String type, String title, String detail) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", TYPE_BASE + type);
        p.put("title", title);
        p.put("status", status);
        p.put("detail", detail == null ? "" : detail);
        p.put("instance", ctx.path());
        ctx.status(status);
        if (status == 401) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"maa\"");
        }
        ctx.contentType(CONTENT_TYPE).result(Json.write(p));
    }

    public static void apiError(ApiError e, Context ctx) {
        write(ctx, e.status(), e.type(), e.title(), e.getMessage());
    }

    /** Maps the MaaException family by who must act; messages of caller-facing exceptions are written for users. */
    public static void maa(MaaException e, Context ctx) {
        if (e instanceof RequestNotFoundException) {
            write(ctx, 404, "request-not-found", "Check the request id: no such request", e.getMessage());
        } else if (e instanceof ReviewNotAllowedException) {
            write(ctx, 403, "review-not-allowed", "Ask a different member of the request's approver groups",
                    e.getMessage());
        } else if (e instanceof AccessDeniedException) {
            write(ctx, 403, "access-denied", "Ask the requester or an administrator allowed to do this", e.getMessage());
        } else if (e instanceof IllegalRequestStateException) {
            write(ctx, 409, "illegal-request-state", "Reload the request: its status does not allow this action",
                    e.getMessage());
        } else if (e instanceof RequestAlreadyPendingException) {
            write(ctx, 409, "request-already-pending",
                    "Wait for the pending request on this object to be approved, rejected or canceled", e.getMessage());
        } else if (e instanceof PolicyRevisionConflictException) {
            write(ctx, 409, "policy-revision-conflict",
                    "Push the policy change again against the revision now active", e.getMessage());
        } else if (e instanceof ConcurrentUpdateException) {
            write(ctx, 409, "concurrent-update", "Reload and retry: someone else changed the request at the same time",
                    e.getMessage());
        } else if (e instanceof PayloadIntegrityException) {
            write(ctx, 409, "payload-changed", "Reload the request and review the parked call again before approving",
                    e.getMessage());
        } else if (e instanceof TextTooLongException t) {
            write(ctx, 400, "text-too-long", "Shorten the " + t.field() + " to at most " + t.limit() + " characters",
                    e.getMessage());
        } else if (e instanceof JustificationRequiredException) {
            write(ctx, 400, "justification-required", "Give a business justification", e.getMessage());
        } else if (e instanceof MaaUnavailableException) {
            String incident = incident(e);
            write(ctx, 503, "unavailable", "Retry later: the request store or policy engine is unavailable",
                    "Nothing was changed or executed (fail closed). Incident " + incident + ".");
        } else if (e instanceof MaaConfigurationException) {
            String incident = incident(e);
            write(ctx, 500, "configuration", "Ask the operator to fix the MAA configuration",
                    "The server's MAA configuration refused the operation; the operator finds the cause in the server"
                            + " log under incident " + incident + ".");
        } else {
            write(ctx, 400, "refused", "Fix the request", e.getMessage());
        }
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
        write(ctx, 500, "internal", "Retry later; if it persists report the incident id to the operator",
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

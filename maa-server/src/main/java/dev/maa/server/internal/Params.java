package dev.maa.server.internal;

import dev.maa.api.Status;
import dev.maa.core.view.RequestLists;
import io.javalin.http.Context;
import java.util.Set;
import java.util.regex.Pattern;

/** Query and path parameters, checked strictly: a bad value is a 400 that names the parameter. */
public final class Params {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");
    public static final int MAX_OFFSET = 1_000_000;

    private Params() {}

    /** The {@code {id}} path parameter. */
    public static String requestId(Context ctx) {
        String id = ctx.pathParam("id");
        if (!ID.matcher(id).matches()) {
            throw ApiError.badRequest("id", "A request id is 1-128 letters, digits, '.', '_', ':' or '-'.");
        }
        return id;
    }

    /** The {@code view} query parameter, as {@link RequestLists#view} reads it. */
    public static String view(Context ctx) {
        try {
            return RequestLists.view(ctx.queryParam("view"));
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("view", e.getMessage());
        }
    }

    /** The {@code status} query parameter, as {@link RequestLists#statuses} reads it. */
    public static Set<Status> statuses(Context ctx) {
        try {
            return RequestLists.statuses(ctx.queryParam("status"));
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("status", e.getMessage());
        }
    }

    public static int intParam(Context ctx, String name, int dflt, int min, int max) {
        String s = ctx.queryParam(name);
        if (s == null || s.isEmpty()) {
            return dflt;
        }
        int v;
        try {
            v = Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw ApiError.badRequest(name, name + " must be an integer between " + min + " and " + max + ".");
        }
        if (v < min || v > max) {
            throw ApiError.badRequest(name, name + " must be between " + min + " and " + max + ".");
        }
        return v;
    }
}

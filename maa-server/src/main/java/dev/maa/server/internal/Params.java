package dev.maa.server.internal;

import dev.maa.api.Status;
import io.javalin.http.Context;
import java.util.EnumSet;
import java.util.Locale;
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

    public static String view(Context ctx) {
        String v = ctx.queryParam("view");
        if (v == null || v.isEmpty()) {
            return "all";
        }
        return switch (v) {
            case "mine", "received", "all", "post-review" -> v;
            default -> throw ApiError.badRequest("view", "view must be one of mine, received, all, post-review.");
        };
    }

    public static Set<Status> statuses(Context ctx) {
        String s = ctx.queryParam("status");
        if (s == null || s.isEmpty()) {
            return Set.of();
        }
        if (s.length() > 200) {
            throw ApiError.badRequest("status", "status is too long.");
        }
        Set<Status> out = EnumSet.noneOf(Status.class);
        for (String part : s.split(",", -1)) {
            String name = part.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            try {
                out.add(Status.valueOf(name));
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest(
                        "status",
                        "status is a comma-separated list of " + EnumSet.allOf(Status.class)
                                + "; got an unknown value.");
            }
        }
        return out;
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

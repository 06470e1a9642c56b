package dev.maa.server.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Request bodies: an optional JSON object whose members are all optional strings. Unknown members, wrong types and
 * oversized text are refused with a 400 naming the member, so a typo never silently drops approver notes.
 */
public final class Bodies {

    public static final int MAX_TEXT = 4000;
    public static final int MAX_BODY = 64 * 1024;

    private Bodies() {
    }

    /** The string members of the body (missing members absent); {@code allowed} lists the members accepted. */
    public static Map<String, String> strings(Context ctx, Set<String> allowed) {
        String body = ctx.body();
        Map<String, String> out = new LinkedHashMap<>();
        if (body.isBlank()) {
            return out;
        }
        if (body.length() > MAX_BODY) {
            throw ApiError.badRequest("body", "The body is larger than " + MAX_BODY + " characters.");
        }
        JsonNode tree;
        try {
            tree = Json.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")";
            throw ApiError.badRequest("body", "The body is not valid JSON" + where + ". Send a JSON object such as "
                    + example(allowed) + ".");
        }
        if (tree == null || tree.isNull() || tree.isMissingNode()) {
            return out;
        }
        if (!tree.isObject()) {
            throw ApiError.badRequest("body", "The body must be a JSON object such as " + example(allowed) + ".");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            if (!allowed.contains(name)) {
                throw ApiError.badRequest(printable(name), "Unknown member; this endpoint accepts " + allowed + ".");
            }
            JsonNode v = e.getValue();
            if (v.isNull()) {
                continue;
            }
            if (!v.isTextual()) {
                throw ApiError.badRequest(name, "'" + name + "' must be a string.");
            }
            if (v.asText().length() > MAX_TEXT) {
                throw ApiError.badRequest(name, "'" + name + "' is longer than " + MAX_TEXT + " characters.");
            }
            out.put(name, v.asText());
        }
        return out;
    }

    private static String example(Set<String> allowed) {
        return allowed.isEmpty() ? "{}" : "{\"" + allowed.iterator().next() + "\": \"...\"}";
    }

    /** {@code s} reduced to safe characters and at most 40 of them, for echoing a name back in an error. */
    static String printable(String s) {
        String p = s.replaceAll("[^\\p{Alnum}_.\\-]", "?");
        return p.length() > 40 ? p.substring(0, 40) + "..." : p;
    }
}

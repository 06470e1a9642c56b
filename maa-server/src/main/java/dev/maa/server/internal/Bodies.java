package dev.maa.server.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.javalin.http.Context;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Request bodies: JSON objects, read strictly. A body must be declared {@code application/json} (415 otherwise, so a
 * form or {@code text/plain} post from another origin is never taken as an API call), be valid UTF-8, give each member
 * once (with two {@code notes}, which one an approver meant is unknowable) and hold no unpaired UTF-16 surrogate
 * escapes (they cannot be stored or shown faithfully). Each refusal is a 400 naming what was wrong. Lengths of the
 * text members are the engine's to check ({@link dev.maa.api.TextLimits}), so REST, CLI and host calls share them.
 */
public final class Bodies {

    public static final int MAX_BODY = 64 * 1024;

    private static final List<String> JSON = List.of("application/json");

    private static final ObjectReader STRICT =
            Json.mapper().reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

    private Bodies() {}

    /** The string members of the body (missing members absent); {@code allowed} lists the members accepted. */
    public static Map<String, String> strings(Context ctx, Set<String> allowed) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode tree = object(ctx, MAX_BODY, example(allowed));
        if (tree == null) {
            return out;
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
            out.put(name, v.asText());
        }
        return out;
    }

    /**
     * The body as a JSON object, or {@code null} when there is none (an empty body, or JSON {@code null}).
     *
     * @param maxChars the largest body accepted, in characters
     * @param example  a JSON example shown when the body is not a JSON object
     */
    public static JsonNode object(Context ctx, int maxChars, String example) {
        return object(ctx, maxChars, example, JSON);
    }

    /** {@link #object(Context, int, String)} for a body declared as one of {@code mediaTypes} (e.g. SCIM's own). */
    public static JsonNode object(Context ctx, int maxChars, String example, List<String> mediaTypes) {
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length == 0) {
            return null;
        }
        requireJsonContentType(ctx, mediaTypes);
        String body = utf8(bytes);
        if (body.isBlank()) {
            return null;
        }
        if (body.length() > maxChars) {
            throw ApiError.badRequest("body", "The body is larger than " + maxChars + " characters.");
        }
        JsonNode tree;
        try {
            tree = STRICT.readTree(body);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null
                    ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ")";
            String msg = String.valueOf(e.getOriginalMessage());
            if (msg.startsWith("Duplicate")) {
                throw ApiError.badRequest(
                        "body", "The body gives a member more than once" + where + "; give each" + " member once.");
            }
            throw ApiError.badRequest(
                    "body", "The body is not valid JSON" + where + ". Send a JSON object such as " + example + ".");
        }
        if (tree == null || tree.isNull() || tree.isMissingNode()) {
            return null;
        }
        if (!tree.isObject()) {
            throw ApiError.badRequest("body", "The body must be a JSON object such as " + example + ".");
        }
        requireWellFormedText(tree, "body");
        return tree;
    }

    private static void requireJsonContentType(Context ctx, List<String> mediaTypes) {
        String type = ctx.contentType();
        String media = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        boolean utf8 = type == null
                || !type.toLowerCase(Locale.ROOT).contains("charset=")
                || type.toLowerCase(Locale.ROOT).replace(" ", "").matches(".*charset=\"?utf-8\"?(;.*)?");
        if (!mediaTypes.contains(media) || !utf8) {
            throw ApiError.unsupportedMediaType("The body is sent as '" + printable(type == null ? "" : type)
                    + "'; send it as 'Content-Type: " + mediaTypes.get(mediaTypes.size() - 1) + "' (UTF-8).");
        }
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw ApiError.badRequest("body", "The body is not valid UTF-8; send UTF-8 encoded JSON.");
        }
    }

    /** Refuses member names and strings holding an unpaired surrogate (e.g. the escape {@code "\ud800"} alone). */
    private static void requireWellFormedText(JsonNode node, String where) {
        if (node.isTextual()) {
            if (hasLoneSurrogate(node.asText())) {
                throw ApiError.badRequest(
                        where,
                        "'" + where + "' holds an unpaired UTF-16 surrogate (such as a lone"
                                + " \\ud800 escape); send valid Unicode text.");
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (hasLoneSurrogate(e.getKey())) {
                    throw ApiError.badRequest(
                            where,
                            "A member name in '" + where + "' holds an unpaired UTF-16"
                                    + " surrogate; send valid Unicode text.");
                }
                requireWellFormedText(e.getValue(), printable(e.getKey()));
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                requireWellFormedText(item, where);
            }
        }
    }

    static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return true;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static String example(Set<String> allowed) {
        return allowed.isEmpty() ? "{}" : "{\"" + allowed.iterator().next() + "\": \"...\"}";
    }

    /** {@code s} reduced to safe characters and at most 40 of them, for echoing a name back in an error. */
    static String printable(String s) {
        String p = s.replaceAll("[^\\p{Alnum}_.\\-/;= ]", "?");
        return p.length() > 40 ? p.substring(0, 40) + "..." : p;
    }
}

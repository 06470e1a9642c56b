package dev.maa.core.view;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads text that was stored as JSON (a parked payload, an audit detail, a SCIM user's attributes) back as a tree.
 *
 * <p>The one "read or null" of the project: the views, the server and the stores read stored text the same way, and a
 * row that holds something else (legacy free text, an edit made outside MAA) reads as {@code null}, which each caller
 * shows as "nothing there" instead of failing the whole answer. Only a JSON tree is built: no class is loaded.
 */
public final class StoredJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StoredJson() {}

    /** The tree of {@code text}; {@code null} when it is not JSON. */
    public static JsonNode readOrNull(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}

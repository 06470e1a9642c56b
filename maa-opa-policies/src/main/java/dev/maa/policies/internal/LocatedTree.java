package dev.maa.policies.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * A JSON/YAML document read into a Jackson tree, remembering where each value starts, so validation
 * errors can name the field <em>and</em> its {@code line:col}. Paths look like {@code access_policies[2].ttl}.
 */
public final class LocatedTree {

    private static final JsonFactory JSON = new JsonFactory();
    private static final YAMLFactory YAML = new YAMLFactory();

    private final JsonNode root;
    private final Map<String, JsonLocation> locations;

    private LocatedTree(JsonNode root, Map<String, JsonLocation> locations) {
        this.root = root;
        this.locations = locations;
    }

    /** Reads YAML, or JSON when {@code fileName} ends in {@code .json}; syntax errors surface as IOException with a location. */
    public static LocatedTree read(String fileName, String content) throws IOException {
        JsonFactory f = fileName.endsWith(".json") ? JSON : YAML;
        Map<String, JsonLocation> locations = new HashMap<>();
        try (JsonParser p = f.createParser(content)) {
            JsonToken t = p.nextToken();
            JsonNode root = t == null ? JsonNodeFactory.instance.nullNode() : readValue(p, "", locations);
            return new LocatedTree(root, locations);
        }
    }

    public JsonNode root() {
        return root;
    }

    /** Where the value at {@code path} starts, or the nearest located ancestor, or {@code null}. */
    public JsonLocation locationOf(String path) {
        String p = path;
        while (true) {
            JsonLocation l = locations.get(p);
            if (l != null || p.isEmpty()) {
                return l;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut < 0 ? "" : p.substring(0, cut);
        }
    }

    private static JsonNode readValue(JsonParser p, String path, Map<String, JsonLocation> locations)
            throws IOException {
        locations.put(path, p.currentTokenLocation());
        JsonNodeFactory nf = JsonNodeFactory.instance;
        switch (p.currentToken()) {
            case START_OBJECT -> {
                ObjectNode o = nf.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    String child = path.isEmpty() ? name : path + "." + name;
                    JsonLocation keyLoc = p.currentTokenLocation();
                    p.nextToken();
                    o.set(name, readValue(p, child, locations));
                    // point at the key rather than the value: that is where an editor should jump
                    locations.put(child, keyLoc);
                }
                return o;
            }
            case START_ARRAY -> {
                ArrayNode a = nf.arrayNode();
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    a.add(readValue(p, path + "[" + i++ + "]", locations));
                }
                return a;
            }
            case VALUE_STRING -> {
                return nf.textNode(p.getText());
            }
            case VALUE_NUMBER_INT -> {
                return nf.numberNode(p.getBigIntegerValue());
            }
            case VALUE_NUMBER_FLOAT -> {
                return nf.numberNode(p.getDecimalValue());
            }
            case VALUE_TRUE -> {
                return nf.booleanNode(true);
            }
            case VALUE_FALSE -> {
                return nf.booleanNode(false);
            }
            case VALUE_NULL -> {
                return nf.nullNode();
            }
            default -> throw new IOException("Unexpected token " + p.currentToken() + " at " + path);
        }
    }
}

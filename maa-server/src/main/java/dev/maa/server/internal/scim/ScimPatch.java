package dev.maa.server.internal.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.maa.server.internal.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Applies a SCIM PATCH request ({@code urn:ietf:params:scim:api:messages:2.0:PatchOp}, RFC 7644 section 3.5.2) to a
 * resource as a JSON document, in the forms Entra ID and Okta send: {@code op} in any case ({@code "Replace"}),
 * with a path ({@code active}, {@code name.familyName}, {@code emails[type eq "work"].value},
 * {@code members[value eq "id"]}, an extension URN) or without one (a value object of attributes, whose names may
 * be paths), and Entra's removal of members by {@code path: members} with a value list. Attribute names match
 * ignoring case. The caller turns the result back into a resource, which checks every value ({@code active} as
 * {@code "False"} included).
 */
final class ScimPatch {

    /** The most operations one request may carry. */
    static final int MAX_OPERATIONS = 1_000;

    private enum Op {
        ADD,
        REPLACE,
        REMOVE
    }

    private ScimPatch() {}

    /** Applies every operation of {@code body} to {@code doc} in order; {@code coreSchema} is the resource's. */
    static void apply(ObjectNode doc, JsonNode body, String coreSchema) {
        JsonNode ops = field(body, "Operations");
        if (ops == null || !ops.isArray() || ops.isEmpty()) {
            throw ScimError.invalidSyntax("A PATCH body needs \"Operations\": a non-empty list of {\"op\": \"add\" |"
                    + " \"replace\" | \"remove\", \"path\": ..., \"value\": ...}.");
        }
        if (ops.size() > MAX_OPERATIONS) {
            throw ScimError.invalidValue("A PATCH may carry at most " + MAX_OPERATIONS + " operations; split it.");
        }
        for (JsonNode operation : ops) {
            applyOne(doc, operation, coreSchema);
        }
    }

    private static void applyOne(ObjectNode doc, JsonNode operation, String coreSchema) {
        JsonNode opNode = field(operation, "op");
        Op op = opNode == null || !opNode.isTextual() ? null : op(opNode.asText());
        if (op == null) {
            throw ScimError.invalidSyntax("Each operation needs \"op\": \"add\", \"replace\" or \"remove\", was "
                    + (opNode == null ? "missing" : "'" + ScimError.shown(opNode.asText()) + "'") + ".");
        }
        JsonNode pathNode = field(operation, "path");
        JsonNode value = field(operation, "value");
        if (pathNode == null || pathNode.isNull() || pathNode.asText().isBlank()) {
            if (op == Op.REMOVE) {
                throw ScimError.noTarget("A remove operation needs a \"path\" naming what to remove.");
            }
            if (value == null || !value.isObject()) {
                throw ScimError.invalidValue("An " + op.name().toLowerCase(Locale.ROOT) + " without a \"path\" needs"
                        + " a \"value\" object of the attributes to set.");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                apply(doc, op, ScimPath.parse(e.getKey(), coreSchema), e.getValue());
            }
            return;
        }
        if (!pathNode.isTextual()) {
            throw ScimError.invalidPath("\"path\" must be a string.");
        }
        if (op != Op.REMOVE && value == null) {
            throw ScimError.invalidValue(
                    "The operation on '" + ScimError.shown(pathNode.asText()) + "' needs a" + " \"value\".");
        }
        apply(doc, op, ScimPath.parse(pathNode.asText(), coreSchema), value);
    }

    private static Op op(String text) {
        for (Op op : Op.values()) {
            if (op.name().equalsIgnoreCase(text)) {
                return op;
            }
        }
        return null;
    }

    private static void apply(ObjectNode doc, Op op, ScimPath path, JsonNode value) {
        ObjectNode container = doc;
        if (path.schema() != null) {
            JsonNode ext = field(doc, path.schema());
            if (ext == null || !ext.isObject()) {
                if (op == Op.REMOVE) {
                    return;
                }
                ext = Json.mapper().createObjectNode();
                doc.set(path.schema(), ext);
            }
            container = (ObjectNode) ext;
        }
        if (path.filter() != null) {
            applyFiltered(container, op, path, value);
            return;
        }
        if (path.sub() != null) {
            JsonNode parent = field(container, path.attr());
            if (parent == null || !parent.isObject()) {
                if (op == Op.REMOVE) {
                    return;
                }
                parent = Json.mapper().createObjectNode();
                set(container, path.attr(), parent);
            }
            applyAt((ObjectNode) parent, op, path.sub(), value);
            return;
        }
        applyAt(container, op, path.attr(), value);
    }

    /** An operation on attribute {@code name} of {@code container}. */
    private static void applyAt(ObjectNode container, Op op, String name, JsonNode value) {
        JsonNode existing = field(container, name);
        switch (op) {
            case REMOVE -> {
                if (value != null && existing != null && existing.isArray() && value.isArray()) {
                    removeValues((ArrayNode) existing, value);
                } else {
                    remove(container, name);
                }
            }
            case ADD -> {
                if (existing != null && existing.isArray()) {
                    for (JsonNode item : value.isArray() ? value : List.of(value)) {
                        if (!contains((ArrayNode) existing, item)) {
                            ((ArrayNode) existing).add(item);
                        }
                    }
                } else if (existing != null && existing.isObject() && value.isObject()) {
                    ((ObjectNode) existing).setAll((ObjectNode) value.deepCopy());
                } else {
                    set(container, name, value);
                }
            }
            case REPLACE -> {
                if (existing != null && existing.isObject() && value.isObject()) {
                    ((ObjectNode) existing).setAll((ObjectNode) value.deepCopy());
                } else {
                    set(container, name, value);
                }
            }
        }
    }

    /** An operation on the elements of a multi-valued attribute that its value filter selects. */
    private static void applyFiltered(ObjectNode container, Op op, ScimPath path, JsonNode value) {
        JsonNode existing = field(container, path.attr());
        if (existing != null && !existing.isArray()) {
            throw ScimError.invalidPath(
                    "'" + ScimError.shown(path.attr()) + "' is not multi-valued; it takes no" + " [filter].");
        }
        ArrayNode array = existing == null ? Json.mapper().createArrayNode() : (ArrayNode) existing;
        List<Integer> matched = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode v = field(array.get(i), path.filter().attr());
            if (v != null && v.isValueNode() && v.asText().equals(path.filter().value())) {
                matched.add(i);
            }
        }
        if (op == Op.REMOVE) {
            for (int i = matched.size() - 1; i >= 0; i--) {
                if (path.sub() == null) {
                    array.remove(matched.get(i));
                } else {
                    remove((ObjectNode) array.get(matched.get(i)), path.sub());
                }
            }
            return;
        }
        if (matched.isEmpty()) {
            // Entra ID replaces emails[type eq "work"].value on a user that has no work address yet: add one
            ObjectNode element = Json.mapper().createObjectNode();
            element.put(path.filter().attr(), path.filter().value());
            array.add(element);
            matched.add(array.size() - 1);
            set(container, path.attr(), array);
        }
        for (int i : matched) {
            JsonNode element = array.get(i);
            if (!element.isObject()) {
                throw ScimError.invalidPath("The elements of '" + ScimError.shown(path.attr()) + "' are not objects.");
            }
            if (path.sub() != null) {
                set((ObjectNode) element, path.sub(), value);
            } else if (value.isObject()) {
                ((ObjectNode) element).setAll((ObjectNode) value.deepCopy());
            } else {
                throw ScimError.invalidValue("The value for '" + ScimError.shown(path.attr()) + "[...]' must be an"
                        + " object of its sub-attributes.");
            }
        }
    }

    /** Removes the elements whose {@code value} is one of those listed (Entra ID's member removal). */
    private static void removeValues(ArrayNode array, JsonNode listed) {
        List<String> values = new ArrayList<>();
        for (JsonNode item : listed) {
            JsonNode v = item.isObject() ? field(item, "value") : item;
            if (v != null && v.isValueNode()) {
                values.add(v.asText());
            }
        }
        for (int i = array.size() - 1; i >= 0; i--) {
            JsonNode v = field(array.get(i), "value");
            if (v != null && values.contains(v.asText())) {
                array.remove(i);
            }
        }
    }

    private static boolean contains(ArrayNode array, JsonNode item) {
        JsonNode value = field(item, "value");
        for (JsonNode element : array) {
            if (element.equals(item)) {
                return true;
            }
            JsonNode v = field(element, "value");
            if (value != null
                    && v != null
                    && value.isValueNode()
                    && value.asText().equals(v.asText())) {
                return true;
            }
        }
        return false;
    }

    /** The member {@code name} of {@code node}, matched ignoring case (SCIM attribute names are case-insensitive). */
    static JsonNode field(JsonNode node, String name) {
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode exact = node.get(name);
        if (exact != null) {
            return exact;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String n = it.next();
            if (n.equalsIgnoreCase(name)) {
                return node.get(n);
            }
        }
        return null;
    }

    /** Sets {@code name} on {@code node}, replacing a member of that name in any case. */
    static void set(ObjectNode node, String name, JsonNode value) {
        remove(node, name);
        node.set(name, value);
    }

    private static void remove(ObjectNode node, String name) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(n -> {
            if (n.equalsIgnoreCase(name)) {
                names.add(n);
            }
        });
        node.remove(names);
    }
}

package dev.maa.server.internal.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.maa.api.Identities;
import dev.maa.api.InvalidIdentityException;
import dev.maa.server.internal.Bodies;
import dev.maa.server.internal.Json;
import dev.maa.store.jdbc.ScimGroup;
import dev.maa.store.jdbc.ScimUser;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * SCIM resources as JSON (RFC 7643): users and groups to and from the store's records, with {@code schemas},
 * {@code id} and {@code meta} (resourceType, created, lastModified, version, location), and the checks a resource
 * must pass before it is stored: a {@code userName} or {@code displayName} with a canonical form
 * ({@link Identities}), {@code active} a boolean (or Entra ID's {@code "True"}/{@code "False"}), members naming users.
 * Attributes MAA does not interpret are kept as sent; a {@code password} is never kept.
 */
final class ScimJson {

    static final String CONTENT_TYPE = "application/scim+json";
    static final List<String> MEDIA_TYPES = List.of("application/json", CONTENT_TYPE);
    static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    static final String LIST = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    /** The largest request body: a group PATCH of many members fits. */
    static final int MAX_BODY = 1_000_000;

    /** The longest name or external id stored, in characters (the columns' size). */
    private static final int MAX_NAME = 1024;

    /** Members the server sets or that are never stored: read-only ones, and the password (write-only, unused). */
    private static final Set<String> NOT_STORED = Set.of("id", "meta", "schemas", "password", "groups");

    private ScimJson() {}

    /** The request body as a JSON object; refused (SCIM error) when missing, not JSON or of another media type. */
    static ObjectNode body(Context ctx) {
        JsonNode tree;
        try {
            tree = Bodies.object(ctx, MAX_BODY, "{\"schemas\": [...], ...}", MEDIA_TYPES);
        } catch (dev.maa.server.internal.ApiError e) {
            throw e.status() == 415 ? ScimError.of(415, e.getMessage()) : ScimError.invalidSyntax(e.getMessage());
        }
        if (tree == null) {
            throw ScimError.invalidSyntax("The request needs a JSON body (Content-Type: " + CONTENT_TYPE + ").");
        }
        return (ObjectNode) tree;
    }

    /** The user as a document PATCH works on: its stored attributes plus userName, externalId and active. */
    static ObjectNode document(ScimUser u) {
        JsonNode attributes = Json.readOrNull(u.attributes());
        ObjectNode doc = attributes instanceof ObjectNode o ? o : Json.mapper().createObjectNode();
        doc.put("userName", u.userName());
        if (u.externalId() != null) {
            doc.put("externalId", u.externalId());
        }
        doc.put("active", u.active());
        return doc;
    }

    /** The group as a document PATCH works on: displayName, externalId and members. */
    static ObjectNode document(ScimGroup g) {
        ObjectNode doc = Json.mapper().createObjectNode();
        doc.put("displayName", g.displayName());
        if (g.externalId() != null) {
            doc.put("externalId", g.externalId());
        }
        ArrayNode members = doc.putArray("members");
        g.members().forEach(id -> members.addObject().put("value", id));
        return doc;
    }

    /**
     * The user {@code doc} describes, checked; {@code current} the stored user it replaces ({@code null} on create),
     * whose {@code active} it keeps when {@code doc} has none (a replacement never reactivates a user by omission).
     */
    static ScimUser user(ObjectNode doc, ScimUser current) {
        ObjectNode rest = doc.deepCopy();
        String userName = requiredName(take(rest, "userName"), "userName", "a user");
        JsonNode externalId = take(rest, "externalId");
        JsonNode activeNode = take(rest, "active");
        boolean active =
                activeNode == null || activeNode.isNull() ? current == null || current.active() : active(activeNode);
        for (String name : NOT_STORED) {
            take(rest, name);
        }
        return current == null
                ? ScimUser.draft(userName, text(externalId, "externalId"), active, Json.write(rest))
                : current.with(userName, text(externalId, "externalId"), active, Json.write(rest));
    }

    /** The group {@code doc} describes, checked; {@code current} the stored group it replaces ({@code null}). */
    static ScimGroup group(ObjectNode doc, ScimGroup current) {
        String displayName = requiredName(ScimPatch.field(doc, "displayName"), "displayName", "a group");
        String externalId = text(ScimPatch.field(doc, "externalId"), "externalId");
        Set<String> members = new LinkedHashSet<>();
        JsonNode list = ScimPatch.field(doc, "members");
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                throw ScimError.invalidValue("\"members\" must be a list of {\"value\": \"<user id>\"}.");
            }
            for (JsonNode m : list) {
                JsonNode value = ScimPatch.field(m, "value");
                JsonNode type = ScimPatch.field(m, "type");
                if (value == null || !value.isTextual() || value.asText().isBlank()) {
                    throw ScimError.invalidValue("Each member needs \"value\": the id of a user.");
                }
                if (type != null && type.isTextual() && !type.asText().equalsIgnoreCase("User")) {
                    throw ScimError.invalidValue("Member '" + ScimError.shown(value.asText()) + "' is of type '"
                            + ScimError.shown(type.asText()) + "': groups hold users only (no nested groups).");
                }
                members.add(value.asText());
            }
        }
        return current == null
                ? ScimGroup.draft(displayName, externalId, members)
                : current.with(displayName, externalId, members);
    }

    private static String requiredName(JsonNode node, String attribute, String what) {
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw ScimError.invalidValue("\"" + attribute + "\" is required: the name of " + what + ", a string.");
        }
        tooLong(node.asText(), attribute);
        try {
            Identities.canonical(node.asText());
        } catch (InvalidIdentityException e) {
            throw ScimError.invalidValue("\"" + attribute + "\": " + e.getMessage());
        }
        return node.asText();
    }

    private static void tooLong(String value, String attribute) {
        if (value.length() > MAX_NAME) {
            throw ScimError.invalidValue("\"" + attribute + "\" is longer than " + MAX_NAME + " characters.");
        }
    }

    private static boolean active(JsonNode node) {
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isTextual()) {
            String t = node.asText().trim().toLowerCase(Locale.ROOT);
            if (t.equals("true") || t.equals("false")) {
                return t.equals("true");
            }
        }
        throw ScimError.invalidValue("\"active\" must be true or false, was " + ScimError.shown(node.toString()) + ".");
    }

    private static String text(JsonNode node, String attribute) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ScimError.invalidValue("\"" + attribute + "\" must be a string.");
        }
        tooLong(node.asText(), attribute);
        return node.asText();
    }

    /** Removes and returns the member {@code name} of {@code node} (ignoring case), or {@code null}. */
    private static JsonNode take(ObjectNode node, String name) {
        JsonNode found = null;
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String n = it.next();
            if (n.equalsIgnoreCase(name)) {
                names.add(n);
                found = node.get(n);
            }
        }
        node.remove(names);
        return found;
    }

    /** The user as a SCIM resource. */
    static ObjectNode render(ScimUser u, String base) {
        ObjectNode out = Json.mapper().createObjectNode();
        ArrayNode schemas = out.putArray("schemas").add(USER);
        out.put("id", u.id());
        ObjectNode doc = document(u);
        if (doc.has(ScimPath.ENTERPRISE_USER)) {
            schemas.add(ScimPath.ENTERPRISE_USER);
        }
        out.setAll(doc);
        out.set("meta", meta("User", u.created(), u.lastModified(), u.version(), base + "/Users/" + u.id()));
        return out;
    }

    /** The group as a SCIM resource. */
    static ObjectNode render(ScimGroup g, String base) {
        ObjectNode out = Json.mapper().createObjectNode();
        out.putArray("schemas").add(GROUP);
        out.put("id", g.id());
        out.setAll(document(g));
        for (JsonNode m : out.withArray("members")) {
            ((ObjectNode) m)
                    .put("type", "User")
                    .put("$ref", base + "/Users/" + m.get("value").asText());
        }
        out.set("meta", meta("Group", g.created(), g.lastModified(), g.version(), base + "/Groups/" + g.id()));
        return out;
    }

    private static ObjectNode meta(String type, Instant created, Instant modified, long version, String location) {
        ObjectNode meta = Json.mapper().createObjectNode();
        meta.put("resourceType", type);
        meta.put("created", created.toString());
        meta.put("lastModified", modified.toString());
        meta.put("version", etag(version));
        meta.put("location", location);
        return meta;
    }

    /** A {@code ListResponse} (RFC 7644 section 3.4.2) of one page. */
    static ObjectNode listResponse(long total, long startIndex, List<ObjectNode> resources) {
        ObjectNode out = Json.mapper().createObjectNode();
        out.putArray("schemas").add(LIST);
        out.put("totalResults", total);
        out.put("startIndex", startIndex);
        out.put("itemsPerPage", resources.size());
        ArrayNode array = out.putArray("Resources");
        resources.forEach(array::add);
        return out;
    }

    /** The ETag of a resource version: weak, as the representation varies with {@code attributes}. */
    static String etag(long version) {
        return "W/\"" + version + "\"";
    }

    /**
     * {@code resource} with only the attributes asked for ({@code attributes}) or without those excluded
     * ({@code excludedAttributes}, e.g. Entra ID's {@code members}); {@code id} and {@code schemas} always stay.
     */
    static ObjectNode project(ObjectNode resource, List<String> attributes, List<String> excluded) {
        if (attributes.isEmpty() && excluded.isEmpty()) {
            return resource;
        }
        List<String> names = new ArrayList<>();
        resource.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            if (name.equals("id") || name.equals("schemas")) {
                continue;
            }
            boolean drop = attributes.isEmpty() ? listed(excluded, name) : !listed(attributes, name);
            if (drop) {
                resource.remove(name);
            }
        }
        return resource;
    }

    private static boolean listed(List<String> names, String name) {
        for (String n : names) {
            String bare = n.contains(":") && !n.equalsIgnoreCase(ScimPath.ENTERPRISE_USER)
                    ? n.substring(n.lastIndexOf(':') + 1)
                    : n;
            if (bare.equalsIgnoreCase(name)
                    || bare.toLowerCase(Locale.ROOT).startsWith(name.toLowerCase(Locale.ROOT) + ".")) {
                return true;
            }
        }
        return false;
    }
}

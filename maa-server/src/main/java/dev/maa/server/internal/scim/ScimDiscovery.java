package dev.maa.server.internal.scim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.maa.server.internal.Json;
import java.util.List;

/**
 * The SCIM discovery documents (RFC 7644 section 4, RFC 7643 sections 5 to 7): {@code ServiceProviderConfig} (PATCH
 * and ETags supported; bulk, sorting and password changes not; filters up to {@value #MAX_RESULTS} results),
 * {@code ResourceTypes} (User with the enterprise extension, Group) and {@code Schemas} (the attributes MAA reads:
 * {@code userName}, {@code active}, {@code displayName}, {@code members}, and the common ones clients send).
 */
final class ScimDiscovery {

    /** The discovery endpoints, under {@code /scim/v2}. */
    static final List<String> DOCUMENTS = List.of("ServiceProviderConfig", "ResourceTypes", "Schemas");

    /** The most resources one list returns, whatever {@code count} asks. */
    static final int MAX_RESULTS = 200;

    private static final String SPC = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
    private static final String RESOURCE_TYPE = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
    private static final String SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Schema";

    /** The document {@code name} (one of {@link #DOCUMENTS}). */
    ObjectNode document(String name, String base) {
        return switch (name) {
            case "ServiceProviderConfig" -> serviceProviderConfig(base);
            case "ResourceTypes" -> ScimJson.listResponse(2, 1, resourceTypes(base));
            case "Schemas" -> ScimJson.listResponse(2, 1, schemas(base));
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** One resource type or schema by its id; 404 if there is none. */
    ObjectNode entry(String document, String id, String base) {
        List<ObjectNode> entries = document.equals("Schemas") ? schemas(base) : resourceTypes(base);
        return entries.stream()
                .filter(e -> e.path("id").asText().equals(id))
                .findFirst()
                .orElseThrow(() -> ScimError.of(
                        404,
                        "No " + document + " entry '" + ScimError.shown(id) + "'. List them with GET /scim/v2/"
                                + document + "."));
    }

    private static ObjectNode serviceProviderConfig(String base) {
        ObjectNode c = Json.mapper().createObjectNode();
        c.putArray("schemas").add(SPC);
        c.putObject("patch").put("supported", true);
        c.putObject("bulk").put("supported", false).put("maxOperations", 0).put("maxPayloadSize", 0);
        c.putObject("filter").put("supported", true).put("maxResults", MAX_RESULTS);
        c.putObject("changePassword").put("supported", false);
        c.putObject("sort").put("supported", false);
        c.putObject("etag").put("supported", true);
        c.putArray("authenticationSchemes")
                .addObject()
                .put("type", "oauthbearertoken")
                .put("name", "Bearer token")
                .put("description", "The SCIM token of this server (scim.token_env), as 'Authorization: Bearer'.")
                .put("primary", true);
        c.set("meta", meta("ServiceProviderConfig", base + "/ServiceProviderConfig"));
        return c;
    }

    private static List<ObjectNode> resourceTypes(String base) {
        ObjectNode user = resourceType("User", "/Users", ScimJson.USER, base);
        user.putArray("schemaExtensions")
                .addObject()
                .put("schema", ScimPath.ENTERPRISE_USER)
                .put("required", false);
        return List.of(user, resourceType("Group", "/Groups", ScimJson.GROUP, base));
    }

    private static ObjectNode resourceType(String name, String endpoint, String schema, String base) {
        ObjectNode t = Json.mapper().createObjectNode();
        t.putArray("schemas").add(RESOURCE_TYPE);
        t.put("id", name).put("name", name).put("endpoint", endpoint).put("schema", schema);
        t.set("meta", meta("ResourceType", base + "/ResourceTypes/" + name));
        return t;
    }

    private static List<ObjectNode> schemas(String base) {
        ObjectNode user = schema(ScimJson.USER, "User", "User Account", base);
        ArrayNode ua = user.putArray("attributes");
        ua.add(attr("userName", "string", true, "server", "readWrite")
                .put("description", "The principal id, compared in canonical form (NFKC, case-folded)."));
        ObjectNode name = attr("name", "complex", false, "none", "readWrite");
        ArrayNode nameSubs = name.putArray("subAttributes");
        for (String sub : List.of("formatted", "familyName", "givenName")) {
            nameSubs.add(attr(sub, "string", false, "none", "readWrite"));
        }
        ua.add(name);
        ua.add(attr("displayName", "string", false, "none", "readWrite"));
        ua.add(attr("active", "boolean", false, "none", "readWrite")
                .put("description", "false: deprovisioned; the user can no longer review."));
        ObjectNode emails =
                attr("emails", "complex", false, "none", "readWrite").put("multiValued", true);
        ArrayNode emailSubs = emails.putArray("subAttributes");
        for (String sub : List.of("value", "type")) {
            emailSubs.add(attr(sub, "string", false, "none", "readWrite"));
        }
        emailSubs.add(attr("primary", "boolean", false, "none", "readWrite"));
        ua.add(emails);

        ObjectNode group = schema(ScimJson.GROUP, "Group", "Group", base);
        ArrayNode ga = group.putArray("attributes");
        ga.add(attr("displayName", "string", true, "server", "readWrite")
                .put("description", "The approver group name the policies use, compared in canonical form."));
        ObjectNode members =
                attr("members", "complex", false, "none", "readWrite").put("multiValued", true);
        ArrayNode memberSubs = members.putArray("subAttributes");
        memberSubs.add(attr("value", "string", false, "none", "immutable"));
        memberSubs.add(attr("$ref", "reference", false, "none", "immutable"));
        memberSubs.add(attr("type", "string", false, "none", "immutable"));
        ga.add(members);
        return List.of(user, group);
    }

    private static ObjectNode schema(String id, String name, String description, String base) {
        ObjectNode s = Json.mapper().createObjectNode();
        s.putArray("schemas").add(SCHEMA);
        s.put("id", id).put("name", name).put("description", description);
        s.set("meta", meta("Schema", base + "/Schemas/" + id));
        return s;
    }

    private static ObjectNode attr(String name, String type, boolean required, String uniqueness, String mutability) {
        ObjectNode a = Json.mapper().createObjectNode();
        a.put("name", name)
                .put("type", type)
                .put("multiValued", false)
                .put("description", name)
                .put("required", required)
                .put("caseExact", false)
                .put("mutability", mutability)
                .put("returned", "default")
                .put("uniqueness", uniqueness);
        return a;
    }

    private static ObjectNode meta(String resourceType, String location) {
        ObjectNode m = Json.mapper().createObjectNode();
        m.put("resourceType", resourceType).put("location", location);
        return m;
    }
}

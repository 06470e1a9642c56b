package dev.maa.server.internal.scim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.maa.server.internal.Json;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of SCIM's filter and path grammar (RFC 7644 sections 3.4.2.2 and 3.5.2) that provisioning clients send:
 * a filter {@code attr eq "value"}, and a PATCH path {@code [schema:]attr[.sub]} or {@code attr[sub eq "value"][.sub]}
 * (Entra ID's {@code emails[type eq "work"].value}, Okta's {@code members[value eq "id"]}). Anything else is refused
 * with a detail that says what is accepted: a filter MAA would not evaluate exactly must not match the wrong user.
 *
 * @param schema the extension schema URN the attribute belongs to, or {@code null} for the core schema
 * @param attr   the attribute
 * @param filter the value filter of a multi-valued attribute, or {@code null}
 * @param sub    the sub-attribute, or {@code null}
 */
record ScimPath(String schema, String attr, Eq filter, String sub) {

    /** A comparison {@code attr eq "value"}: the one filter form accepted. */
    record Eq(String attr, String value) {}

    /** Reads one JSON string and nothing after it: {@code "a" or userName eq "b"} is no string. */
    private static final ObjectReader STRICT =
            Json.mapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final String NAME = "[A-Za-z][A-Za-z0-9_$-]*";
    private static final Pattern EQ = Pattern.compile("\\s*(\\S+)\\s+([A-Za-z]+)\\s+(.+?)\\s*");
    private static final Pattern PATH = Pattern.compile("(" + NAME + ")(?:\\[(.+)\\])?(?:\\.(" + NAME + "))?");

    /** The enterprise user extension: the one extension schema the directory's clients send. */
    static final String ENTERPRISE_USER = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    /**
     * Parses a list filter on {@code attribute} (compared ignoring case; its core-schema URN form is accepted too).
     *
     * @throws ScimError {@code invalidFilter} for any other filter, naming the one accepted
     */
    static String filterValue(String filter, String coreSchema, String attribute) {
        String accepted = "the only filter accepted here is " + attribute + " eq \"...\"";
        Eq eq = eq(
                filter,
                () -> ScimError.invalidFilter(
                        "The filter '" + ScimError.shown(filter) + "' is not" + " supported: " + accepted + "."));
        String attr = eq.attr();
        if (attr.regionMatches(true, 0, coreSchema + ":", 0, coreSchema.length() + 1)) {
            attr = attr.substring(coreSchema.length() + 1);
        }
        if (!attr.equalsIgnoreCase(attribute)) {
            throw ScimError.invalidFilter(
                    "Filtering by '" + ScimError.shown(eq.attr()) + "' is not supported: " + accepted + ".");
        }
        return eq.value();
    }

    private static Eq eq(String text, java.util.function.Supplier<ScimError> refusal) {
        Matcher m = EQ.matcher(text);
        if (!m.matches() || !m.group(2).equalsIgnoreCase("eq")) {
            throw refusal.get();
        }
        String value = m.group(3);
        if (!value.startsWith("\"") || !value.endsWith("\"") || value.length() < 2) {
            throw refusal.get();
        }
        try {
            JsonNode parsed = STRICT.readTree(value);
            if (parsed == null || !parsed.isTextual()) {
                throw refusal.get();
            }
            return new Eq(m.group(1), parsed.asText());
        } catch (JsonProcessingException e) {
            throw refusal.get();
        }
    }

    /**
     * Parses a PATCH path; {@code coreSchema} is the resource's core schema URN (a path in it names a core attribute).
     *
     * @throws ScimError {@code invalidPath} naming the path and the forms accepted
     */
    static ScimPath parse(String path, String coreSchema) {
        String p = path.trim();
        String schema = null;
        if (p.equalsIgnoreCase(ENTERPRISE_USER)) {
            return new ScimPath(null, ENTERPRISE_USER, null, null); // the extension as a whole
        }
        if (p.regionMatches(true, 0, ENTERPRISE_USER + ":", 0, ENTERPRISE_USER.length() + 1)) {
            schema = ENTERPRISE_USER;
            p = p.substring(ENTERPRISE_USER.length() + 1);
        } else if (p.regionMatches(true, 0, "urn:", 0, 4)) {
            int colon = lastColonBeforeAttribute(p);
            if (colon < 0) {
                throw invalid(path);
            }
            schema = p.substring(0, colon);
            p = p.substring(colon + 1);
            if (schema.equalsIgnoreCase(coreSchema)) {
                schema = null;
            }
        }
        Matcher m = PATH.matcher(p);
        if (!m.matches()) {
            throw invalid(path);
        }
        Eq filter = m.group(2) == null ? null : eq(m.group(2), () -> invalid(path));
        return new ScimPath(schema, m.group(1), filter, m.group(3));
    }

    /** The colon that ends the schema URN: the last one before any {@code [} of a value filter. */
    private static int lastColonBeforeAttribute(String p) {
        int bracket = p.indexOf('[');
        String head = bracket < 0 ? p : p.substring(0, bracket);
        return head.lastIndexOf(':');
    }

    private static ScimError invalid(String path) {
        return ScimError.invalidPath("The path '" + ScimError.shown(path) + "' is not supported; send attr,"
                + " attr.sub, attr[sub eq \"value\"] or attr[sub eq \"value\"].sub, optionally after a schema URN.");
    }
}

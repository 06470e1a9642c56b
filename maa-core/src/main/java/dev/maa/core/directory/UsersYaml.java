package dev.maa.core.directory;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.maa.api.Identities;
import dev.maa.api.InvalidIdentityException;
import dev.maa.api.MaaConfigurationException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one reader of users files ({@code users: [{id, groups, roles, tokens}]}), for the CLI's directory and
 * {@code maa serve}'s users file alike, so both refuse the same mistakes with the same words. Token hashes are
 * optional ({@code tokens: [{sha256: <64 hex digits>, created: ...}]}, written by {@code maa token create}); a
 * reader that does not authenticate ignores them, but a malformed one is refused everywhere.
 *
 * <p>Every id and group name must have a canonical form ({@link Identities}); two entries whose ids are the same
 * after canonicalisation ({@code Alice} and {@code alice}, {@code bob } and {@code bob}) are refused, naming both
 * lines, because otherwise one person could appear as two approvers.
 */
public final class UsersYaml {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /**
     * One user entry.
     *
     * @param index  position in the {@code users} list
     * @param line   1-based line where the entry starts
     * @param id     the id in canonical form
     * @param groups group names as written (they compare canonically)
     * @param roles  role names as written
     * @param tokenHashes SHA-256 hashes of the user's API tokens, lower-case hex
     * @param node   the whole entry, as read (the server's token writer edits it in place)
     */
    public record Entry(
            int index,
            int line,
            String id,
            Set<String> groups,
            Set<String> roles,
            List<String> tokenHashes,
            ObjectNode node) {
        public Entry {
            tokenHashes = List.copyOf(tokenHashes);
        }
    }

    /**
     * A whole users file, read in one pass.
     *
     * @param root    the document (with a {@code users} list, empty if the file had none), for writers
     * @param entries the checked entries; each entry's {@code node} is the element of {@code root}'s list
     */
    public record Document(ObjectNode root, List<Entry> entries) {
        public Document {
            entries = List.copyOf(entries);
        }
    }

    private UsersYaml() {}

    /**
     * Parses and checks a users file's text; an empty document has no users.
     *
     * @param source names the file in messages
     * @throws MaaConfigurationException naming the file, the entry and line, and what to change
     */
    public static List<Entry> parse(String text, String source) {
        return read(text, source).entries();
    }

    /**
     * Reads a users file's text once: the checked entries (with their lines) and the document they are part of.
     *
     * @throws MaaConfigurationException naming the file, the entry and line, and what to change
     */
    public static Document read(String text, String source) {
        List<Entry> entries = new ArrayList<>();
        ObjectNode root = YAML.createObjectNode();
        try (JsonParser p = YAML.getFactory().createParser(text)) {
            JsonToken first = p.nextToken();
            boolean sawUsers = false;
            if (first == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken value = p.nextToken();
                    if (field.equals("users") && value == JsonToken.START_ARRAY) {
                        sawUsers = true;
                        ArrayNode users = root.putArray("users");
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            int line = p.currentTokenLocation().getLineNr();
                            JsonNode u = YAML.readTree(p);
                            users.add(u);
                            entries.add(entry(u, entries.size(), line, source));
                        }
                    } else {
                        root.set(field, YAML.readTree(p));
                    }
                }
            }
            if (!sawUsers && first != null && first != JsonToken.VALUE_NULL) {
                throw new MaaConfigurationException("Users file " + source + " must have a top-level 'users' list,"
                        + " e.g. users: [{id: alice, groups: [Device-Managers]}]");
            }
        } catch (IOException e) {
            throw new MaaConfigurationException("Users file " + source + " is not valid YAML: " + e.getMessage(), e);
        }
        if (!root.has("users")) {
            root.putArray("users");
        }
        requireDistinct(entries, source);
        return new Document(root, entries);
    }

    private static Entry entry(JsonNode u, int index, int line, String source) {
        String where = "Users file " + source + ", users[" + index + "] (line " + line + ")";
        if (!(u instanceof ObjectNode obj)) {
            throw new MaaConfigurationException(where + " must be a map with an 'id', e.g. {id: alice, groups: [A]}");
        }
        String raw = u.path("id").isValueNode() ? u.path("id").asText("") : "";
        if (raw.isBlank()) {
            throw new MaaConfigurationException(where + " has no id; give every user an 'id'");
        }
        String id = checked(raw, where + ": the id");
        return new Entry(
                index,
                line,
                id,
                names(u.path("groups"), where + ": the group"),
                names(u.path("roles"), where + ": the role"),
                tokenHashes(u, id, where),
                obj);
    }

    private static List<String> tokenHashes(JsonNode u, String id, String where) {
        List<String> hashes = new ArrayList<>();
        JsonNode tokens = u.path("tokens");
        if (!tokens.isMissingNode() && !tokens.isNull() && !tokens.isArray()) {
            throw new MaaConfigurationException(where + ": 'tokens' of user '" + id + "' must be a list of"
                    + " {sha256: ...} entries; mint tokens with: maa token create --user " + id);
        }
        for (JsonNode t : tokens) {
            String h = t.path("sha256").asText("");
            if (!h.matches("[0-9a-f]{64}")) {
                throw new MaaConfigurationException(where + ": user '" + id + "' has a token entry without a"
                        + " 64-hex-digit 'sha256'; mint tokens with: maa token create --user " + id);
            }
            hashes.add(h);
        }
        return hashes;
    }

    private static Set<String> names(JsonNode array, String what) {
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode n : array) {
            String name = n.asText();
            checked(name, what);
            out.add(name.strip());
        }
        return out;
    }

    private static String checked(String name, String what) {
        try {
            return Identities.canonical(name);
        } catch (InvalidIdentityException e) {
            throw new MaaConfigurationException(
                    what + " " + e.shownId() + " is not accepted: " + e.problem()
                            + ". Write it in one script without invisible characters.",
                    e);
        }
    }

    private static void requireDistinct(List<Entry> entries, String source) {
        Map<String, Entry> byId = new HashMap<>();
        for (Entry e : entries) {
            Entry first = byId.putIfAbsent(e.id(), e);
            if (first != null) {
                throw new MaaConfigurationException("Users file " + source + ": users[" + first.index() + "] (line "
                        + first.line() + ", id " + shown(first) + ") and users[" + e.index() + "] (line " + e.line()
                        + ", id " + shown(e) + ") are the same user '" + e.id() + "' (ids compare ignoring case,"
                        + " width and surrounding spaces); merge them into one entry.");
            }
        }
    }

    private static String shown(Entry e) {
        return "'" + e.node().path("id").asText() + "'";
    }
}

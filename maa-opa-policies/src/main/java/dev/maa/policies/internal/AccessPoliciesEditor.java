package dev.maa.policies.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Replaces, inserts or removes one entry of {@code access_policies} in the text of a data file. A YAML file is
 * edited as text: only the lines of that entry change, so the comments and layout of everything else survive an
 * edit from the console (a rewrite through a YAML tree would drop every comment). A JSON file, which has none, is
 * rewritten. The result is not validated here: the caller parses it with {@code AccessPolicies.parse}, the one
 * validator, so a bad edit is reported at its {@code line:col} in the edited file.
 */
public final class AccessPoliciesEditor {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build();

    private AccessPoliciesEditor() {}

    /** The entries of {@code access_policies} as written (the data file's field names, unnormalized). */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> entries(String fileName, String content) {
        JsonNode list = tree(fileName, content).root().path("access_policies");
        List<Map<String, Object>> out = new ArrayList<>();
        list.forEach(e -> out.add(JSON.convertValue(e, Map.class)));
        return out;
    }

    /** The index of the policy named {@code name} in {@code content}, if any. */
    public static OptionalInt indexOf(String fileName, String content, String name) {
        JsonNode list = tree(fileName, content).root().path("access_policies");
        for (int i = 0; i < list.size(); i++) {
            if (name.equals(list.get(i).path("name").asText(null))) {
                return OptionalInt.of(i);
            }
        }
        return OptionalInt.empty();
    }

    /**
     * {@code content} with entry {@code index} replaced by {@code policy}, or {@code policy} appended when
     * {@code index} is negative; {@code policy == null} removes entry {@code index}.
     */
    public static String edit(String fileName, String content, int index, Map<String, Object> policy) {
        LocatedTree tree = tree(fileName, content);
        JsonNode list = tree.root().path("access_policies");
        ObjectNode item = policy == null ? null : JSON.valueToTree(policy);
        if (fileName.endsWith(".json") || !list.isArray() || !blockStyle(tree, list)) {
            return rewrite(fileName, tree.root(), index, item);
        }
        List<String> lines = new ArrayList<>(Arrays.asList(content.split("\n", -1)));
        int count = list.size();
        int indent = count == 0
                ? 2
                : Math.max(0, tree.locationOf("access_policies[0]").getColumnNr() - 3);
        if (index < 0) {
            int end = count == 0 ? line(tree, "access_policies") : end(tree, lines, count - 1);
            List<String> added = new ArrayList<>();
            if (count > 0) {
                added.add("");
            }
            added.addAll(render(item, indent));
            lines.addAll(end, added);
        } else {
            int start = line(tree, "access_policies[" + index + "]") - 1;
            int end = end(tree, lines, index);
            lines.subList(start, end).clear();
            if (item != null) {
                lines.addAll(start, render(item, indent));
            } else if (start < lines.size()
                    && start > 0
                    && lines.get(start).isBlank()
                    && lines.get(start - 1).isBlank()) {
                lines.remove(start);
            }
        }
        return String.join("\n", lines);
    }

    /** Whether the list is written one entry per {@code -} line (not {@code []} or missing items). */
    private static boolean blockStyle(LocatedTree tree, JsonNode list) {
        if (list.isEmpty()) {
            return false;
        }
        return line(tree, "access_policies[0]") > line(tree, "access_policies");
    }

    /** 1-based line where {@code path} starts. */
    private static int line(LocatedTree tree, String path) {
        JsonLocation l = tree.locationOf(path);
        return l == null ? 1 : l.getLineNr();
    }

    /** The exclusive 0-based end line of entry {@code index}: before the next entry or key, less trailing comments. */
    private static int end(LocatedTree tree, List<String> lines, int index) {
        int start = line(tree, "access_policies[" + index + "]");
        int next = lines.size() + 1;
        JsonNode list = tree.root().path("access_policies");
        if (index + 1 < list.size()) {
            next = line(tree, "access_policies[" + (index + 1) + "]");
        } else {
            for (var it = tree.root().fieldNames(); it.hasNext(); ) {
                int l = line(tree, it.next());
                if (l > start && l < next) {
                    next = l;
                }
            }
        }
        int end = next - 1;
        while (end > start) {
            String s = lines.get(end - 1).strip();
            if (s.isEmpty() || s.startsWith("#")) {
                end--;
            } else {
                break;
            }
        }
        return end;
    }

    private static List<String> render(ObjectNode item, int indent) {
        String yaml;
        try {
            yaml = YAML.writeValueAsString(item);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the policy as YAML", e);
        }
        String pad = " ".repeat(indent);
        List<String> out = new ArrayList<>();
        boolean first = true;
        for (String l : yaml.stripTrailing().split("\n")) {
            out.add(pad + (first ? "- " : "  ") + l);
            first = false;
        }
        return out;
    }

    private static String rewrite(String fileName, JsonNode root, int index, ObjectNode item) {
        ObjectNode doc = root.isObject() ? ((ObjectNode) root).deepCopy() : JSON.createObjectNode();
        ArrayNode list = doc.path("access_policies").isArray()
                ? (ArrayNode) doc.get("access_policies")
                : doc.putArray("access_policies");
        if (index < 0) {
            list.add(item);
        } else if (item == null) {
            list.remove(index);
        } else {
            list.set(index, item);
        }
        try {
            return fileName.endsWith(".json") ? JSON.writeValueAsString(doc) + "\n" : YAML.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + fileName, e);
        }
    }

    private static LocatedTree tree(String fileName, String content) {
        try {
            return LocatedTree.read(fileName, content);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(
                    fileName + " of the active policy set does not parse, so it cannot be edited: " + e.getMessage(),
                    e);
        }
    }
}

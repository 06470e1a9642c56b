package dev.maa.rego.internal.parser;

import dev.maa.rego.Location;
import dev.maa.rego.RegoParseException;
import dev.maa.rego.builtins.GoYamlReader;
import dev.maa.rego.internal.ast.Annotation;
import dev.maa.rego.internal.lexer.Lexer;
import dev.maa.rego.value.ArrayValue;
import dev.maa.rego.value.BooleanValue;
import dev.maa.rego.value.NullValue;
import dev.maa.rego.value.ObjectValue;
import dev.maa.rego.value.StringValue;
import dev.maa.rego.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OPA's {@code # METADATA} comment blocks: a comment reading {@code METADATA} followed by comment
 * lines (one per line, starting in column 1) holding YAML. Each block is read as OPA's
 * {@code rawAnnotation} (scope, title, entrypoint, description, organizations, related_resources,
 * authors, schemas, custom; other keys are ignored, as OPA ignores them), turned into the object
 * {@code rego.metadata.*} return, and attached to the first statement after it, with OPA's
 * default scopes and its errors for a scope on the wrong statement.
 */
final class MetadataBlocks {
    private MetadataBlocks() {}

    /** A statement an annotation may attach to: the package (-1), an import (-2) or a rule (its index). */
    record Statement(int line, int rule) {}

    private record Block(Lexer.Comment start, List<Lexer.Comment> lines) {}

    static List<Annotation> read(Lexer lexer, String file, List<Statement> statements) {
        List<Annotation> out = new ArrayList<>();
        for (Block b : blocks(lexer.comments())) {
            Location loc = new Location(
                    file,
                    b.start().line(),
                    b.start().col(),
                    lexer.sourceLine(b.start().line()));
            ObjectValue raw = yaml(b, loc);
            Statement target = statements.stream()
                    .filter(s -> s.line() > b.start().line())
                    .findFirst()
                    .orElse(null);
            String scope = string(raw, "scope", loc);
            if (scope.isEmpty() && target != null) {
                scope = target.rule() >= 0 ? "rule" : target.rule() == -1 ? "package" : "import";
            }
            checkAttachment(scope, target, loc);
            out.add(new Annotation(scope, object(raw, scope, loc), target.rule(), loc));
        }
        return out;
    }

    private static List<Block> blocks(List<Lexer.Comment> comments) {
        List<Block> blocks = new ArrayList<>();
        Block current = null;
        Lexer.Comment prev = null;
        for (Lexer.Comment c : comments) {
            if (current != null && prev != null && c.line() == prev.line() + 1 && c.col() == 1) {
                current.lines().add(c);
            } else {
                current = null;
                if (c.text().strip().equals("METADATA")) {
                    current = new Block(c, new ArrayList<>());
                    blocks.add(current);
                }
            }
            prev = c;
        }
        return blocks;
    }

    private static ObjectValue yaml(Block b, Location loc) {
        StringBuilder text = new StringBuilder();
        for (Lexer.Comment c : b.lines()) {
            text.append(c.text().startsWith(" ") ? c.text().substring(1) : c.text())
                    .append('\n');
        }
        if (text.toString().isBlank()) {
            throw error(loc, "expected METADATA block, found whitespace");
        }
        Value v;
        try {
            v = GoYamlReader.parse(text.toString());
        } catch (IllegalArgumentException e) {
            throw error(loc, e.getMessage());
        }
        if (v instanceof NullValue) {
            return ObjectValue.EMPTY;
        }
        if (!(v instanceof ObjectValue o)) {
            throw error(
                    loc,
                    "yaml: unmarshal errors: a METADATA block must be a mapping of keys such as title and"
                            + " description");
        }
        return o;
    }

    private static void checkAttachment(String scope, Statement target, Location loc) {
        String want = switch (scope) {
            case "rule", "document" -> "rule";
            case "package", "subpackages" -> "package";
            default -> throw error(loc, "invalid annotation scope '" + scope + "'");
        };
        boolean ok = target != null && (want.equals("rule") ? target.rule() >= 0 : target.rule() == -1);
        if (!ok) {
            String have = target == null
                    ? ""
                    : " (have " + (target.rule() >= 0 ? "rule" : target.rule() == -1 ? "package" : "import") + ")";
            throw error(loc, "annotation scope '" + scope + "' must be applied to " + want + have);
        }
    }

    /** OPA's object form of the annotations ({@code Annotations.toObject}): empty fields left out. */
    private static ObjectValue object(ObjectValue raw, String scope, Location loc) {
        Map<String, Value> m = new LinkedHashMap<>();
        m.put("scope", StringValue.of(scope));
        putString(m, raw, "title", loc);
        Value entry = raw.get(StringValue.of("entrypoint"));
        if (entry != null && !(entry instanceof NullValue)) {
            if (!(entry instanceof BooleanValue b)) {
                throw error(loc, "yaml: unmarshal errors: METADATA key entrypoint must be true or false");
            }
            if (b.value()) {
                m.put("entrypoint", BooleanValue.TRUE);
            }
        }
        putString(m, raw, "description", loc);
        List<Value> orgs = new ArrayList<>();
        for (Value v : list(raw, "organizations", loc)) {
            orgs.add(StringValue.of(text(v, "organizations", loc)));
        }
        putList(m, "organizations", orgs);
        List<Value> related = new ArrayList<>();
        for (Value v : list(raw, "related_resources", loc)) {
            related.add(relatedResource(v, loc));
        }
        putList(m, "related_resources", related);
        List<Value> authors = new ArrayList<>();
        for (Value v : list(raw, "authors", loc)) {
            authors.add(author(v, loc));
        }
        putList(m, "authors", authors);
        List<Value> schemas = new ArrayList<>();
        for (Value v : list(raw, "schemas", loc)) {
            schemas.add(schema(v, loc));
        }
        putList(m, "schemas", schemas);
        Value custom = raw.get(StringValue.of("custom"));
        if (custom instanceof ObjectValue o && o.size() > 0) {
            m.put("custom", o);
        } else if (custom != null && !(custom instanceof NullValue) && !(custom instanceof ObjectValue)) {
            throw error(loc, "yaml: unmarshal errors: METADATA key custom must be a mapping");
        }
        return ObjectValue.ofStrings(m);
    }

    private static Value relatedResource(Value v, Location loc) {
        if (v instanceof StringValue s) {
            if (s.value().isEmpty()) {
                throw error(loc, "invalid related-resource definition : ref URL may not be empty string");
            }
            return ObjectValue.ofStrings(Map.of("ref", s));
        }
        if (v instanceof ObjectValue o) {
            String ref = field(o, "ref").strip();
            if (ref.isEmpty()) {
                throw error(loc, "invalid related-resource definition " + o + ": 'ref' value required in object");
            }
            Map<String, Value> m = new LinkedHashMap<>();
            m.put("ref", StringValue.of(ref));
            String description = field(o, "description").strip();
            if (!description.isEmpty()) {
                m.put("description", StringValue.of(description));
            }
            return ObjectValue.ofStrings(m);
        }
        throw error(loc, "invalid related-resource definition " + v + ": invalid value type, must be string or map");
    }

    private static Value author(Value v, Location loc) {
        String name;
        String email = "";
        if (v instanceof StringValue s) {
            List<String> parts = new ArrayList<>(List.of(s.value().strip().split("\\s+")));
            if (s.value().isBlank()) {
                throw error(loc, "invalid author definition " + s.value() + ": author is an empty string");
            }
            String last = parts.get(parts.size() - 1);
            if (last.length() >= 2 && last.startsWith("<") && last.endsWith(">")) {
                email = last.substring(1, last.length() - 1);
                parts.remove(parts.size() - 1);
            }
            name = String.join(" ", parts);
        } else if (v instanceof ObjectValue o) {
            name = field(o, "name").strip();
            email = field(o, "email").strip();
            if (name.isEmpty() && email.isEmpty()) {
                throw error(
                        loc, "invalid author definition " + o + ": 'name' and/or 'email' values required in object");
            }
        } else {
            throw error(loc, "invalid author definition " + v + ": invalid value type, must be string or map");
        }
        Map<String, Value> m = new LinkedHashMap<>();
        if (!name.isEmpty()) {
            m.put("name", StringValue.of(name));
        }
        if (!email.isEmpty()) {
            m.put("email", StringValue.of(email));
        }
        return ObjectValue.ofStrings(m);
    }

    /** {@code - input.x: schema.y} or {@code - input.x: {definition}}: a path with a schema reference or definition. */
    private static Value schema(Value v, Location loc) {
        if (!(v instanceof ObjectValue o) || o.size() != 1 || !(o.keyAt(0) instanceof StringValue key)) {
            throw error(loc, "invalid schema declaration " + v + ": write `- input.path: schema.name`");
        }
        Map<String, Value> m = new LinkedHashMap<>();
        m.put("path", ref(key.value(), loc));
        Value target = o.valueAt(0);
        if (target instanceof StringValue s) {
            if (!s.value().equals("schema") && !s.value().startsWith("schema.")) {
                throw error(loc, "invalid schema reference");
            }
            m.put("schema", ref(s.value(), loc));
        } else if (target instanceof ObjectValue def) {
            m.put("definition", def);
        } else {
            throw error(loc, "invalid schema declaration for path \"" + key.value() + "\"");
        }
        return ObjectValue.ofStrings(m);
    }

    private static ArrayValue ref(String dotted, Location loc) {
        List<Value> parts = new ArrayList<>();
        for (String p : dotted.split("\\.", -1)) {
            if (!p.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw error(loc, "invalid document reference");
            }
            parts.add(StringValue.of(p));
        }
        return ArrayValue.of(parts);
    }

    private static String field(ObjectValue o, String key) {
        return o.get(StringValue.of(key)) instanceof StringValue s ? s.value() : "";
    }

    private static void putString(Map<String, Value> m, ObjectValue raw, String key, Location loc) {
        String s = string(raw, key, loc);
        if (!s.isEmpty()) {
            m.put(key, StringValue.of(s));
        }
    }

    private static void putList(Map<String, Value> m, String key, List<Value> items) {
        if (!items.isEmpty()) {
            m.put(key, ArrayValue.of(items));
        }
    }

    private static String string(ObjectValue raw, String key, Location loc) {
        Value v = raw.get(StringValue.of(key));
        return v == null || v instanceof NullValue ? "" : text(v, key, loc);
    }

    private static String text(Value v, String key, Location loc) {
        if (v instanceof StringValue s) {
            return s.value();
        }
        throw error(loc, "yaml: unmarshal errors: METADATA key " + key + " must be a string, not " + v);
    }

    private static List<Value> list(ObjectValue raw, String key, Location loc) {
        Value v = raw.get(StringValue.of(key));
        if (v == null || v instanceof NullValue) {
            return List.of();
        }
        if (!(v instanceof ArrayValue a)) {
            throw error(loc, "yaml: unmarshal errors: METADATA key " + key + " must be a list");
        }
        List<Value> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            out.add(a.get(i));
        }
        return out;
    }

    private static RegoParseException error(Location loc, String message) {
        return new RegoParseException("rego_parse_error", loc, message);
    }
}

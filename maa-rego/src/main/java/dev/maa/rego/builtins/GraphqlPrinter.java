package dev.maa.rego.builtins;

import dev.maa.rego.value.ArrayValue;
import dev.maa.rego.value.BooleanValue;
import dev.maa.rego.value.NullValue;
import dev.maa.rego.value.NumberValue;
import dev.maa.rego.value.ObjectValue;
import dev.maa.rego.value.StringValue;
import dev.maa.rego.value.Value;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * GraphQL AST objects (the shape {@link GraphqlAst} gives) back to GraphQL text, so that OPA's
 * {@code graphql.*} builtins can take AST objects as operands: OPA decodes them into gqlparser's
 * Go structs with {@code encoding/json}, this engine prints them and parses the text with the one
 * GraphQL pipeline it has ({@link GraphqlDocuments}).
 *
 * <p>Where Go's decoding fails (a field of the wrong JSON type) a {@link Malformed} is thrown: OPA
 * answers {@code false} (or unverified) there. Where the decoded struct has no text form that
 * parses back to the same struct (an empty name, a field without alias, a value whose raw text is
 * not of its kind, a selection gqlparser's decoder reads in its own way), the input is refused
 * with a {@link dev.maa.rego.RegoUnsupportedException}, never answered differently.
 */
final class GraphqlPrinter {
    private static final Pattern NAME = Pattern.compile("[_A-Za-z][_0-9A-Za-z]*");
    private static final Pattern INT = Pattern.compile("-?(0|[1-9][0-9]*)");
    private static final Pattern FLOAT = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
    private static final Set<String> OPERATIONS = Set.of("query", "mutation", "subscription");
    private static final List<String> KINDS = List.of("OBJECT", "INTERFACE", "UNION", "ENUM", "INPUT_OBJECT", "SCALAR");

    /** Go's {@code json.Unmarshal} would fail on this input. */
    static final class Malformed extends RuntimeException {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    private final String builtin;
    private final StringBuilder out = new StringBuilder();

    private GraphqlPrinter(String builtin) {
        this.builtin = builtin;
    }

    /** The query document an AST object stands for. */
    static String query(String builtin, ObjectValue ast) {
        GraphqlPrinter p = new GraphqlPrinter(builtin);
        for (Value op : p.list(ast, "Operations")) {
            p.operation(p.obj(op));
        }
        for (Value f : p.list(ast, "Fragments")) {
            p.fragment(p.obj(f));
        }
        return p.out.toString();
    }

    /** The schema document an AST object stands for. */
    static String schema(String builtin, ObjectValue ast) {
        GraphqlPrinter p = new GraphqlPrinter(builtin);
        for (Value s : p.list(ast, "Schema")) {
            p.schemaDefinition(p.obj(s), "");
        }
        for (Value s : p.list(ast, "SchemaExtension")) {
            p.schemaDefinition(p.obj(s), "extend ");
        }
        for (Value d : p.list(ast, "Directives")) {
            p.directiveDefinition(p.obj(d));
        }
        for (Value d : p.list(ast, "Definitions")) {
            p.definition(p.obj(d), "");
        }
        for (Value d : p.list(ast, "Extensions")) {
            p.definition(p.obj(d), "extend ");
        }
        return p.out.toString();
    }

    // ---- query documents ----

    private void operation(ObjectValue op) {
        String kind = str(op, "Operation");
        if (!OPERATIONS.contains(kind)) {
            throw refuse("an operation of kind '" + kind + "'");
        }
        out.append(kind);
        String name = str(op, "Name");
        if (!name.isEmpty()) {
            out.append(' ').append(name(name));
        }
        List<Value> vars = list(op, "VariableDefinitions");
        if (!vars.isEmpty()) {
            out.append('(');
            for (Value v : vars) {
                ObjectValue d = obj(v);
                out.append('$').append(name(str(d, "Variable"))).append(": ").append(type(d.get("Type")));
                defaultValue(d);
                directives(d);
                out.append(' ');
            }
            out.append(')');
        }
        directives(op);
        selections(op, true);
    }

    private void fragment(ObjectValue f) {
        if (!list(f, "VariableDefinition").isEmpty()) {
            throw refuse("fragment variable definitions");
        }
        out.append("fragment ").append(name(str(f, "Name"))).append(" on ").append(name(str(f, "TypeCondition")));
        directives(f);
        selections(f, true);
    }

    /** gqlparser decodes every selection that decodes as a field as a field, so only fields round-trip. */
    private void selections(ObjectValue parent, boolean required) {
        List<Value> set = list(parent, "SelectionSet");
        if (set.isEmpty()) {
            if (required) {
                throw refuse("an empty selection set");
            }
            return;
        }
        out.append(" {\n");
        for (Value s : set) {
            ObjectValue f = obj(s);
            String alias = str(f, "Alias");
            String name = str(f, "Name");
            if (alias.isEmpty() || name.isEmpty()) {
                throw refuse("a selection without both Alias and Name (gqlparser's decoder reads every selection as a"
                        + " field)");
            }
            out.append(name(alias)).append(": ").append(name(name));
            arguments(f);
            directives(f);
            selections(f, false);
            out.append('\n');
        }
        out.append("}\n");
    }

    private void arguments(ObjectValue o) {
        List<Value> args = list(o, "Arguments");
        if (!args.isEmpty()) {
            out.append('(');
            for (Value a : args) {
                ObjectValue arg = obj(a);
                out.append(name(str(arg, "Name")))
                        .append(": ")
                        .append(value(arg.get("Value")))
                        .append(' ');
            }
            out.append(')');
        }
    }

    private void directives(ObjectValue o) {
        for (Value d : list(o, "Directives")) {
            ObjectValue dir = obj(d);
            out.append(" @").append(name(str(dir, "Name")));
            arguments(dir);
        }
    }

    private void defaultValue(ObjectValue o) {
        Value v = o.get("DefaultValue");
        if (v != null && !(v instanceof NullValue)) {
            out.append(" = ").append(value(v));
        }
    }

    private String value(Value v) {
        if (v == null || v instanceof NullValue) {
            throw refuse("an argument without a value");
        }
        ObjectValue o = obj(v);
        String raw = str(o, "Raw");
        int kind = integer(o, "Kind");
        switch (kind) {
            case 0:
                return "$" + name(raw);
            case 1:
                return matching(INT, raw);
            case 2:
                return matching(FLOAT, raw);
            case 3:
                return quoted(raw);
            case 4:
                if (raw.isBlank()
                        || raw.contains("\n")
                        || raw.contains("\r")
                        || raw.contains("\"\"\"")
                        || raw.contains("\\")) {
                    throw refuse("a block string value that does not read back as itself");
                }
                return "\"\"\"" + raw + "\"\"\"";
            case 5:
                return Set.of("true", "false").contains(raw) ? raw : refuseValue(raw);
            case 6:
                return raw.equals("null") ? raw : refuseValue(raw);
            case 7:
                return Set.of("true", "false", "null").contains(raw) ? refuseValue(raw) : name(raw);
            case 8, 9: {
                StringBuilder sb = new StringBuilder(kind == 8 ? "[" : "{");
                for (Value c : list(o, "Children")) {
                    ObjectValue child = obj(c);
                    if (kind == 9) {
                        sb.append(name(str(child, "Name"))).append(": ");
                    }
                    sb.append(value(child.get("Value"))).append(' ');
                }
                return sb.append(kind == 8 ? "]" : "}").toString();
            }
            default:
                throw refuse("a value of kind " + kind);
        }
    }

    private String matching(Pattern p, String raw) {
        return p.matcher(raw).matches() ? raw : refuseValue(raw);
    }

    private String refuseValue(String raw) {
        throw refuse("a value whose raw text '" + raw + "' is not of its kind");
    }

    private String type(Value v) {
        if (v == null || v instanceof NullValue) {
            throw refuse("a type-less variable or field");
        }
        ObjectValue t = obj(v);
        String named = str(t, "NamedType");
        String base = !named.isEmpty() ? name(named) : "[" + type(t.get("Elem")) + "]";
        return bool(t, "NonNull") ? base + "!" : base;
    }

    // ---- schema documents ----

    private void description(ObjectValue o) {
        String d = str(o, "Description");
        if (!d.isEmpty()) {
            out.append(quoted(d)).append('\n');
        }
    }

    private void schemaDefinition(ObjectValue s, String extend) {
        description(s);
        out.append(extend).append("schema");
        directives(s);
        List<Value> ops = list(s, "OperationTypes");
        if (!ops.isEmpty()) {
            out.append(" {\n");
            for (Value op : ops) {
                ObjectValue o = obj(op);
                String kind = str(o, "Operation");
                if (!OPERATIONS.contains(kind)) {
                    throw refuse("a schema operation of kind '" + kind + "'");
                }
                out.append(kind).append(": ").append(name(str(o, "Type"))).append('\n');
            }
            out.append('}');
        }
        out.append('\n');
    }

    private void directiveDefinition(ObjectValue d) {
        description(d);
        out.append("directive @").append(name(str(d, "Name")));
        argumentDefinitions(d);
        if (bool(d, "IsRepeatable")) {
            out.append(" repeatable");
        }
        List<Value> locations = list(d, "Locations");
        if (locations.isEmpty()) {
            throw refuse("a directive definition without locations");
        }
        out.append(" on");
        String sep = " ";
        for (Value l : locations) {
            out.append(sep).append(name(text(l, "Locations")));
            sep = " | ";
        }
        out.append('\n');
    }

    private void argumentDefinitions(ObjectValue o) {
        List<Value> args = list(o, "Arguments");
        if (!args.isEmpty()) {
            out.append('(');
            for (Value a : args) {
                inputValue(obj(a));
            }
            out.append(')');
        }
    }

    private void inputValue(ObjectValue a) {
        description(a);
        out.append(name(str(a, "Name"))).append(": ").append(type(a.get("Type")));
        defaultValue(a);
        directives(a);
        out.append('\n');
    }

    private void definition(ObjectValue d, String extend) {
        if (bool(d, "BuiltIn")) {
            throw refuse("a built-in type definition");
        }
        String kind = str(d, "Kind");
        if (!KINDS.contains(kind)) {
            throw refuse("a definition of kind '" + kind + "'");
        }
        description(d);
        String keyword = switch (kind) {
            case "OBJECT" -> "type";
            case "INPUT_OBJECT" -> "input";
            default -> kind.toLowerCase(java.util.Locale.ROOT);
        };
        out.append(extend).append(keyword).append(' ').append(name(str(d, "Name")));
        List<Value> interfaces = list(d, "Interfaces");
        if (!interfaces.isEmpty()) {
            out.append(" implements");
            String sep = " ";
            for (Value i : interfaces) {
                out.append(sep).append(name(text(i, "Interfaces")));
                sep = " & ";
            }
        }
        directives(d);
        List<Value> types = list(d, "Types");
        if (!types.isEmpty()) {
            out.append(" =");
            String sep = " ";
            for (Value t : types) {
                out.append(sep).append(name(text(t, "Types")));
                sep = " | ";
            }
        }
        List<Value> members = kind.equals("ENUM") ? list(d, "EnumValues") : list(d, "Fields");
        if (!members.isEmpty()) {
            out.append(" {\n");
            for (Value m : members) {
                ObjectValue f = obj(m);
                if (kind.equals("ENUM")) {
                    description(f);
                    out.append(name(str(f, "Name")));
                    directives(f);
                    out.append('\n');
                } else if (kind.equals("INPUT_OBJECT")) {
                    inputValue(f);
                } else {
                    description(f);
                    out.append(name(str(f, "Name")));
                    argumentDefinitions(f);
                    out.append(": ").append(type(f.get("Type")));
                    directives(f);
                    out.append('\n');
                }
            }
            out.append('}');
        }
        out.append('\n');
    }

    // ---- decoding, as Go's encoding/json reads into gqlparser's structs ----

    private ObjectValue obj(Value v) {
        if (v instanceof ObjectValue o) {
            return o;
        }
        throw new Malformed("json: cannot unmarshal " + v.typeName() + " into a GraphQL AST object");
    }

    private List<Value> list(ObjectValue o, String key) {
        Value v = o.get(key);
        if (v == null || v instanceof NullValue) {
            return List.of();
        }
        if (v instanceof ArrayValue a) {
            return a.items();
        }
        throw new Malformed("json: cannot unmarshal " + v.typeName() + " into GraphQL AST field " + key);
    }

    private static String str(ObjectValue o, String key) {
        Value v = o.get(key);
        return v == null || v instanceof NullValue ? "" : text(v, key);
    }

    private static String text(Value v, String key) {
        if (v instanceof StringValue s) {
            return s.value();
        }
        throw new Malformed(
                "json: cannot unmarshal " + v.typeName() + " into GraphQL AST field " + key + " of type string");
    }

    private static boolean bool(ObjectValue o, String key) {
        Value v = o.get(key);
        if (v == null || v instanceof NullValue) {
            return false;
        }
        if (v instanceof BooleanValue b) {
            return b.value();
        }
        throw new Malformed(
                "json: cannot unmarshal " + v.typeName() + " into GraphQL AST field " + key + " of type bool");
    }

    private static int integer(ObjectValue o, String key) {
        Value v = o.get(key);
        if (v == null || v instanceof NullValue) {
            return 0;
        }
        if (v instanceof NumberValue n && n.intValueExact() != null) {
            return n.intValueExact();
        }
        throw new Malformed("json: cannot unmarshal " + v + " into GraphQL AST field " + key + " of type int");
    }

    private String name(String s) {
        if (!NAME.matcher(s).matches()) {
            throw refuse("the name '" + s + "'");
        }
        return s;
    }

    private static String quoted(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    private RuntimeException refuse(String what) {
        return GraphqlBuiltins.unsupported(
                builtin,
                "a GraphQL AST object with " + what + " has no GraphQL text that reads"
                        + " back as the struct OPA decodes; pass the GraphQL text");
    }
}

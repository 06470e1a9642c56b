package dev.maa.rego.builtins;

import dev.maa.rego.value.ObjectValue;
import graphql.GraphQLException;
import graphql.introspection.Introspection;
import graphql.language.Definition;
import graphql.language.DirectiveDefinition;
import graphql.language.DirectiveLocation;
import graphql.language.Document;
import graphql.language.FieldDefinition;
import graphql.language.FragmentDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.language.ObjectTypeExtensionDefinition;
import graphql.language.OperationDefinition;
import graphql.language.SDLDefinition;
import graphql.language.SchemaDefinition;
import graphql.language.SourceLocation;
import graphql.language.TypeName;
import graphql.language.VariableDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import graphql.validation.ValidationError;
import graphql.validation.Validator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * GraphQL text to graphql-java documents, with OPA's error format
 * ({@code <message> in GraphQL string at location <line>:<col>}), and schema and query validation.
 */
final class GraphqlDocuments {
    private GraphqlDocuments() {}

    /**
     * A parsed document and its text, turned into OPA's AST object on demand.
     *
     * @param fragmentVariables the variable definitions of fragments that have them (gqlparser's
     *     experimental syntax), by fragment name
     */
    record Parsed(
            Document document, String text, boolean schema, Map<String, List<VariableDefinition>> fragmentVariables) {
        /** OPA's AST object. */
        ObjectValue ast() {
            return schema ? GraphqlAst.schema(document, text) : GraphqlAst.query(document, text, fragmentVariables);
        }
    }

    static Parsed parseQuery(String name, String text) {
        GraphqlFragmentVariables.Split split = GraphqlFragmentVariables.split(text);
        // gqlparser reads a query without tokens as an empty document; graphql-java refuses it.
        Document doc =
                GraphqlTokens.all(text).isEmpty() ? Document.newDocument().build() : parse(name, split.text(), false);
        for (Definition<?> d : doc.getDefinitions()) {
            if (!(d instanceof OperationDefinition) && !(d instanceof FragmentDefinition)) {
                throw located(
                        name,
                        "Unexpected Name \"" + firstWord(text, d.getSourceLocation()) + "\"",
                        d.getSourceLocation());
            }
        }
        return new Parsed(doc, text, false, split.byFragment());
    }

    static Parsed parseSchema(String name, String text) {
        Document doc = parse(name, text, true);
        requireNonEmptyBraces(name, text);
        for (Definition<?> d : doc.getDefinitions()) {
            if (!(d instanceof SDLDefinition<?>)) {
                String word = firstWord(text, d.getSourceLocation());
                if (word.equals("extend")) {
                    int off = offset(text, d.getSourceLocation());
                    throw GraphqlSyntaxErrors.extension(
                            name,
                            GraphqlTokens.all(text),
                            GraphqlTokens.before(text, off).size(),
                            text);
                }
                throw located(
                        name, "Unexpected " + (word.isEmpty() ? "{" : "Name \"" + word + "\""), d.getSourceLocation());
            }
            if (d instanceof DirectiveDefinition dd) {
                requireKnownLocations(name, dd);
            }
        }
        return new Parsed(doc, text, true, Map.of());
    }

    /** gqlparser's parser knows the spec's directive locations only; graphql-java takes any name. */
    private static void requireKnownLocations(String name, DirectiveDefinition d) {
        for (DirectiveLocation l : d.getDirectiveLocations()) {
            if (Arrays.stream(Introspection.DirectiveLocation.values())
                    .noneMatch(k -> k.name().equals(l.getName()))) {
                throw located(name, "Unexpected Name \"" + l.getName() + "\"", l.getSourceLocation());
            }
        }
    }

    private static Document parse(String name, String text, boolean schema) {
        try {
            return new Parser().parseDocument(text);
        } catch (InvalidSyntaxException e) {
            String token = e.getOffendingToken();
            String what;
            if (token == null || token.equals("<EOF>")) {
                what = "<EOF>";
            } else if (token.startsWith("\"")) {
                what = "String "
                        + (token.startsWith("\"\"\"")
                                ? "\"" + token.substring(3, Math.max(3, token.length() - 3)) + "\""
                                : token);
            } else if (Character.isLetter(token.charAt(0)) || token.charAt(0) == '_') {
                what = "Name \"" + token + "\"";
            } else {
                what = token;
            }
            int off = offset(text, e.getLocation());
            GraphqlSyntaxErrors.check(name, text, schema, off);
            String message = gqlparserWording(text, e.getLocation(), what);
            List<GraphqlTokens.Token> all = GraphqlTokens.all(text);
            int at = GraphqlTokens.before(text, off).size();
            if (at < all.size()
                    && all.get(at).offset() == off
                    && all.get(at).text().equals("\"")) {
                throw GraphqlSyntaxErrors.located(
                        name, message, all.get(at)); // gqlparser places a string after its quote
            }
            throw located(name, message, e.getLocation());
        } catch (GraphQLException e) {
            throw BuiltinError.of(name, e.getMessage() + " in GraphQL string");
        }
    }

    /** Keywords and punctuators after which gqlparser expects a name. */
    private static final Set<String> NAME_NEXT = Set.of(
            "{",
            ":",
            "@",
            "$",
            "|",
            "...",
            "on",
            "fragment",
            "type",
            "interface",
            "union",
            "enum",
            "input",
            "scalar",
            "directive");

    /**
     * graphql-java reports the offending token; gqlparser words the same failure by what it
     * expected, which follows from the token before it.
     */
    private static String gqlparserWording(String text, SourceLocation at, String found) {
        List<String> before = GraphqlTokens.textsBefore(text, offset(text, at));
        String prev = before.isEmpty() ? "" : before.get(before.size() - 1);
        String prevPrev = before.size() < 2 ? "" : before.get(before.size() - 2);
        if ((found.equals("}") && prev.equals("{")) || (found.equals(")") && prev.equals("("))) {
            return "expected at least one definition, found " + found;
        }
        if (prevPrev.equals("fragment") && !prev.equals("on")) {
            return "Expected \"on\", found " + found;
        }
        boolean fragmentNamedOn = prev.equals("fragment") && found.equals("Name \"on\"");
        if (NAME_NEXT.contains(prev) && !(prev.equals("{") && found.equals("...")) && !fragmentNamedOn) {
            return "Expected Name, found " + found;
        }
        return "Unexpected " + found;
    }

    static int offset(String text, SourceLocation at) {
        if (at == null) {
            return text.length();
        }
        int off = 0;
        for (int line = 1; line < at.getLine(); line++) {
            off = text.indexOf('\n', off) + 1;
            if (off == 0) {
                return text.length();
            }
        }
        return Math.min(text.length(), off + Math.max(0, at.getColumn() - 1));
    }

    /**
     * gqlparser wants at least one field, value or member between braces; graphql-java accepts
     * {@code type A {}}. The first empty pair is reported as gqlparser reports it.
     */
    private static void requireNonEmptyBraces(String name, String text) {
        String prev = "";
        for (GraphqlTokens.Token t : GraphqlTokens.all(text)) {
            if (t.text().equals("}") && prev.equals("{")) {
                throw BuiltinError.of(
                        name,
                        "expected at least one definition, found } in GraphQL string at location " + t.line() + ":"
                                + t.col());
            }
            prev = t.text();
        }
    }

    private static String firstWord(String text, SourceLocation at) {
        int off = 0;
        for (int line = 1; at != null && line < at.getLine(); line++) {
            off = text.indexOf('\n', off) + 1;
        }
        off += at == null ? 0 : at.getColumn() - 1;
        int end = off;
        while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
            end++;
        }
        return text.substring(Math.min(off, text.length()), Math.min(end, text.length()));
    }

    private static BuiltinError located(String name, String message, SourceLocation at) {
        String where = at == null ? "" : " at location " + at.getLine() + ":" + at.getColumn();
        return BuiltinError.of(name, message + " in GraphQL string" + where);
    }

    /** The executable schema of a schema document, or a {@link GraphQLException} naming its problem. */
    private static GraphQLSchema build(String name, Parsed schema) {
        List<SchemaDefinition> roots = schema.document().getDefinitionsOfType(SchemaDefinition.class);
        if (!roots.isEmpty()
                && roots.stream()
                        .flatMap(r -> r.getOperationTypeDefinitions().stream())
                        .noneMatch(o -> o.getName().equals("query"))) {
            // graphql-java rejects such a schema, gqlparser does not: neither verdict can be promised
            throw GraphqlBuiltins.unsupported(
                    name,
                    "a schema definition without a query operation is not checked by this"
                            + " engine; add `query: Query` to it");
        }
        // gqlparser lets `extend type X` stand alone; graphql-java wants the base type: make it the base.
        Set<String> bases = new HashSet<>();
        for (Definition<?> d : schema.document().getDefinitions()) {
            if (d instanceof ObjectTypeDefinition o && !(d instanceof ObjectTypeExtensionDefinition)) {
                bases.add(o.getName());
            }
        }
        List<Definition> defs = new ArrayList<>();
        for (Definition<?> d : schema.document().getDefinitions()) {
            if (d instanceof ObjectTypeExtensionDefinition x && bases.add(x.getName())) {
                defs.add(ObjectTypeDefinition.newObjectTypeDefinition()
                        .name(x.getName())
                        .implementz(x.getImplements())
                        .directives(x.getDirectives())
                        .fieldDefinitions(x.getFieldDefinitions())
                        .build());
            } else {
                defs.add(d);
            }
        }
        if (!hasQueryRoot(schema)) {
            // gqlparser accepts a schema without a query root; graphql-java needs one to check the rest.
            defs.add(ObjectTypeDefinition.newObjectTypeDefinition()
                    .name("Query")
                    .fieldDefinition(FieldDefinition.newFieldDefinition()
                            .name("maaPlaceholder")
                            .type(new TypeName("Boolean"))
                            .build())
                    .build());
        }
        Document doc = schema.document().transform(b -> b.definitions(defs));
        return UnExecutableSchemaGenerator.makeUnExecutableSchema(new SchemaParser().buildRegistry(doc));
    }

    private static boolean hasQueryRoot(Parsed schema) {
        return schema.document().getDefinitions().stream()
                .anyMatch(d -> d instanceof SchemaDefinition
                        || d instanceof ObjectTypeDefinition o && o.getName().equals("Query"));
    }

    /** Why the schema is invalid, or {@code null}. */
    static String schemaProblem(String name, Parsed schema) {
        try {
            build(name, schema);
            return null;
        } catch (GraphQLException e) {
            return e.getMessage();
        }
    }

    /**
     * Why a query is invalid: graphql-java's wording, and gqlparser's where it is known (else null).
     *
     * @param graphqlJava graphql-java's first error
     * @param gqlparser the same error as OPA words it, or null
     */
    record Invalid(String graphqlJava, String gqlparser) {}

    /**
     * Why the query is invalid against the schema, or {@code null}. A query with definitions
     * against a schema without a query root is refused: gqlparser reports the missing root among
     * its other rules in an order this engine does not reproduce.
     */
    static Invalid validate(String name, Parsed schema, Parsed query) {
        if (!query.fragmentVariables().isEmpty()) {
            throw GraphqlBuiltins.unsupported(
                    name,
                    "queries with fragment variable definitions (an experimental gqlparser"
                            + " syntax) are not validated by this engine");
        }
        if (!hasQueryRoot(schema) && !query.document().getDefinitions().isEmpty()) {
            throw GraphqlBuiltins.unsupported(
                    name,
                    "a query against a schema without a query root is not checked by"
                            + " this engine; add a Query type to the schema");
        }
        GraphQLSchema built;
        try {
            built = build(name, schema);
        } catch (GraphQLException e) {
            return new Invalid("Error in gqlparser SchemaDocument to Schema conversion: " + e.getMessage(), null);
        }
        List<ValidationError> errors = new Validator().validateDocument(built, query.document(), Locale.ENGLISH);
        if (errors.isEmpty()) {
            return null;
        }
        ValidationError first = errors.get(0);
        String where = first.getLocations() == null || first.getLocations().isEmpty()
                ? ""
                : " at location " + first.getLocations().get(0).getLine() + ":"
                        + first.getLocations().get(0).getColumn();
        return new Invalid(
                first.getDescription() + " in GraphQL query string" + where,
                GraphqlValidationErrors.gqlparserMessage(built, query.document(), errors));
    }
}

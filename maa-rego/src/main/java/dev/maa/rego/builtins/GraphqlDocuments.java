package dev.maa.rego.builtins;

import dev.maa.rego.value.ObjectValue;
import graphql.GraphQLException;
import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.FragmentDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.language.ObjectTypeExtensionDefinition;
import graphql.language.OperationDefinition;
import graphql.language.SDLDefinition;
import graphql.language.SourceLocation;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import graphql.validation.ValidationError;
import graphql.validation.Validator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * GraphQL text to graphql-java documents, with OPA's error format
 * ({@code <message> in GraphQL string at location <line>:<col>}), and schema and query validation.
 */
final class GraphqlDocuments {
  private GraphqlDocuments() {}

  /** A parsed document and its text, turned into OPA's AST object on demand. */
  record Parsed(Document document, String text, boolean schema) {
    ObjectValue ast() {
      return schema ? GraphqlAst.schema(document, text) : GraphqlAst.query(document, text);
    }
  }

  static Parsed parseQuery(String name, String text) {
    Document doc = parse(name, text);
    for (Definition<?> d : doc.getDefinitions()) {
      if (!(d instanceof OperationDefinition) && !(d instanceof FragmentDefinition)) {
        throw located(name, "Unexpected Name \"" + firstWord(text, d.getSourceLocation()) + "\"", d.getSourceLocation());
      }
    }
    return new Parsed(doc, text, false);
  }

  static Parsed parseSchema(String name, String text) {
    Document doc = parse(name, text);
    for (Definition<?> d : doc.getDefinitions()) {
      if (!(d instanceof SDLDefinition<?>)) {
        String word = firstWord(text, d.getSourceLocation());
        throw located(name, "Unexpected " + (word.isEmpty() ? "{" : "Name \"" + word + "\""), d.getSourceLocation());
      }
    }
    return new Parsed(doc, text, true);
  }

  private static Document parse(String name, String text) {
    try {
      return new Parser().parseDocument(text);
    } catch (InvalidSyntaxException e) {
      String token = e.getOffendingToken();
      String what;
      if (token == null || token.equals("<EOF>")) {
        what = "<EOF>";
      } else if (token.startsWith("\"")) {
        what = "String " + (token.startsWith("\"\"\"") ? "\"" + token.substring(3, Math.max(3, token.length() - 3)) + "\""
            : token);
      } else if (Character.isLetter(token.charAt(0)) || token.charAt(0) == '_') {
        what = "Name \"" + token + "\"";
      } else {
        what = token;
      }
      throw located(name, "Unexpected " + what, e.getLocation());
    } catch (GraphQLException e) {
      throw BuiltinError.of(name, e.getMessage() + " in GraphQL string");
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
  private static GraphQLSchema build(Parsed schema) {
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
        defs.add(ObjectTypeDefinition.newObjectTypeDefinition().name(x.getName()).implementz(x.getImplements())
            .directives(x.getDirectives()).fieldDefinitions(x.getFieldDefinitions()).build());
      } else {
        defs.add(d);
      }
    }
    Document doc = schema.document().transform(b -> b.definitions(defs));
    return UnExecutableSchemaGenerator.makeUnExecutableSchema(new SchemaParser().buildRegistry(doc));
  }

  /** Why the schema is invalid, or {@code null}. */
  static String schemaProblem(Parsed schema) {
    try {
      build(schema);
      return null;
    } catch (GraphQLException e) {
      return e.getMessage();
    }
  }

  /** Why the query is invalid against the schema (OPA's message format), or {@code null}. */
  static String validate(Parsed schema, Parsed query) {
    GraphQLSchema built;
    try {
      built = build(schema);
    } catch (GraphQLException e) {
      return "Error in gqlparser SchemaDocument to Schema conversion: " + e.getMessage();
    }
    List<ValidationError> errors = new Validator().validateDocument(built, query.document(), Locale.ENGLISH);
    if (errors.isEmpty()) {
      return null;
    }
    ValidationError first = errors.get(0);
    String where = first.getLocations() == null || first.getLocations().isEmpty() ? ""
        : " at location " + first.getLocations().get(0).getLine() + ":" + first.getLocations().get(0).getColumn();
    return first.getDescription() + " in GraphQL query string" + where;
  }
}

package dev.maa.rego.builtins;

import dev.maa.rego.RegoUnsupportedException;
import dev.maa.rego.value.ArrayValue;
import dev.maa.rego.value.BooleanValue;
import dev.maa.rego.value.ObjectValue;
import dev.maa.rego.value.StringValue;
import dev.maa.rego.value.Value;

/**
 * {@code graphql.parse_query, parse_schema, parse, parse_and_verify, is_valid, schema_is_valid}.
 * Parsing and validation are graphql-java's ({@link GraphqlDocuments}); results have the shape
 * OPA's gqlparser gives ({@link GraphqlAst}). graphql-java is loaded on the first call only.
 * Query and schema operands must be strings: OPA also accepts AST objects (decoded into gqlparser's
 * Go structs), which this engine refuses with a {@link RegoUnsupportedException}, never answering
 * {@code false} where OPA may answer {@code true}.
 */
final class GraphqlBuiltins {
  private GraphqlBuiltins() {}

  static void register(BuiltinRegistry r) {
    r.register("graphql.parse_query", 1, (c, a) ->
        GraphqlDocuments.parseQuery("graphql.parse_query", Args.string("graphql.parse_query", a, 0))
            .ast("graphql.parse_query"));
    r.register("graphql.parse_schema", 1, (c, a) ->
        GraphqlDocuments.parseSchema("graphql.parse_schema", Args.string("graphql.parse_schema", a, 0))
            .ast("graphql.parse_schema"));
    r.register("graphql.parse", 2, (c, a) -> parse(a));
    r.register("graphql.parse_and_verify", 2, (c, a) -> parseAndVerify(a));
    r.register("graphql.is_valid", 2, (c, a) -> BooleanValue.of(isValid("graphql.is_valid", a)));
    r.register("graphql.schema_is_valid", 1, (c, a) -> BooleanValue.of(schemaIsValid(a[0])));
  }

  private static final Value UNVERIFIED = ArrayValue.of(BooleanValue.FALSE, ObjectValue.EMPTY, ObjectValue.EMPTY);

  private static String text(String name, Value v, int operand) {
    refuseAstObject(name, v);
    if (v instanceof StringValue s) {
      return s.value();
    }
    throw Args.typeError(name, operand, v, "string", "object");
  }

  /** OPA decodes an AST object into gqlparser's structs, a mapping this engine does not have. */
  private static void refuseAstObject(String name, Value v) {
    if (v instanceof ObjectValue) {
      throw unsupported(name, "GraphQL AST objects as operands are not supported by this engine; pass the GraphQL"
          + " text");
    }
  }

  /**
   * The refusal for an input whose OPA answer this engine cannot promise: an error in strict and
   * non-strict mode alike, never a different answer.
   */
  static RegoUnsupportedException unsupported(String name, String why) {
    return new RegoUnsupportedException("rego_unsupported_error", null, "builtin " + name + " is not supported: "
        + why);
  }

  static Value parse(Value[] a) {
    String name = "graphql.parse";
    GraphqlDocuments.Parsed query = GraphqlDocuments.parseQuery(name, text(name, a[0], 1));
    GraphqlDocuments.Parsed schema = GraphqlDocuments.parseSchema(name, text(name, a[1], 2));
    String problem = GraphqlDocuments.validate(name, schema, query);
    if (problem != null) {
      // the verdict is gqlparser's, the wording graphql-java's: OPA's error text cannot be promised
      throw unsupported(name, "the query does not validate against the schema (" + problem + "), and this engine"
          + " does not word the reason as OPA does; use graphql.is_valid for the verdict");
    }
    return ArrayValue.of(query.ast(name), schema.ast(name));
  }

  static Value parseAndVerify(Value[] a) {
    String name = "graphql.parse_and_verify";
    GraphqlDocuments.Parsed[] verified = verified(name, a);
    return verified == null ? UNVERIFIED
        : ArrayValue.of(BooleanValue.TRUE, verified[0].ast(name), verified[1].ast(name));
  }

  static boolean isValid(String name, Value[] a) {
    return verified(name, a) != null;
  }

  /** The query and schema when both parse and the query validates, else null; AST objects are refused. */
  private static GraphqlDocuments.Parsed[] verified(String name, Value[] a) {
    refuseAstObject(name, a[0]);
    refuseAstObject(name, a[1]);
    if (!(a[0] instanceof StringValue q) || !(a[1] instanceof StringValue s)) {
      return null;
    }
    try {
      GraphqlDocuments.Parsed query = GraphqlDocuments.parseQuery(name, q.value());
      GraphqlDocuments.Parsed schema = GraphqlDocuments.parseSchema(name, s.value());
      return GraphqlDocuments.validate(name, schema, query) == null ? new GraphqlDocuments.Parsed[] {query, schema} : null;
    } catch (BuiltinError e) {
      return null;
    }
  }

  static boolean schemaIsValid(Value v) {
    refuseAstObject("graphql.schema_is_valid", v);
    if (!(v instanceof StringValue s)) {
      return false;
    }
    try {
      String name = "graphql.schema_is_valid";
      return GraphqlDocuments.schemaProblem(name, GraphqlDocuments.parseSchema(name, s.value())) == null;
    } catch (BuiltinError e) {
      return false;
    }
  }
}

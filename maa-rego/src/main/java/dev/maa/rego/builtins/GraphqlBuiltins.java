package dev.maa.rego.builtins;

import dev.maa.rego.value.ArrayValue;
import dev.maa.rego.value.BooleanValue;
import dev.maa.rego.value.ObjectValue;
import dev.maa.rego.value.StringValue;
import dev.maa.rego.value.Value;

/**
 * {@code graphql.parse_query, parse_schema, parse, parse_and_verify, is_valid, schema_is_valid}.
 * Parsing and validation are graphql-java's ({@link GraphqlDocuments}); results have the shape
 * OPA's gqlparser gives ({@link GraphqlAst}). graphql-java is loaded on the first call only.
 * Query and schema operands must be strings: OPA also accepts AST objects, which this engine
 * refuses (is_valid and parse_and_verify report them as invalid, the others as errors).
 */
public final class GraphqlBuiltins {
  private GraphqlBuiltins() {}

  public static void register(BuiltinRegistry r) {
    r.register("graphql.parse_query", 1, (c, a) ->
        GraphqlDocuments.parseQuery("graphql.parse_query", Args.string("graphql.parse_query", a, 0)).ast());
    r.register("graphql.parse_schema", 1, (c, a) ->
        GraphqlDocuments.parseSchema("graphql.parse_schema", Args.string("graphql.parse_schema", a, 0)).ast());
    r.register("graphql.parse", 2, (c, a) -> parse(a));
    r.register("graphql.parse_and_verify", 2, (c, a) -> parseAndVerify(a));
    r.register("graphql.is_valid", 2, (c, a) -> BooleanValue.of(parseAndVerify(a) != UNVERIFIED));
    r.register("graphql.schema_is_valid", 1, (c, a) -> BooleanValue.of(schemaIsValid(a[0])));
  }

  private static final Value UNVERIFIED = ArrayValue.of(BooleanValue.FALSE, ObjectValue.EMPTY, ObjectValue.EMPTY);

  private static String text(String name, Value v, int operand) {
    if (v instanceof StringValue s) {
      return s.value();
    }
    if (v instanceof ObjectValue) {
      throw BuiltinError.of(name, "operand " + operand + ": GraphQL AST objects are not supported by this engine;"
          + " pass the GraphQL text");
    }
    throw Args.typeError(name, operand, v, "string", "object");
  }

  static Value parse(Value[] a) {
    String name = "graphql.parse";
    GraphqlDocuments.Parsed query = GraphqlDocuments.parseQuery(name, text(name, a[0], 1));
    GraphqlDocuments.Parsed schema = GraphqlDocuments.parseSchema(name, text(name, a[1], 2));
    String problem = GraphqlDocuments.validate(schema, query);
    if (problem != null) {
      throw BuiltinError.of(name, problem);
    }
    return ArrayValue.of(query.ast(), schema.ast());
  }

  static Value parseAndVerify(Value[] a) {
    if (!(a[0] instanceof StringValue q) || !(a[1] instanceof StringValue s)) {
      return UNVERIFIED;
    }
    try {
      GraphqlDocuments.Parsed query = GraphqlDocuments.parseQuery("graphql.parse_and_verify", q.value());
      GraphqlDocuments.Parsed schema = GraphqlDocuments.parseSchema("graphql.parse_and_verify", s.value());
      if (GraphqlDocuments.validate(schema, query) != null) {
        return UNVERIFIED;
      }
      return ArrayValue.of(BooleanValue.TRUE, query.ast(), schema.ast());
    } catch (BuiltinError e) {
      return UNVERIFIED;
    }
  }

  static boolean schemaIsValid(Value v) {
    if (!(v instanceof StringValue s)) {
      return false;
    }
    try {
      return GraphqlDocuments.schemaProblem(GraphqlDocuments.parseSchema("graphql.schema_is_valid", s.value())) == null;
    } catch (BuiltinError e) {
      return false;
    }
  }
}

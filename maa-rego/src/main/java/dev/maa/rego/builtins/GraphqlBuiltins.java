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
 * Query and schema operands are strings or AST objects (OPA decodes these into gqlparser's Go
 * structs; this engine prints them back to GraphQL text with {@link GraphqlPrinter}); an object
 * without a faithful text form is refused with a {@link RegoUnsupportedException}, never answered
 * {@code false} where OPA may answer {@code true}.
 */
final class GraphqlBuiltins {
    private GraphqlBuiltins() {}

    static void register(BuiltinRegistry r) {
        r.register(
                "graphql.parse_query",
                1,
                (c, a) -> GraphqlDocuments.parseQuery("graphql.parse_query", Args.string("graphql.parse_query", a, 0))
                        .ast());
        r.register(
                "graphql.parse_schema",
                1,
                (c, a) -> GraphqlDocuments.parseSchema(
                                "graphql.parse_schema", Args.string("graphql.parse_schema", a, 0))
                        .ast());
        r.register("graphql.parse", 2, (c, a) -> parse(a));
        r.register("graphql.parse_and_verify", 2, (c, a) -> parseAndVerify(a));
        r.register("graphql.is_valid", 2, (c, a) -> BooleanValue.of(isValid("graphql.is_valid", a)));
        r.register("graphql.schema_is_valid", 1, (c, a) -> BooleanValue.of(schemaIsValid(a[0])));
    }

    private static final Value UNVERIFIED = ArrayValue.of(BooleanValue.FALSE, ObjectValue.EMPTY, ObjectValue.EMPTY);

    /**
     * The GraphQL text of an operand: a string, or an AST object printed back ({@link GraphqlPrinter});
     * null where OPA's answer is "not valid" (another type, or an object Go cannot decode).
     */
    private static String textOrNull(String name, Value v, boolean schema) {
        if (v instanceof StringValue s) {
            return s.value();
        }
        if (!(v instanceof ObjectValue o)) {
            return null;
        }
        try {
            return schema ? GraphqlPrinter.schema(name, o) : GraphqlPrinter.query(name, o);
        } catch (GraphqlPrinter.Malformed e) {
            return null;
        }
    }

    /** The text of an operand of a builtin that raises errors: a wrong type is OPA's type error. */
    private static String text(String name, Value v, int operand, boolean schema) {
        if (v instanceof ObjectValue o) {
            try {
                return schema ? GraphqlPrinter.schema(name, o) : GraphqlPrinter.query(name, o);
            } catch (GraphqlPrinter.Malformed e) {
                // OPA raises Go's decoding error, in Go's words
                throw unsupported(
                        name,
                        "the GraphQL AST object does not decode (" + e.getMessage() + "), and this engine does"
                                + " not word the error as OPA does");
            }
        }
        if (v instanceof StringValue s) {
            return s.value();
        }
        throw Args.typeError(name, operand, v, "string", "object");
    }

    /**
     * The refusal for an input whose OPA answer this engine cannot promise: an error in strict and
     * non-strict mode alike, never a different answer.
     */
    static RegoUnsupportedException unsupported(String name, String why) {
        return new RegoUnsupportedException(
                "rego_unsupported_error", null, "builtin " + name + " is not supported: " + why);
    }

    static Value parse(Value[] a) {
        String name = "graphql.parse";
        GraphqlDocuments.Parsed query = GraphqlDocuments.parseQuery(name, text(name, a[0], 1, false));
        GraphqlDocuments.Parsed schema = GraphqlDocuments.parseSchema(name, text(name, a[1], 2, true));
        GraphqlDocuments.Invalid problem = GraphqlDocuments.validate(name, schema, query);
        if (problem != null && problem.gqlparser() != null) {
            throw BuiltinError.of(name, problem.gqlparser());
        }
        if (problem != null) {
            // the verdict is gqlparser's, the wording graphql-java's: OPA's error text cannot be promised
            throw unsupported(
                    name,
                    "the query does not validate against the schema (" + problem.graphqlJava() + "), and"
                            + " this engine does not word the reason as OPA does; use graphql.is_valid for the verdict");
        }
        return ArrayValue.of(query.ast(), schema.ast());
    }

    static Value parseAndVerify(Value[] a) {
        String name = "graphql.parse_and_verify";
        GraphqlDocuments.Parsed[] verified = verified(name, a);
        return verified == null ? UNVERIFIED : ArrayValue.of(BooleanValue.TRUE, verified[0].ast(), verified[1].ast());
    }

    static boolean isValid(String name, Value[] a) {
        return verified(name, a) != null;
    }

    /** The query and schema when both parse and the query validates, else null. */
    private static GraphqlDocuments.Parsed[] verified(String name, Value[] a) {
        String q = textOrNull(name, a[0], false);
        String s = textOrNull(name, a[1], true);
        if (q == null || s == null) {
            return null;
        }
        try {
            GraphqlDocuments.Parsed query = GraphqlDocuments.parseQuery(name, q);
            GraphqlDocuments.Parsed schema = GraphqlDocuments.parseSchema(name, s);
            return GraphqlDocuments.validate(name, schema, query) == null
                    ? new GraphqlDocuments.Parsed[] {query, schema}
                    : null;
        } catch (BuiltinError e) {
            return null;
        }
    }

    static boolean schemaIsValid(Value v) {
        String name = "graphql.schema_is_valid";
        String s = textOrNull(name, v, true);
        if (s == null) {
            return false;
        }
        try {
            return GraphqlDocuments.schemaProblem(name, GraphqlDocuments.parseSchema(name, s)) == null;
        } catch (BuiltinError e) {
            return false;
        }
    }
}

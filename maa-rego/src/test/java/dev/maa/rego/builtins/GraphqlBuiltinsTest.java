package dev.maa.rego.builtins;

import static dev.maa.rego.builtins.BuiltinCalls.assertBuiltinError;
import static dev.maa.rego.builtins.BuiltinCalls.call;
import static dev.maa.rego.builtins.BuiltinCalls.v;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.rego.RegoUnsupportedException;
import dev.maa.rego.value.ArrayValue;
import dev.maa.rego.value.ObjectValue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GraphqlBuiltinsTest {
    private static final String SCHEMA = "type Query { hero: Hero }\ntype Hero { name: String }";

    @Test
    void parseQuery_withoutValues_givesGqlparserShape() {
        assertThat(call("graphql.parse_query", "{hero {name}}"))
                .isEqualTo(v(Map.of(
                        "Operations",
                        List.of(Map.of(
                                "Name",
                                "",
                                "Operation",
                                "query",
                                "SelectionSet",
                                List.of(Map.of(
                                        "Alias",
                                        "hero",
                                        "Name",
                                        "hero",
                                        "SelectionSet",
                                        List.of(Map.of("Alias", "name", "Name", "name")))))))));
    }

    @Test
    void parseQuery_values_haveGqlparsersKindRawAndChildren_numbersAsWritten_blockStringsApart() {
        Object ast = call("graphql.parse_query", """
        { f(i: 1e3, x: -0.50, s: "a\\u00e9", b: \"""bl"ock\""", t: true, n: null, e: RED, v: $v,
            l: [1], o: {k: $v}) }""");
        assertThat(ast)
                .isEqualTo(v(Map.of(
                        "Operations",
                        List.of(Map.of(
                                "Name",
                                "",
                                "Operation",
                                "query",
                                "SelectionSet",
                                List.of(Map.of(
                                        "Alias",
                                        "f",
                                        "Name",
                                        "f",
                                        "Arguments",
                                        List.of(
                                                arg("i", 2, "1e3"),
                                                arg("x", 2, "-0.50"),
                                                arg("s", 3, "a\u00e9"),
                                                arg("b", 4, "bl\"ock"),
                                                arg("t", 5, "true"),
                                                arg("n", 6, "null"),
                                                arg("e", 7, "RED"),
                                                arg("v", 0, "v"),
                                                Map.of(
                                                        "Name",
                                                        "l",
                                                        "Value",
                                                        Map.of(
                                                                "Kind",
                                                                8,
                                                                "Raw",
                                                                "",
                                                                "Children",
                                                                List.of(Map.of(
                                                                        "Name",
                                                                        "",
                                                                        "Value",
                                                                        Map.of("Kind", 1, "Raw", "1"))))),
                                                Map.of(
                                                        "Name",
                                                        "o",
                                                        "Value",
                                                        Map.of(
                                                                "Kind",
                                                                9,
                                                                "Raw",
                                                                "",
                                                                "Children",
                                                                List.of(Map.of(
                                                                        "Name",
                                                                        "k",
                                                                        "Value",
                                                                        Map.of("Kind", 0, "Raw", "v")))))))))))));
    }

    private static Map<String, Object> arg(String name, int kind, String raw) {
        return Map.of("Name", name, "Value", Map.of("Kind", kind, "Raw", raw));
    }

    @Test
    void parseSchema_defaultValue_isAValueWithoutValidationFields() {
        assertThat(call("graphql.parse_schema", "type Hello { world(flag: Boolean = true): String }"))
                .isEqualTo(v(Map.of(
                        "Definitions",
                        List.of(Map.of(
                                "BuiltIn",
                                false,
                                "Description",
                                "",
                                "Kind",
                                "OBJECT",
                                "Name",
                                "Hello",
                                "Fields",
                                List.of(Map.of(
                                        "Description",
                                        "",
                                        "Name",
                                        "world",
                                        "Type",
                                        Map.of("NamedType", "String", "NonNull", false),
                                        "Arguments",
                                        List.of(Map.of(
                                                "Description",
                                                "",
                                                "Name",
                                                "flag",
                                                "DefaultValue",
                                                Map.of("Kind", 5, "Raw", "true"),
                                                "Type",
                                                Map.of("NamedType", "Boolean", "NonNull", false))))))))));
    }

    @Test
    void astObjects_areReadAsTheGraphqlTheyStandFor() {
        Object schemaAst = call("graphql.parse_schema", SCHEMA + "\n\"says \\\"x\\\"\" type Mutation { x: String }");
        Object queryAst = call("graphql.parse_query", "query Q($b: Boolean = true) { hero @skip(if: $b) { name } }");
        assertThat(call("graphql.is_valid", queryAst, schemaAst)).isEqualTo(v(true));
        assertThat(call("graphql.schema_is_valid", schemaAst)).isEqualTo(v(true));
        assertThat(call("graphql.parse", queryAst, schemaAst))
                .isEqualTo(ArrayValue.of((dev.maa.rego.value.Value) queryAst, (dev.maa.rego.value.Value) schemaAst));
        Object badArgument = Map.of(
                "Operations",
                List.of(Map.of(
                        "Operation",
                        "mutation",
                        "SelectionSet",
                        List.of(Map.of(
                                "Alias",
                                "x",
                                "Name",
                                "x",
                                "Arguments",
                                List.of(Map.of("Name", "a", "Value", Map.of("Kind", 7, "Raw", "b"))))))));
        assertThat(call("graphql.is_valid", badArgument, schemaAst)).isEqualTo(v(false));
    }

    @Test
    void astObjects_thatGoCannotDecode_areNotValid_andParseRefusesToWordGosError() {
        Object wrongType = Map.of("Operations", List.of(Map.of("Operation", "query", "Name", 7)));
        assertThat(call("graphql.is_valid", wrongType, SCHEMA)).isEqualTo(v(false));
        assertThat(call("graphql.parse_and_verify", wrongType, SCHEMA))
                .isEqualTo(ArrayValue.of(dev.maa.rego.value.BooleanValue.FALSE, ObjectValue.EMPTY, ObjectValue.EMPTY));
        assertThatThrownBy(() -> call("graphql.parse", wrongType, SCHEMA))
                .isInstanceOf(RegoUnsupportedException.class)
                .hasMessageContaining("does not decode");
        assertThat(call("graphql.is_valid", 1, SCHEMA)).isEqualTo(v(false));
    }

    @Test
    void astObjects_withoutAFaithfulTextForm_areRefusedNotAnswered() {
        // gqlparser's decoder reads a fragment spread object as a field named like the fragment
        Object spread = Map.of(
                "Operations", List.of(Map.of("Operation", "query", "SelectionSet", List.of(Map.of("Name", "Frag")))));
        assertThatThrownBy(() -> call("graphql.is_valid", spread, SCHEMA))
                .isInstanceOf(RegoUnsupportedException.class)
                .hasMessageContaining("without both Alias and Name");
        Object badRaw = Map.of(
                "Operations",
                List.of(Map.of(
                        "Operation",
                        "query",
                        "SelectionSet",
                        List.of(Map.of(
                                "Alias",
                                "hero",
                                "Name",
                                "hero",
                                "Arguments",
                                List.of(Map.of("Name", "a", "Value", Map.of("Kind", 1, "Raw", "one"))))))));
        assertThatThrownBy(() -> call("graphql.is_valid", badRaw, SCHEMA))
                .isInstanceOf(RegoUnsupportedException.class)
                .hasMessageContaining("raw text 'one'");
    }

    @Test
    void parse_emptyQuery_isAnEmptyDocumentAsInGqlparser() {
        Object result = call("graphql.parse", " # nothing\n", SCHEMA);
        assertThat(((ArrayValue) result).get(0)).isEqualTo(ObjectValue.EMPTY);
        assertThat(call("graphql.is_valid", "", SCHEMA)).isEqualTo(v(true));
    }

    @Test
    void parseSchema_unknownDirectiveLocation_isGqlparsersSyntaxError() {
        assertBuiltinError(
                "graphql.parse_schema: Unexpected Name \"INCORRECT_LOCATION\" in GraphQL string at location 1:27",
                "graphql.parse_schema",
                "directive @foo on FIELD | INCORRECT_LOCATION");
        assertThat(call("graphql.schema_is_valid", "directive @foo on FIELD | INLINE_FRAGMENT\n" + SCHEMA))
                .isEqualTo(v(true));
    }

    @Test
    void parseSchema_extensionWithoutBody_isUnexpectedTokenAfterIt() {
        assertBuiltinError(
                "graphql.parse_schema: Unexpected <EOF> in GraphQL string at location 1:18",
                "graphql.parse_schema",
                "extend type Hello");
        assertBuiltinError(
                "graphql.parse_schema: Unexpected <EOF> in GraphQL string at location 1:14",
                "graphql.parse_schema",
                "extend schema");
        assertBuiltinError(
                "graphql.parse_schema: Unexpected String \"Description\" in GraphQL string at location 2:11",
                "graphql.parse_schema",
                "\n  extend \"Description\" type Hello { world: String }");
    }

    @Test
    void parseSchema_stringAtError_isPlacedAfterItsQuoteAsInGqlparser() {
        assertBuiltinError(
                "graphql.parse_schema: Unexpected String \"Description\" in GraphQL string at location 2:4",
                "graphql.parse_schema",
                "\n  \"Description\"\n  extend type Hello { world: String }");
    }

    @Test
    void parseSchema_inputFieldWithArguments_expectsColonAtParen() {
        assertBuiltinError(
                "graphql.parse_schema: Expected :, found ( in GraphQL string at location 2:8",
                "graphql.parse_schema",
                "input Hello {\n  world(foo: Int): String\n}");
        assertThatThrownBy(() -> call("graphql.parse_schema", "input Hello {\n  a: Int\n  world(foo: Int): String\n}"))
                .isInstanceOf(RegoUnsupportedException.class);
    }

    @Test
    void unterminatedBlockString_isGqlparsersInvalidTokenAtTheEnd_countingALoneCrAsALineBreak() {
        assertBuiltinError(
                "graphql.parse_schema: Unexpected <Invalid> in GraphQL string at location 2:1",
                "graphql.parse_schema",
                "\"\"\"\r");
        assertThatThrownBy(() -> call("graphql.parse_schema", "type A { \"unterminated\n a: Int }"))
                .isInstanceOf(RegoUnsupportedException.class)
                .hasMessageContaining("unterminated string");
    }

    @Test
    void errorAfterBracket_isATypeErrorInDefinitions_andAValueErrorInValues() {
        assertBuiltinError(
                "graphql.parse_schema: Expected Name, found <EOF> in GraphQL string at location 1:13",
                "graphql.parse_schema",
                "type o{d(g:[");
        assertBuiltinError(
                "graphql.parse_query: Expected Name, found ] in GraphQL string at location 1:14",
                "graphql.parse_query",
                "query q($a: [] ) { f }");
        assertBuiltinError(
                "graphql.parse_query: Unexpected $ in GraphQL string at location 1:37",
                "graphql.parse_query",
                "query Foo($x: Complex = { a: { b: [ $var ] } }) { field }");
        assertBuiltinError(
                "graphql.parse_schema: Unexpected } in GraphQL string at location 1:25",
                "graphql.parse_schema",
                "type A { f(a: [Int] = [ }");
    }

    @Test
    void errorAtASpread_readsTheInlineFragmentAsGqlparserDoes() {
        assertBuiltinError(
                "graphql.parse_query: Expected {, found } in GraphQL string at location 1:16",
                "graphql.parse_query",
                "{__typename{...}}");
        assertBuiltinError(
                "graphql.parse_query: expected at least one definition, found } in GraphQL string at location"
                        + " 1:21",
                "graphql.parse_query",
                "{...{__typename{...{}}}}");
        assertBuiltinError(
                "graphql.parse_query: Expected Name, found { in GraphQL string at location 1:10",
                "graphql.parse_query",
                "{ ... on { a } }");
        assertBuiltinError(
                "graphql.parse_query: Expected Name, found <EOF> in GraphQL string at location 2:7",
                "graphql.parse_query",
                "{ a\n... on");
    }

    @Test
    void fragmentVariables_areParsedAsGqlparsersExperimentalSyntax_butNotValidated() {
        assertThat(call("graphql.parse_query", "fragment a($v: Boolean = false) on t { f(v: $v) }"))
                .isEqualTo(v(Map.of(
                        "Fragments",
                        List.of(Map.of(
                                "Name",
                                "a",
                                "TypeCondition",
                                "t",
                                "VariableDefinition",
                                List.of(Map.of(
                                        "Variable",
                                        "v",
                                        "Type",
                                        Map.of("NamedType", "Boolean", "NonNull", false),
                                        "Used",
                                        false,
                                        "DefaultValue",
                                        Map.of("Kind", 5, "Raw", "false"))),
                                "SelectionSet",
                                List.of(Map.of(
                                        "Alias",
                                        "f",
                                        "Name",
                                        "f",
                                        "Arguments",
                                        List.of(Map.of("Name", "v", "Value", Map.of("Kind", 0, "Raw", "v"))))))))));
        assertThatThrownBy(() -> call(
                        "graphql.is_valid", "query { hero { ...a } } fragment a($v: Int) on Hero { name }", SCHEMA))
                .isInstanceOf(RegoUnsupportedException.class)
                .hasMessageContaining("fragment variable");
    }

    @Test
    void parse_missingRequiredArgument_isWordedAsGqlparserWordsIt() {
        String schema = "type Query { act(e: Locale!): R }\ntype R { id: String }\nenum Locale { EN }";
        assertBuiltinError(
                "graphql.parse: Field \"act\" argument \"e\" of type \"Locale!\" is required, but it was not"
                        + " provided in GraphQL query string at location 1:9",
                "graphql.parse",
                "query { act { id } }",
                schema);
    }

    @Test
    void schemaWithoutQueryRoot_isValidButQueriesAgainstItAreRefused() {
        String schema = "type DeprecatedType { deprecatedField: String @deprecated }";
        assertThat(call("graphql.schema_is_valid", schema)).isEqualTo(v(true));
        assertThat(call("graphql.is_valid", "", schema)).isEqualTo(v(true));
        assertThatThrownBy(() -> call("graphql.is_valid", "{ deprecatedField }", schema))
                .isInstanceOf(RegoUnsupportedException.class)
                .hasMessageContaining("without a query root");
        assertThatThrownBy(() -> call("graphql.schema_is_valid", "schema { mutation: M }\ntype M { a: Int }"))
                .isInstanceOf(RegoUnsupportedException.class)
                .hasMessageContaining("without a query operation");
        assertThat(call("graphql.schema_is_valid", "schema { query: Q }\ntype Q { a: Int }"))
                .isEqualTo(v(true));
    }

    @Test
    void parse_invalidQuery_isRefusedSinceTheReasonIsWordedByGraphqlJava() {
        assertThatThrownBy(() -> call("graphql.parse", "{ villain }", SCHEMA))
                .isInstanceOf(RegoUnsupportedException.class)
                .hasMessageContaining("use graphql.is_valid for the verdict");
        assertThat(call("graphql.is_valid", "{ villain }", SCHEMA)).isEqualTo(v(false));
    }
}

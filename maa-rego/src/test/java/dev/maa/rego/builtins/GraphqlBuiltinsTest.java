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
    assertThat(call("graphql.parse_query", "{hero {name}}")).isEqualTo(v(Map.of("Operations", List.of(Map.of(
        "Name", "", "Operation", "query", "SelectionSet", List.of(Map.of("Alias", "hero", "Name", "hero",
            "SelectionSet", List.of(Map.of("Alias", "name", "Name", "name")))))))));
  }

  @Test
  void parseQuery_withArgumentValue_isRefusedNotAnsweredInAnotherShape() {
    assertThatThrownBy(() -> call("graphql.parse_query", "{ node(id: 4) { id } }"))
        .isInstanceOf(RegoUnsupportedException.class)
        .hasMessageContaining("builtin graphql.parse_query is not supported: GraphQL documents with values");
  }

  @Test
  void parseSchema_withDefaultValue_isRefused() {
    assertThatThrownBy(() -> call("graphql.parse_schema", "type Hello { world(flag: Boolean = true): String }"))
        .isInstanceOf(RegoUnsupportedException.class).hasMessageContaining("graphql.parse_schema is not supported");
  }

  @Test
  void isValid_astObjectOperand_isRefusedNotFalse() {
    Object queryAst = Map.of("Operations", List.of());
    assertThatThrownBy(() -> call("graphql.is_valid", queryAst, SCHEMA))
        .isInstanceOf(RegoUnsupportedException.class).hasMessageContaining("GraphQL AST objects");
    assertThatThrownBy(() -> call("graphql.parse_and_verify", "{hero {name}}", queryAst))
        .isInstanceOf(RegoUnsupportedException.class);
    assertThatThrownBy(() -> call("graphql.schema_is_valid", queryAst)).isInstanceOf(RegoUnsupportedException.class);
    assertThat(call("graphql.is_valid", 1, SCHEMA)).isEqualTo(v(false));
  }

  @Test
  void parse_emptyQuery_isAnEmptyDocumentAsInGqlparser() {
    Object result = call("graphql.parse", " # nothing\n", SCHEMA);
    assertThat(((ArrayValue) result).get(0)).isEqualTo(ObjectValue.EMPTY);
    assertThat(call("graphql.is_valid", "", SCHEMA)).isEqualTo(v(true));
  }

  @Test
  void parseSchema_unknownDirectiveLocation_isGqlparsersSyntaxError() {
    assertBuiltinError("graphql.parse_schema: Unexpected Name \"INCORRECT_LOCATION\" in GraphQL string at location 1:27",
        "graphql.parse_schema", "directive @foo on FIELD | INCORRECT_LOCATION");
    assertThat(call("graphql.schema_is_valid", "directive @foo on FIELD | INLINE_FRAGMENT\n" + SCHEMA))
        .isEqualTo(v(true));
  }

  @Test
  void parseSchema_extensionWithoutBody_isUnexpectedTokenAfterIt() {
    assertBuiltinError("graphql.parse_schema: Unexpected <EOF> in GraphQL string at location 1:18",
        "graphql.parse_schema", "extend type Hello");
    assertBuiltinError("graphql.parse_schema: Unexpected <EOF> in GraphQL string at location 1:14",
        "graphql.parse_schema", "extend schema");
    assertBuiltinError("graphql.parse_schema: Unexpected String \"Description\" in GraphQL string at location 2:11",
        "graphql.parse_schema", "\n  extend \"Description\" type Hello { world: String }");
  }

  @Test
  void parseSchema_stringAtError_isPlacedAfterItsQuoteAsInGqlparser() {
    assertBuiltinError("graphql.parse_schema: Unexpected String \"Description\" in GraphQL string at location 2:4",
        "graphql.parse_schema", "\n  \"Description\"\n  extend type Hello { world: String }");
  }

  @Test
  void parseSchema_inputFieldWithArguments_expectsColonAtParen() {
    assertBuiltinError("graphql.parse_schema: Expected :, found ( in GraphQL string at location 2:8",
        "graphql.parse_schema", "input Hello {\n  world(foo: Int): String\n}");
    assertThatThrownBy(() -> call("graphql.parse_schema", "input Hello {\n  a: Int\n  world(foo: Int): String\n}"))
        .isInstanceOf(RegoUnsupportedException.class);
  }

  @Test
  void parseSchema_syntaxErrorsGqlparserWordsDifferently_areRefused() {
    assertThatThrownBy(() -> call("graphql.parse_schema", "\"\"\"\r")).isInstanceOf(RegoUnsupportedException.class)
        .hasMessageContaining("unterminated string");
    assertThatThrownBy(() -> call("graphql.parse_schema", "type o{d(g:[")).isInstanceOf(RegoUnsupportedException.class);
    assertThatThrownBy(() -> call("graphql.parse_query", "{__typename{...}}"))
        .isInstanceOf(RegoUnsupportedException.class);
    assertThatThrownBy(() -> call("graphql.parse_query", "fragment a($v: Boolean) on t { f }"))
        .isInstanceOf(RegoUnsupportedException.class).hasMessageContaining("fragment variable");
  }

  @Test
  void schemaWithoutQueryRoot_isValidButQueriesAgainstItAreRefused() {
    String schema = "type DeprecatedType { deprecatedField: String @deprecated }";
    assertThat(call("graphql.schema_is_valid", schema)).isEqualTo(v(true));
    assertThat(call("graphql.is_valid", "", schema)).isEqualTo(v(true));
    assertThatThrownBy(() -> call("graphql.is_valid", "{ deprecatedField }", schema))
        .isInstanceOf(RegoUnsupportedException.class).hasMessageContaining("without a query root");
    assertThatThrownBy(() -> call("graphql.schema_is_valid", "schema { mutation: M }\ntype M { a: Int }"))
        .isInstanceOf(RegoUnsupportedException.class).hasMessageContaining("without a query operation");
    assertThat(call("graphql.schema_is_valid", "schema { query: Q }\ntype Q { a: Int }")).isEqualTo(v(true));
  }

  @Test
  void parse_invalidQuery_isRefusedSinceTheReasonIsWordedByGraphqlJava() {
    assertThatThrownBy(() -> call("graphql.parse", "{ villain }", SCHEMA)).isInstanceOf(RegoUnsupportedException.class)
        .hasMessageContaining("use graphql.is_valid for the verdict");
    assertThat(call("graphql.is_valid", "{ villain }", SCHEMA)).isEqualTo(v(false));
  }
}

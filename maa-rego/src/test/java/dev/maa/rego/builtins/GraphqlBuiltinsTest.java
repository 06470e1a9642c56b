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
}

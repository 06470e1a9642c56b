package dev.maa.rego.builtins;

import dev.maa.rego.builtins.GraphqlTokens.Token;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Syntax errors where graphql-java's parser and OPA's gqlparser part ways: either gqlparser's
 * exact message is derived here from the tokens, or the input is refused with a
 * {@link dev.maa.rego.RegoUnsupportedException}, so that no error text other than OPA's is given.
 */
final class GraphqlSyntaxErrors {
  private GraphqlSyntaxErrors() {}

  /** What may follow {@code extend <kind> Name} in gqlparser; anything else is "Unexpected". */
  private static final Map<String, Set<String>> EXTENSION_NEXT = Map.of("type", Set.of("implements", "@", "{"),
      "interface", Set.of("implements", "@", "{"), "union", Set.of("@", "="), "enum", Set.of("@", "{"),
      "input", Set.of("@", "{"), "scalar", Set.of("@"));

  /**
   * Throws gqlparser's error or a refusal for a syntax error graphql-java found at {@code offset},
   * or returns normally when the caller's general wording applies.
   */
  static void check(String name, String text, boolean schema, int offset) {
    List<Token> all = GraphqlTokens.all(text);
    for (Token t : all) {
      if (!t.terminated()) {
        throw refuse(name, "an unterminated string is reported by OPA's GraphQL lexer in its own words");
      }
    }
    List<Token> before = GraphqlTokens.before(text, offset);
    Token at = all.size() > before.size() ? all.get(before.size()) : null;
    Token prev = before.isEmpty() ? null : before.get(before.size() - 1);
    Token prevPrev = before.size() < 2 ? null : before.get(before.size() - 2);
    if (at != null && at.what().startsWith("BlockString")) {
      throw refuse(name, "a syntax error at a block string is placed differently by OPA's GraphQL parser");
    }
    if (at != null && at.text().equals("...") && prev != null) {
      throw refuse(name, "a syntax error after a fragment spread is reported differently by OPA's GraphQL parser");
    }
    if (prev != null && prev.text().equals("[")) {
      throw refuse(name, "a syntax error after '[' is a type or a list value to OPA's GraphQL parser, which this"
          + " engine does not tell apart");
    }
    if (prevPrev != null && prevPrev.text().equals("fragment") && at != null && at.text().equals("(")) {
      throw refuse(name, "fragment variable definitions (an experimental gqlparser syntax) are not supported");
    }
    if (schema && at != null && at.text().equals("extend")) {
      throw extension(name, all, before.size(), text);
    }
    if (schema) {
      inputArguments(name, before, all);
    }
  }

  /** gqlparser's error for an {@code extend} graphql-java refused, or a refusal. */
  static RuntimeException extension(String name, List<Token> all, int extendAt, String text) {
    Token kind = token(all, extendAt + 1, text);
    if (kind.text().equals("schema")) {
      Token next = token(all, extendAt + 2, text);
      return Set.of("{", "@").contains(next.text()) ? refuse(name, "this schema extension's error is not located")
          : unexpected(name, next);
    }
    Set<String> allowed = EXTENSION_NEXT.get(kind.text());
    if (allowed == null) {
      return unexpected(name, kind);
    }
    Token typeName = token(all, extendAt + 2, text);
    if (!typeName.what().startsWith("Name ")) {
      return located(name, "Expected Name, found " + typeName.what(), typeName);
    }
    Token next = token(all, extendAt + 3, text);
    return allowed.contains(next.text()) ? refuse(name, "this type extension's error is not located")
        : unexpected(name, next);
  }

  /**
   * Input object fields take no arguments: gqlparser expects {@code :} after the field name and
   * stops at the {@code (}, where graphql-java reads on.
   */
  private static void inputArguments(String name, List<Token> before, List<Token> all) {
    int depth = 0;
    for (int i = before.size() - 1; i >= 0; i--) {
      String t = before.get(i).text();
      if (t.equals("}")) {
        depth++;
      } else if (t.equals("{") && depth > 0) {
        depth--;
      } else if (t.equals("{")) {
        if (i >= 2 && before.get(i - 2).text().equals("input")) {
          for (int k = i + 1; k + 1 < all.size() && !all.get(k).text().equals("}"); k++) {
            boolean field = all.get(k).what().startsWith("Name ") && !all.get(k - 1).text().equals("@");
            if (field && all.get(k + 1).text().equals("(")) {
              // exact only for the first field: an earlier field may hold gqlparser's first error
              throw k == i + 1 ? located(name, "Expected :, found (", all.get(k + 1))
                  : refuse(name, "an input field with arguments after other fields is reported differently");
            }
          }
        }
        return;
      }
    }
  }

  private static Token token(List<Token> all, int i, String text) {
    if (i < all.size()) {
      return all.get(i);
    }
    int line = 1;
    int lineStart = 0;
    for (int k = 0; k < text.length(); k++) {
      if (text.charAt(k) == '\n') {
        line++;
        lineStart = k + 1;
      }
    }
    return new Token("<EOF>", "<EOF>", text.length(), line, text.length() - lineStart + 1, true);
  }

  private static BuiltinError unexpected(String name, Token t) {
    return located(name, "Unexpected " + t.what(), t);
  }

  static BuiltinError located(String name, String message, Token t) {
    return BuiltinError.of(name, message + " in GraphQL string at location " + t.line() + ":" + t.col());
  }

  private static RuntimeException refuse(String name, String why) {
    return GraphqlBuiltins.unsupported(name, why + "; this engine cannot promise OPA's answer for it");
  }
}

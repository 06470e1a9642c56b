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
    private static final Map<String, Set<String>> EXTENSION_NEXT = Map.of(
            "type",
            Set.of("implements", "@", "{"),
            "interface",
            Set.of("implements", "@", "{"),
            "union",
            Set.of("@", "="),
            "enum",
            Set.of("@", "{"),
            "input",
            Set.of("@", "{"),
            "scalar",
            Set.of("@"));

    /**
     * Throws gqlparser's error or a refusal for a syntax error graphql-java found at {@code offset},
     * or returns normally when the caller's general wording applies.
     */
    static void check(String name, String text, boolean schema, int offset) {
        List<Token> all = GraphqlTokens.all(text);
        for (Token t : all) {
            if (!t.terminated() && t.what().startsWith("BlockString") && all.get(all.size() - 1) == t) {
                // gqlparser's lexer reads to the end and its parser reports the invalid token there
                throw located(name, "Unexpected <Invalid>", token(all, all.size(), text));
            }
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
            throw inlineFragment(name, all, before.size() + 1, text);
        }
        if (at != null && at.text().equals("[") && Boolean.TRUE.equals(isType(all, before.size(), schema))) {
            int k = before.size();
            while (k < all.size() && all.get(k).text().equals("[")) {
                k++;
            }
            Token found = token(all, k, text);
            if (found.what().startsWith("Name ")) {
                throw refuse(name, "a syntax error in a list type is placed differently by OPA's GraphQL parser");
            }
            throw located(name, "Expected Name, found " + found.what(), found); // gqlparser's parseTypeReference
        }
        if (prev != null && prev.text().equals("[")) {
            Boolean type = isType(all, before.size() - 1, schema);
            if (type == null) {
                throw refuse(
                        name,
                        "a syntax error after '[' is a type or a list value to OPA's GraphQL parser, which this"
                                + " engine does not tell apart here");
            }
            Token found = token(all, before.size(), text);
            // gqlparser's parseTypeReference expects a name after '['; parseValueLiteral has no case for the token
            throw located(name, (type ? "Expected Name, found " : "Unexpected ") + found.what(), found);
        }
        if (prevPrev != null
                && prevPrev.text().equals("fragment")
                && at != null
                && at.text().equals("(")) {
            throw refuse(name, "fragment variable definitions (an experimental gqlparser syntax) are not supported");
        }
        if (schema && at != null && at.text().equals("extend")) {
            throw extension(name, all, before.size(), text);
        }
        if (schema) {
            inputArguments(name, before, all);
        }
    }

    /**
     * gqlparser's error inside {@code ...} (an inline fragment: optional {@code on Name}, directives,
     * then a non-empty selection set), read from token {@code k} after the spread; a refusal where
     * that reading is not certain (a named spread, directive arguments).
     */
    private static RuntimeException inlineFragment(String name, List<Token> all, int k, String text) {
        if (k < all.size()
                && all.get(k).what().startsWith("Name ")
                && !all.get(k).text().equals("on")) {
            return refuse(
                    name, "a syntax error after a fragment spread is reported differently by OPA's GraphQL parser");
        }
        if (k < all.size() && all.get(k).text().equals("on")) {
            Token type = token(all, k + 1, text);
            if (!type.what().startsWith("Name ")) {
                return located(name, "Expected Name, found " + type.what(), type);
            }
            k += 2;
        }
        while (k < all.size() && all.get(k).text().equals("@")) {
            if (k + 1 >= all.size()
                    || !all.get(k + 1).what().startsWith("Name ")
                    || (k + 2 < all.size() && all.get(k + 2).text().equals("("))) {
                return refuse(
                        name,
                        "a syntax error in an inline fragment's directives is reported differently by OPA's"
                                + " GraphQL parser");
            }
            k += 2;
        }
        if (k >= all.size() || !all.get(k).text().equals("{")) {
            return k >= all.size()
                    ? refuse(name, "an inline fragment cut short is reported differently by OPA's GraphQL" + " parser")
                    : located(name, "Expected {, found " + all.get(k).what(), all.get(k));
        }
        if (k + 1 < all.size() && all.get(k + 1).text().equals("}")) {
            return located(name, "expected at least one definition, found }", all.get(k + 1));
        }
        return refuse(name, "a syntax error inside an inline fragment is reported differently by OPA's GraphQL parser");
    }

    /**
     * Whether the '[' at {@code i} opens a list type (true), a list value (false), or cannot be
     * told (null), from the bracket that encloses it: types follow ':' in variable, argument and
     * field definitions; values follow '=' (defaults) or ':' in arguments and object values.
     */
    private static Boolean isType(List<Token> all, int i, boolean schema) {
        int first = i;
        while (first > 0 && all.get(first - 1).text().equals("[")) {
            first--;
        }
        if (first == 0) {
            return null;
        }
        String before = all.get(first - 1).text();
        if (before.equals("=")) {
            return false;
        }
        if (!before.equals(":")) {
            return null;
        }
        int depth = 0;
        for (int k = first - 2; k >= 0; k--) {
            String t = all.get(k).text();
            if (t.equals(")") || t.equals("}") || t.equals("]")) {
                depth++;
            } else if ((t.equals("(") || t.equals("{") || t.equals("[")) && depth > 0) {
                depth--;
            } else if (t.equals("[")) {
                return false; // ':' directly inside a list is inside an object value of that list
            } else if (t.equals("{")) {
                String opener = k == 0 ? "" : all.get(k - 1).text();
                if (Set.of(":", "=", "[").contains(opener)) {
                    return false; // an object value
                }
                return schema ? Boolean.TRUE : null; // fields of a type definition; ':' in a selection set is an alias
            } else if (t.equals("(")) {
                String owner = k == 0 ? "" : all.get(k - 1).text();
                String ownerPrev = k < 2 ? "" : all.get(k - 2).text();
                if (ownerPrev.equals("@")) {
                    return k >= 3 && all.get(k - 3).text().equals("directive"); // a definition's arguments, or a value
                }
                if (schema) {
                    return true; // argument definitions of a field
                }
                // variable definitions of an operation or fragment; otherwise a field's arguments
                return Set.of("query", "mutation", "subscription").contains(owner)
                        || Set.of("query", "mutation", "subscription", "fragment")
                                .contains(ownerPrev);
            }
        }
        return null;
    }

    /** gqlparser's error for an {@code extend} graphql-java refused, or a refusal. */
    static RuntimeException extension(String name, List<Token> all, int extendAt, String text) {
        Token kind = token(all, extendAt + 1, text);
        if (kind.text().equals("schema")) {
            Token next = token(all, extendAt + 2, text);
            return Set.of("{", "@").contains(next.text())
                    ? refuse(name, "this schema extension's error is not located")
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
        return allowed.contains(next.text())
                ? refuse(name, "this type extension's error is not located")
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
                        boolean field = all.get(k).what().startsWith("Name ")
                                && !all.get(k - 1).text().equals("@");
                        if (field && all.get(k + 1).text().equals("(")) {
                            // exact only for the first field: an earlier field may hold gqlparser's first error
                            throw k == i + 1
                                    ? located(name, "Expected :, found (", all.get(k + 1))
                                    : refuse(
                                            name,
                                            "an input field with arguments after other fields is reported differently");
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
            char c = text.charAt(k);
            // gqlparser ends lines at \n, \r\n and a lone \r
            if (c == '\n' || (c == '\r' && (k + 1 == text.length() || text.charAt(k + 1) != '\n'))) {
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

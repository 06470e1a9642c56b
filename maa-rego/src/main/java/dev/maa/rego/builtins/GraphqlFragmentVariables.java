package dev.maa.rego.builtins;

import graphql.language.OperationDefinition;
import graphql.language.VariableDefinition;
import graphql.parser.Parser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * gqlparser's experimental fragment variable definitions ({@code fragment f($v: T = d) on X}),
 * which graphql-java does not parse: the definitions are read by graphql-java as an operation's
 * (in a same-length text, so positions stay those of the original) and blanked out of the text
 * graphql-java parses as the document.
 */
final class GraphqlFragmentVariables {
    private GraphqlFragmentVariables() {}

    /**
     * The text without fragment variable definitions, and those definitions by fragment name.
     *
     * @param text the document text graphql-java parses (same length and lines as the original)
     * @param byFragment each fragment's variable definitions
     */
    record Split(String text, Map<String, List<VariableDefinition>> byFragment) {}

    static Split split(String text) {
        List<GraphqlTokens.Token> all = GraphqlTokens.all(text);
        char[] blanked = text.toCharArray();
        Map<String, List<VariableDefinition>> byFragment = new LinkedHashMap<>();
        for (int i = 0; i + 2 < all.size(); i++) {
            if (!all.get(i).text().equals("fragment")
                    || !all.get(i + 1).what().startsWith("Name ")
                    || !all.get(i + 2).text().equals("(")) {
                continue;
            }
            int close = closing(all, i + 2);
            int start = all.get(i + 2).offset();
            int end = close < 0 ? -1 : all.get(close).offset() + 1;
            if (end < 0 || end + 3 > text.length()) {
                continue; // a syntax error the document parse reports
            }
            char[] operation = spaces(text);
            text.getChars(start, end, operation, start);
            "query".getChars(0, 5, operation, all.get(i).offset());
            "{a}".getChars(0, 3, operation, end);
            try {
                OperationDefinition op = (OperationDefinition) new Parser()
                        .parseDocument(new String(operation))
                        .getDefinitions()
                        .get(0);
                byFragment.put(all.get(i + 1).text(), op.getVariableDefinitions());
            } catch (RuntimeException e) {
                continue; // the definitions do not parse: the document parse reports it
            }
            for (int k = start; k < end; k++) {
                blanked[k] = isLineBreak(text.charAt(k)) ? text.charAt(k) : ' ';
            }
        }
        return new Split(new String(blanked), byFragment);
    }

    private static int closing(List<GraphqlTokens.Token> all, int open) {
        int depth = 0;
        for (int k = open; k < all.size(); k++) {
            String t = all.get(k).text();
            depth += t.equals("(") ? 1 : t.equals(")") ? -1 : 0;
            if (depth == 0) {
                return k;
            }
        }
        return -1;
    }

    private static char[] spaces(String text) {
        char[] out = new char[text.length()];
        for (int k = 0; k < out.length; k++) {
            out[k] = isLineBreak(text.charAt(k)) ? text.charAt(k) : ' ';
        }
        return out;
    }

    private static boolean isLineBreak(char c) {
        return c == '\n' || c == '\r';
    }
}

package dev.maa.rego.builtins;

import java.util.ArrayList;
import java.util.List;

/**
 * A coarse GraphQL tokenizer with gqlparser's positions, for wording syntax errors as gqlparser
 * does: graphql-java's parser finds the error, these tokens say what gqlparser would have seen
 * there. Comments, whitespace and commas are skipped.
 */
final class GraphqlTokens {
    private GraphqlTokens() {}

    /**
     * One token. {@code text} is the name or punctuator, {@code "} for any string; {@code line} and
     * {@code col} are gqlparser's (1-based; a string's column is that of its first character after
     * the quote, as gqlparser's lexer reports it).
     *
     * @param text the token as the wording heuristics compare it
     * @param what how gqlparser names the token in a message ({@code Name "x"}, {@code String "x"}, {@code (})
     * @param offset where the token starts in the text
     * @param line gqlparser's line
     * @param col gqlparser's column
     * @param terminated false for a string without its closing quotes (gqlparser's lexer error)
     */
    record Token(String text, String what, int offset, int line, int col, boolean terminated) {}

    /** The tokens of {@code text} that start before {@code end}. */
    static List<Token> before(String text, int end) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int line = 1;
        int lineStart = 0;
        while (i < end && i < text.length()) {
            char c = text.charAt(i);
            int col = i - lineStart + 1;
            if (c == '\n') {
                line++;
                lineStart = i + 1;
                i++;
            } else if (Character.isWhitespace(c) || c == ',' || c == '\ufeff') {
                i++;
            } else if (c == '#') {
                while (i < text.length() && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '"') {
                boolean block = text.startsWith("\"\"\"", i);
                int quote = block ? 3 : 1;
                int close = block ? text.indexOf("\"\"\"", i + 3) : text.indexOf('"', i + 1);
                int stop = close < 0 ? text.length() : close;
                out.add(new Token(
                        "\"",
                        (block ? "BlockString " : "String ") + quoted(text.substring(i + quote, stop)),
                        i,
                        line,
                        col + quote,
                        close >= 0));
                for (int k = i; k < stop; k++) {
                    if (text.charAt(k) == '\n') {
                        line++;
                        lineStart = k + 1;
                    }
                }
                i = close < 0 ? text.length() : close + quote;
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '-') {
                int start = i;
                while (i < text.length()
                        && (Character.isLetterOrDigit(text.charAt(i)) || "_-.+".indexOf(text.charAt(i)) >= 0)) {
                    i++;
                }
                String word = text.substring(start, i);
                boolean name = Character.isLetter(c) || c == '_';
                out.add(new Token(word, name ? "Name " + quoted(word) : word, start, line, col, true));
            } else if (text.startsWith("...", i)) {
                out.add(new Token("...", "...", i, line, col, true));
                i += 3;
            } else {
                out.add(new Token(String.valueOf(c), String.valueOf(c), i, line, col, true));
                i++;
            }
        }
        return out;
    }

    /** All tokens of {@code text}. */
    static List<Token> all(String text) {
        return before(text, text.length());
    }

    /** The texts of the tokens before {@code end}. */
    static List<String> textsBefore(String text, int end) {
        return before(text, end).stream().map(Token::text).toList();
    }

    private static String quoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}

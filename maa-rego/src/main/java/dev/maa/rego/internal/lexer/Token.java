package dev.maa.rego.internal.lexer;

import java.util.List;

/**
 * A token.
 *
 * @param type kind
 * @param text source text (for STRING the decoded value)
 * @param line 1-based line
 * @param col 1-based column
 * @param newlineBefore whether a line break separates it from the previous token
 * @param parts the literal text and embedded expressions of a TEMPLATE string, null otherwise
 */
public record Token(TokenType type, String text, int line, int col, boolean newlineBefore, List<TemplatePart> parts) {
    public Token(TokenType type, String text, int line, int col, boolean newlineBefore) {
        this(type, text, line, col, newlineBefore, null);
    }

    public boolean is(TokenType t) {
        return type == t;
    }

    public boolean isIdent(String s) {
        return type == TokenType.IDENT && text.equals(s);
    }

    /**
     * One part of a template string ({@code $"a{x}b"}): literal text, or the tokens of an embedded
     * expression ending with an EOF token at its closing brace.
     *
     * @param literal the decoded text, or null for an expression
     * @param expr the expression's tokens, or null for text
     */
    public record TemplatePart(String literal, List<Token> expr) {}
}

package dev.maa.rego.internal.lexer;

/**
 * A token.
 *
 * @param type kind
 * @param text source text (for STRING the decoded value)
 * @param line 1-based line
 * @param col 1-based column
 * @param newlineBefore whether a line break separates it from the previous token
 */
public record Token(TokenType type, String text, int line, int col, boolean newlineBefore) {
  public boolean is(TokenType t) {
    return type == t;
  }

  public boolean isIdent(String s) {
    return type == TokenType.IDENT && text.equals(s);
  }
}

package dev.maa.rego.internal.lexer;

/** Token kinds. Keywords are IDENTs; the parser decides by context. */
public enum TokenType {
  IDENT, STRING, NUMBER, LBRACE, RBRACE, LBRACK, RBRACK, LPAREN, RPAREN, DOT, COMMA, SEMI, COLON,
  BAR, AMP, TEMPLATE, EQ, ASSIGN, EQEQ, NEQ, LT, LTE, GT, GTE, PLUS, MINUS, STAR, SLASH, PERCENT, EOF
}

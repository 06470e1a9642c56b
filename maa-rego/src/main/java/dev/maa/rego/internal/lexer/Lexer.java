package dev.maa.rego.internal.lexer;

import dev.maa.rego.Location;
import dev.maa.rego.RegoParseException;
import java.util.ArrayList;
import java.util.List;

/** Turns Rego source into tokens; comments are kept aside (for METADATA blocks), line breaks recorded on tokens. */
public final class Lexer {
    private final String file;
    private final String src;
    private final String[] lines;
    private int pos;
    private int line = 1;
    private int lineStart;
    private boolean newline;
    private final List<Comment> comments = new ArrayList<>();

    /**
     * A comment: where its {@code #} stands and the text after it (METADATA blocks are read from these).
     *
     * @param line 1-based line
     * @param col 1-based column of the {@code #}
     * @param text the text after the {@code #}
     */
    public record Comment(int line, int col, String text) {}

    public Lexer(String file, String src) {
        this.file = file;
        this.src = src;
        this.lines = src.split("\r?\n", -1);
    }

    public String sourceLine(int line) {
        return line >= 1 && line <= lines.length ? lines[line - 1] : "";
    }

    public RegoParseException error(int line, int col, String msg) {
        return new RegoParseException("rego_parse_error", new Location(file, line, col, sourceLine(line)), msg);
    }

    /** The comments read so far, in source order. */
    public List<Comment> comments() {
        return comments;
    }

    public List<Token> tokenize() {
        List<Token> out = new ArrayList<>();
        while (true) {
            skipSpace();
            if (pos >= src.length()) {
                out.add(new Token(TokenType.EOF, "", line, pos - lineStart + 1, true));
                return out;
            }
            out.add(next());
            newline = false;
        }
    }

    private void skipSpace() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '\n') {
                pos++;
                line++;
                lineStart = pos;
                newline = true;
            } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\uFEFF') {
                pos++;
            } else if (c == '#') {
                int start = pos;
                while (pos < src.length() && src.charAt(pos) != '\n') {
                    pos++;
                }
                comments.add(new Comment(
                        line,
                        start - lineStart + 1,
                        src.substring(start + 1, pos).replace("\r", "")));
            } else {
                return;
            }
        }
    }

    private Token tok(TokenType t, String text, int startCol) {
        return new Token(t, text, line, startCol, newline);
    }

    private Token next() {
        int col = pos - lineStart + 1;
        char c = src.charAt(pos);
        if (Character.isLetter(c) || c == '_') {
            int s = pos;
            while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
                pos++;
            }
            return tok(TokenType.IDENT, src.substring(s, pos), col);
        }
        if (Character.isDigit(c)) {
            return number(col);
        }
        if (c == '"') {
            return string(col);
        }
        if (c == '$' && pos + 1 < src.length() && (src.charAt(pos + 1) == '"' || src.charAt(pos + 1) == '`')) {
            return template(col);
        }
        if (c == '`') {
            int end = src.indexOf('`', pos + 1);
            if (end < 0) {
                throw error(line, col, "non-terminated raw string");
            }
            String text = src.substring(pos + 1, end);
            Token t = tok(TokenType.STRING, text, col);
            for (int i = pos; i < end; i++) {
                if (src.charAt(i) == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            pos = end + 1;
            return t;
        }
        pos++;
        char n = pos < src.length() ? src.charAt(pos) : '\0';
        switch (c) {
            case '{':
                return tok(TokenType.LBRACE, "{", col);
            case '}':
                return tok(TokenType.RBRACE, "}", col);
            case '[':
                return tok(TokenType.LBRACK, "[", col);
            case ']':
                return tok(TokenType.RBRACK, "]", col);
            case '(':
                return tok(TokenType.LPAREN, "(", col);
            case ')':
                return tok(TokenType.RPAREN, ")", col);
            case '.':
                return tok(TokenType.DOT, ".", col);
            case ',':
                return tok(TokenType.COMMA, ",", col);
            case ';':
                return tok(TokenType.SEMI, ";", col);
            case '|':
                return tok(TokenType.BAR, "|", col);
            case '&':
                return tok(TokenType.AMP, "&", col);
            case '+':
                return tok(TokenType.PLUS, "+", col);
            case '-':
                return tok(TokenType.MINUS, "-", col);
            case '*':
                return tok(TokenType.STAR, "*", col);
            case '/':
                return tok(TokenType.SLASH, "/", col);
            case '%':
                return tok(TokenType.PERCENT, "%", col);
            case ':':
                if (n == '=') {
                    pos++;
                    return tok(TokenType.ASSIGN, ":=", col);
                }
                return tok(TokenType.COLON, ":", col);
            case '=':
                if (n == '=') {
                    pos++;
                    return tok(TokenType.EQEQ, "==", col);
                }
                return tok(TokenType.EQ, "=", col);
            case '!':
                if (n == '=') {
                    pos++;
                    return tok(TokenType.NEQ, "!=", col);
                }
                break;
            case '<':
                if (n == '=') {
                    pos++;
                    return tok(TokenType.LTE, "<=", col);
                }
                return tok(TokenType.LT, "<", col);
            case '>':
                if (n == '=') {
                    pos++;
                    return tok(TokenType.GTE, ">=", col);
                }
                return tok(TokenType.GT, ">", col);
            default:
                break;
        }
        throw error(line, col, "illegal token '" + c + "'");
    }

    private Token number(int col) {
        int s = pos;
        while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
            pos++;
        }
        if (pos + 1 < src.length() && src.charAt(pos) == '.' && Character.isDigit(src.charAt(pos + 1))) {
            pos++;
            while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
                pos++;
            }
        }
        if (pos < src.length() && (src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
            int save = pos;
            pos++;
            if (pos < src.length() && (src.charAt(pos) == '+' || src.charAt(pos) == '-')) {
                pos++;
            }
            if (pos < src.length() && Character.isDigit(src.charAt(pos))) {
                while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
                    pos++;
                }
            } else {
                pos = save;
            }
        }
        if (pos < src.length() && (Character.isLetter(src.charAt(pos)) || src.charAt(pos) == '_')) {
            throw error(line, col, "invalid number");
        }
        String text = src.substring(s, pos);
        try {
            java.math.BigDecimal d = new java.math.BigDecimal(text);
            if (Math.abs((long) d.scale()) > 100_000) {
                throw error(line, col, "number out of range: " + text);
            }
        } catch (NumberFormatException e) {
            throw error(line, col, "invalid number: " + text);
        }
        return tok(TokenType.NUMBER, text, col);
    }

    private Token string(int col) {
        StringBuilder sb = new StringBuilder();
        pos++;
        while (true) {
            if (pos >= src.length() || src.charAt(pos) == '\n') {
                throw error(line, col, "non-terminated string");
            }
            char c = src.charAt(pos++);
            if (c == '"') {
                return tok(TokenType.STRING, sb.toString(), col);
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            escape(sb, col);
        }
    }

    /** Appends the escape sequence after a backslash (pos is past the backslash). */
    private void escape(StringBuilder sb, int col) {
        if (pos >= src.length()) {
            throw error(line, col, "non-terminated string");
        }
        char e = src.charAt(pos++);
        switch (e) {
            case '"':
                sb.append('"');
                break;
            case '\\':
                sb.append('\\');
                break;
            case '/':
                sb.append('/');
                break;
            case 'b':
                sb.append('\b');
                break;
            case 'f':
                sb.append('\f');
                break;
            case 'n':
                sb.append('\n');
                break;
            case 'r':
                sb.append('\r');
                break;
            case 't':
                sb.append('\t');
                break;
            case 'u':
                if (pos + 4 > src.length()) {
                    throw error(line, col, "invalid unicode escape");
                }
                try {
                    sb.append((char) Integer.parseInt(src.substring(pos, pos + 4), 16));
                } catch (NumberFormatException ex) {
                    throw error(line, col, "invalid unicode escape");
                }
                pos += 4;
                break;
            default:
                throw error(line, pos - lineStart, "illegal escape sequence \\" + e);
        }
    }

    /**
     * A template string {@code $"...{expr}..."} or {@code $`...{expr}...`} (OPA 1.x string
     * interpolation). {@code \{} and {@code \}} are literal braces; in {@code $"..."} the usual
     * escapes apply, {@code $`...`} is raw and may span lines. Each {@code {...}} is lexed as tokens
     * up to its matching brace, so nested strings and templates need no special case.
     */
    private Token template(int col) {
        int startLine = line;
        boolean nl = newline;
        char quote = src.charAt(pos + 1);
        pos += 2;
        List<Token.TemplatePart> parts = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        while (true) {
            if (pos >= src.length() || quote == '"' && src.charAt(pos) == '\n') {
                throw error(startLine, col, "non-terminated template string");
            }
            char c = src.charAt(pos);
            if (c == quote) {
                pos++;
                break;
            }
            if (c == '\\' && pos + 1 < src.length() && (src.charAt(pos + 1) == '{' || src.charAt(pos + 1) == '}')) {
                lit.append(src.charAt(pos + 1));
                pos += 2;
            } else if (c == '\\' && quote == '"') {
                pos++;
                escape(lit, col);
            } else if (c == '{') {
                if (!lit.isEmpty()) {
                    parts.add(new Token.TemplatePart(lit.toString(), null));
                    lit.setLength(0);
                }
                pos++;
                parts.add(new Token.TemplatePart(null, templateExpr(startLine, col)));
            } else {
                if (c == '\n') {
                    line++;
                    lineStart = pos + 1;
                }
                lit.append(c);
                pos++;
            }
        }
        if (!lit.isEmpty() || parts.isEmpty()) {
            parts.add(new Token.TemplatePart(lit.toString(), null));
        }
        newline = nl;
        return new Token(TokenType.TEMPLATE, "$" + quote, startLine, col, nl, List.copyOf(parts));
    }

    /** The tokens of one embedded expression, up to its closing brace, then an EOF token there. */
    private List<Token> templateExpr(int startLine, int col) {
        List<Token> out = new ArrayList<>();
        int depth = 0;
        while (true) {
            skipSpace();
            if (pos >= src.length()) {
                throw error(startLine, col, "non-terminated template string");
            }
            if (src.charAt(pos) == '}' && depth == 0) {
                out.add(new Token(TokenType.EOF, "}", line, pos - lineStart + 1, newline));
                pos++;
                return out;
            }
            Token t = next();
            newline = false;
            if (t.is(TokenType.LBRACE)) {
                depth++;
            } else if (t.is(TokenType.RBRACE)) {
                depth--;
            }
            out.add(t);
        }
    }
}

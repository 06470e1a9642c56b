package dev.maa.rego.internal.parser;

import dev.maa.rego.Location;
import dev.maa.rego.internal.ast.Expr;
import dev.maa.rego.internal.ast.Term;
import dev.maa.rego.internal.lexer.Token;
import dev.maa.rego.internal.lexer.TokenType;
import dev.maa.rego.value.BooleanValue;
import dev.maa.rego.value.NullValue;
import dev.maa.rego.value.NumberValue;
import dev.maa.rego.value.StringValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Terms and operators, by precedence: {@code in} &lt; relations &lt; | &lt; &amp; &lt; + - &lt; * / %. */
final class TermParser {
    private static final Set<String> KEYWORDS = Set.of(
            "not", "with", "as", "some", "every", "in", "if", "contains", "else", "default", "import", "package");

    private final Parser ps;
    private boolean noBar;

    TermParser(Parser ps) {
        this.ps = ps;
    }

    /** A full term including {@code in}; with allowKeyVal, {@code k, v in c} too. */
    Term parseTerm(boolean allowKeyVal) {
        Token start = ps.peek();
        Term t = parseNoIn();
        if (allowKeyVal && ps.at(TokenType.COMMA) && !ps.breakBefore()) {
            ps.advance();
            Term v = parseNoIn();
            if (!ps.atIdent("in")) {
                throw ps.error(ps.peek(), "expected in after key, value");
            }
            ps.advance();
            Term coll = parseNoIn();
            t = call("internal.member_3", start, t, v, coll);
        }
        while (!ps.breakBefore() && ps.atIdent("in")) {
            ps.advance();
            t = call("internal.member_2", start, t, parseNoIn());
        }
        return t;
    }

    /** A term at relation level (no {@code in}). */
    Term parseNoIn() {
        Token start = ps.peek();
        Term t = parseOr();
        while (!ps.breakBefore()) {
            String op = switch (ps.peek().type()) {
                case EQEQ -> "equal";
                case NEQ -> "neq";
                case LT -> "lt";
                case LTE -> "lte";
                case GT -> "gt";
                case GTE -> "gte";
                default -> null;
            };
            if (op == null) {
                break;
            }
            ps.advance();
            t = call(op, start, t, parseOr());
        }
        return t;
    }

    private Term parseOr() {
        Token start = ps.peek();
        Term t = parseAnd();
        while (!noBar && !ps.breakBefore() && ps.at(TokenType.BAR)) {
            ps.advance();
            t = call("or", start, t, parseAnd());
        }
        return t;
    }

    private Term parseAnd() {
        Token start = ps.peek();
        Term t = parseArith();
        while (!ps.breakBefore() && ps.at(TokenType.AMP)) {
            ps.advance();
            t = call("and", start, t, parseArith());
        }
        return t;
    }

    private Term parseArith() {
        Token start = ps.peek();
        Term t = parseFactor();
        while (!ps.breakBefore() && (ps.at(TokenType.PLUS) || ps.at(TokenType.MINUS))) {
            String op = ps.advance().is(TokenType.PLUS) ? "plus" : "minus";
            t = call(op, start, t, parseFactor());
        }
        return t;
    }

    private Term parseFactor() {
        Token start = ps.peek();
        Term t = parseUnary();
        while (!ps.breakBefore() && (ps.at(TokenType.STAR) || ps.at(TokenType.SLASH) || ps.at(TokenType.PERCENT))) {
            TokenType tt = ps.advance().type();
            String op = tt == TokenType.STAR ? "mul" : tt == TokenType.SLASH ? "div" : "rem";
            t = call(op, start, t, parseUnary());
        }
        return t;
    }

    private Term parseUnary() {
        if (ps.at(TokenType.MINUS) && ps.peek(1).is(TokenType.NUMBER)) {
            Token m = ps.advance();
            Token n = checkNumber(ps.advance());
            return postfix(new Term.Scalar(NumberValue.parse("-" + n.text()), ps.loc(m)));
        }
        if (ps.at(TokenType.MINUS)) {
            ps.record().departs("unary minus on a term other than a number"); // OPA: "expected number"
            Token m = ps.advance();
            Term operand = parsePostfix();
            return new Term.Call(
                    "minus", List.of(new Term.Scalar(NumberValue.ZERO, ps.loc(m)), operand), ps.loc(m), null);
        }
        return parsePostfix();
    }

    /** A primary with {@code .name}, {@code [term]} and call suffixes. */
    Term parsePostfix() {
        return postfix(parsePrimary());
    }

    private Term postfix(Term t) {
        List<Term> path = new ArrayList<>();
        Term head = t;
        boolean bracketFirst = ps.at(TokenType.LBRACK);
        while (!ps.breakBefore()) {
            if (ps.at(TokenType.DOT)) {
                ps.adjacent(ps.advance());
                Token name = ps.expect(TokenType.IDENT, "name after .");
                ps.adjacent(name);
                // interned, as Values interns object keys: a lookup that finds its key compares identical strings
                path.add(new Term.Scalar(new StringValue(name.text().intern()), ps.loc(name)));
            } else if (ps.at(TokenType.LBRACK) && !ps.peek().newlineBefore()) {
                ps.adjacent(ps.advance());
                ps.pushNl(false);
                boolean saved = noBar;
                noBar = false;
                try {
                    path.add(parseTerm(false));
                } finally {
                    noBar = saved;
                    ps.popNl();
                }
                ps.expect(TokenType.RBRACK, "]");
            } else if (ps.at(TokenType.LPAREN) && !ps.peek().newlineBefore() && isCallable(head, path)) {
                List<String> parts = operatorParts(head, path);
                ps.adjacent(ps.advance());
                List<Term> args = parseList(TokenType.RPAREN);
                Term.Call call = new Term.Call(String.join(".", parts), args, head.loc(), null);
                if (!parts.stream().allMatch(part -> part.matches("[A-Za-z_][A-Za-z0-9_]*"))) {
                    ps.record().operator(call, parts); // the dotted name loses `a["b.c"]`'s parts
                }
                head = call;
                path = new ArrayList<>();
            } else {
                break;
            }
        }
        if (path.isEmpty()) {
            return head;
        }
        if (head instanceof Term.Scalar s) {
            boolean keyword = s.value() instanceof BooleanValue || s.value() instanceof NullValue;
            if (s.value() instanceof StringValue || s.value() instanceof NumberValue && bracketFirst) {
                ps.record().scalarRef(head.loc(), s.value().typeName()); // OPA's parser: "illegal ref"
            } else if (!keyword) {
                // `1.a`: OPA's scanner reads no number there (keywordBeforeRef decides for true, false and null)
                ps.record().departs("a `.` after a number literal");
            }
        }
        return new Term.Ref(head, List.copyOf(path), head.loc());
    }

    /**
     * Records what OPA's parser makes of a keyword (the current token {@code t}) written right before {@code .} or
     * {@code [}, where this parser's tree differs or OPA's parse fails (parser.go): as the first token of a body
     * expression it is a variable ({@code parseLiteral} scans ahead; the JSON then writes {@code true[0]}'s head as
     * one); anywhere else {@code true}, {@code false} and {@code null} are constants, which {@code parseRef} reports
     * ("illegal ref (head cannot be boolean)"), and other keywords are no term ({@code parseTerm}: "unexpected
     * keyword", refused); blanks before the {@code .} or {@code [} are {@link Parser#adjacent}'s.
     * {@code contains} is a variable anywhere but a rule head ({@code parseTerm}).
     */
    private void keywordBeforeRef(Token t, Term head) {
        String s = t.text();
        Token next = ps.peek(1);
        if (!(next.is(TokenType.DOT) || next.is(TokenType.LBRACK))
                || next.newlineBefore()
                || !OpaAstJson.KEYWORDS.contains(s)
                || s.equals("contains")) {
            return;
        }
        String constant = s.equals("null") ? "null" : s.equals("true") || s.equals("false") ? "boolean" : null;
        if (ps.startsLiteral(t)) {
            if (head instanceof Term.Scalar) {
                ps.record().keywordVar(head, s); // `.` after a keyword already made a variable here
            }
        } else if (constant != null) {
            ps.record().scalarRef(head.loc(), constant);
        } else {
            ps.record().departs("the keyword `" + s + "` as a reference's head inside an expression");
        }
    }

    private static boolean isCallable(Term head, List<Term> path) {
        if (!(head instanceof Term.Var)) {
            return false;
        }
        for (Term p : path) {
            if (!(p instanceof Term.Scalar s && s.value() instanceof StringValue)) {
                return false;
            }
        }
        return true;
    }

    private static List<String> operatorParts(Term head, List<Term> path) {
        List<String> parts = new ArrayList<>();
        parts.add(((Term.Var) head).name());
        for (Term p : path) {
            parts.add(((StringValue) ((Term.Scalar) p).value()).value());
        }
        return parts;
    }

    /** OPA refuses numbers with leading zeros ({@code 007}); this parser reads them. */
    private Token checkNumber(Token n) {
        String t = n.text();
        if (t.length() > 1 && t.charAt(0) == '0' && Character.isDigit(t.charAt(1))) {
            ps.record().departs("numbers with leading zeros");
        }
        return n;
    }

    private List<Term> parseList(TokenType close) {
        ps.pushNl(false);
        boolean saved = noBar;
        noBar = false;
        try {
            List<Term> items = new ArrayList<>();
            while (!ps.at(close)) {
                items.add(parseTerm(false));
                if (!ps.at(TokenType.COMMA)) {
                    break;
                }
                ps.advance();
            }
            ps.expect(close, close == TokenType.RPAREN ? ")" : "]");
            return items;
        } finally {
            noBar = saved;
            ps.popNl();
        }
    }

    private Term parsePrimary() {
        Token t = ps.peek();
        Location loc = ps.loc(t);
        switch (t.type()) {
            case NUMBER:
                checkNumber(ps.advance());
                return scalar(t, loc);
            case STRING:
                ps.advance();
                return scalar(t, loc);
            case IDENT:
                return ident(t, loc);
            case TEMPLATE:
                ps.advance();
                return ps.template(t, loc);
            case LPAREN: {
                ps.advance();
                ps.pushNl(false);
                boolean saved = noBar;
                noBar = false;
                try {
                    Term inner = parseTerm(true);
                    ps.expect(TokenType.RPAREN, ")");
                    return inner;
                } finally {
                    noBar = saved;
                    ps.popNl();
                }
            }
            case LBRACK:
                return arrayOrComprehension(loc);
            case LBRACE:
                return braceTerm(loc);
            default:
                throw ps.error(t, "unexpected " + ps.describe(t));
        }
    }

    private Term ident(Token t, Location loc) {
        String s = t.text();
        if (Parser.isRefHead(t, ps.peek(1))) {
            // `if.foo`, `true.foo`: a keyword or constant right before `.` names a rule (OPA 1.x)
            Term.Var head = new Term.Var(s, loc);
            keywordBeforeRef(t, head);
            ps.advance();
            return head;
        }
        if (s.equals("true") || s.equals("false") || s.equals("null")) {
            Term.Scalar constant = scalar(t, loc);
            keywordBeforeRef(t, constant);
            ps.advance();
            return constant;
        }
        if (s.equals("set") && ps.peek(1).is(TokenType.LPAREN) && ps.peek(2).is(TokenType.RPAREN)) {
            ps.advance();
            ps.advance();
            ps.advance();
            return new Term.SetTerm(List.of(), loc);
        }
        if (s.equals("contains") && ps.peek(1).is(TokenType.LPAREN)) {
            // `contains` is a keyword only in a rule head (`p contains x`); followed by `(` it is the builtin
            ps.advance();
            return new Term.Var(s, loc);
        }
        if (KEYWORDS.contains(s)) {
            throw ps.error(t, "unexpected keyword " + s);
        }
        ps.advance();
        if (s.equals("_")) {
            return new Term.Var(ps.newWildcard(), loc);
        }
        return new Term.Var(s, loc);
    }

    private Term firstItem() {
        boolean saved = noBar;
        noBar = true;
        try {
            return parseTerm(false);
        } finally {
            noBar = saved;
        }
    }

    private Term arrayOrComprehension(Location loc) {
        ps.advance();
        ps.pushNl(false);
        try {
            if (ps.at(TokenType.RBRACK)) {
                ps.advance();
                return new Term.ArrayTerm(List.of(), loc);
            }
            Term first = firstItem();
            if (ps.at(TokenType.BAR)) {
                ps.advance();
                List<Expr> body = ps.parseComprehensionBody(TokenType.RBRACK);
                ps.expect(TokenType.RBRACK, "]");
                return new Term.ArrayCompr(first, body, loc);
            }
            List<Term> items = new ArrayList<>();
            items.add(first);
            if (ps.at(TokenType.COMMA)) {
                ps.advance();
                items.addAll(parseList(TokenType.RBRACK));
            } else {
                ps.expect(TokenType.RBRACK, "]");
            }
            return new Term.ArrayTerm(items, loc);
        } finally {
            ps.popNl();
        }
    }

    private Term braceTerm(Location loc) {
        ps.advance();
        ps.pushNl(false);
        try {
            if (ps.at(TokenType.RBRACE)) {
                ps.advance();
                return new Term.ObjectTerm(List.of(), List.of(), loc);
            }
            Term first = firstItem();
            if (ps.at(TokenType.COLON)) {
                ps.advance();
                Term firstValue = firstItem();
                if (ps.at(TokenType.BAR)) {
                    ps.advance();
                    List<Expr> body = ps.parseComprehensionBody(TokenType.RBRACE);
                    ps.expect(TokenType.RBRACE, "}");
                    return new Term.ObjectCompr(first, firstValue, body, loc);
                }
                List<Term> keys = new ArrayList<>(List.of(first));
                List<Term> values = new ArrayList<>(List.of(firstValue));
                while (ps.at(TokenType.COMMA)) {
                    ps.advance();
                    if (ps.at(TokenType.RBRACE)) {
                        break;
                    }
                    keys.add(parseTerm(false));
                    ps.expect(TokenType.COLON, ":");
                    values.add(parseTerm(false));
                }
                ps.expect(TokenType.RBRACE, "}");
                return new Term.ObjectTerm(keys, values, loc);
            }
            if (ps.at(TokenType.BAR)) {
                ps.advance();
                List<Expr> body = ps.parseComprehensionBody(TokenType.RBRACE);
                ps.expect(TokenType.RBRACE, "}");
                return new Term.SetCompr(first, body, loc);
            }
            List<Term> items = new ArrayList<>(List.of(first));
            while (ps.at(TokenType.COMMA)) {
                ps.advance();
                if (ps.at(TokenType.RBRACE)) {
                    break;
                }
                items.add(parseTerm(false));
            }
            ps.expect(TokenType.RBRACE, "}");
            return new Term.SetTerm(items, loc);
        } finally {
            ps.popNl();
        }
    }

    private Term.Call call(String op, Token start, Term... args) {
        return new Term.Call(op, List.of(args), ps.loc(start), null);
    }

    static Term.Scalar scalar(Token t, Location loc) {
        switch (t.type()) {
            case STRING:
                // short literals interned like reference names: object literal keys and bracketed keys
                String text = t.text().length() <= 64 ? t.text().intern() : t.text();
                return new Term.Scalar(new StringValue(text), loc);
            case NUMBER:
                return new Term.Scalar(NumberValue.parse(t.text()), loc);
            default:
                if (t.text().equals("true")) {
                    return new Term.Scalar(BooleanValue.TRUE, loc);
                }
                if (t.text().equals("false")) {
                    return new Term.Scalar(BooleanValue.FALSE, loc);
                }
                return new Term.Scalar(NullValue.INSTANCE, loc);
        }
    }
}

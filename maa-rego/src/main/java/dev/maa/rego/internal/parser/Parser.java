package dev.maa.rego.internal.parser;

import dev.maa.rego.Location;
import dev.maa.rego.RegoParseException;
import dev.maa.rego.internal.ast.Expr;
import dev.maa.rego.internal.ast.Module;
import dev.maa.rego.internal.ast.Rule;
import dev.maa.rego.internal.ast.Term;
import dev.maa.rego.internal.lexer.Lexer;
import dev.maa.rego.internal.lexer.Token;
import dev.maa.rego.internal.lexer.TokenType;
import dev.maa.rego.value.BooleanValue;
import dev.maa.rego.value.StringValue;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * Recursive-descent parser for Rego v1 modules and queries.
 *
 * <p>Line breaks separate body expressions, so the parser keeps a stack telling whether a line
 * break is significant (bodies, comprehension bodies) or not (inside parentheses, arrays and
 * object/set literals); postfix and infix operators never continue across a significant break.
 */
public final class Parser {
    /** The internal builtin template strings compile to. */
    public static final String TEMPLATE_STRING = "internal.template_string";
    /** Imports that make {@code not { ... }} negate a body (OPA's future keyword {@code not}). */
    private static final Set<List<String>> NOT_BODY_IMPORTS =
            Set.of(List.of("rego", "v2"), List.of("future", "keywords", "not"), List.of("future", "keywords"));

    private static final Set<String> NOT_REF_HEADS = Set.of("not", "some", "package");
    /** OPA's names of tokens in its "unexpected X token" errors, where they are not the token's text. */
    private static final java.util.Map<TokenType, String> OPA_TOKEN_NAMES = java.util.Map.of(
            TokenType.EOF,
            "eof",
            TokenType.IDENT,
            "ident",
            TokenType.STRING,
            "string",
            TokenType.NUMBER,
            "number",
            TokenType.DOT,
            ".",
            TokenType.TEMPLATE,
            "string");

    private final String file;
    private final Lexer lexer;
    /** The tokens being parsed: the module's, or an embedded template expression's while it is parsed. */
    private List<Token> toks;

    private final Deque<Boolean> nlSignificant = new ArrayDeque<>();
    private final TermParser terms;
    private int p;
    private int wildcards;
    private int hoisted;
    /** Whether {@code not {} } opens a body: after {@code import rego.v2} or {@code future.keywords.not}. */
    private boolean notBodies;
    /** Whether METADATA blocks are read (OPA's {@code ast.ParseModule}, as {@code rego.parse_module} calls it, does not). */
    private boolean annotations = true;
    /** What rego.parse_module needs beyond the tree the compiler uses. */
    private final ParseRecord record = new ParseRecord();
    /** The first token of the body expression being parsed, where OPA's parser reads a keyword as a name. */
    private Token literalStart;

    public Parser(String file, String src) {
        this.file = file;
        this.lexer = new Lexer(file, src);
        this.toks = lexer.tokenize();
        this.terms = new TermParser(this);
        nlSignificant.push(true);
    }

    // ---- token helpers, shared with TermParser ----

    Token peek() {
        return toks.get(p);
    }

    Token peek(int ahead) {
        return toks.get(Math.min(p + ahead, toks.size() - 1));
    }

    Token advance() {
        Token t = toks.get(p);
        if (t.type() != TokenType.EOF) {
            p++;
        }
        return t;
    }

    boolean at(TokenType t) {
        return peek().is(t);
    }

    boolean atIdent(String s) {
        return peek().isIdent(s);
    }

    /** Whether the current token starts a new line where line breaks end an expression. */
    boolean breakBefore() {
        return peek().newlineBefore() && Boolean.TRUE.equals(nlSignificant.peek());
    }

    void pushNl(boolean significant) {
        nlSignificant.push(significant);
    }

    void popNl() {
        nlSignificant.pop();
    }

    Token expect(TokenType t, String what) {
        if (!at(t)) {
            throw error(peek(), "expected " + what + " but found " + describe(peek()));
        }
        return advance();
    }

    String describe(Token t) {
        return t.is(TokenType.EOF) ? "end of input" : "'" + t.text() + "'";
    }

    RegoParseException error(Token t, String msg) {
        return lexer.error(t.line(), t.col(), msg);
    }

    Location loc(Token t) {
        return new Location(file, t.line(), t.col(), lexer.sourceLine(t.line()));
    }

    /**
     * Whether {@code t} starts a reference although it is a keyword or {@code true/false/null}:
     * followed by {@code .} on the same line (OPA 1.x allows {@code if.foo := 1} and {@code true.foo} in
     * bodies). A keyword then never acts as one. {@code not}, {@code some} and {@code package} are
     * not among the keywords OPA's suite allows there, so they stay keywords (a parse error).
     */
    static boolean isRefHead(Token t, Token next) {
        return t.is(TokenType.IDENT)
                && !NOT_REF_HEADS.contains(t.text())
                && next.is(TokenType.DOT)
                && !next.newlineBefore();
    }

    /**
     * Whether {@code t} is the first token of a body expression: there OPA's {@code parseLiteral} reads a keyword
     * written right before {@code .} or {@code [} as a variable, and nowhere else in an expression.
     */
    boolean startsLiteral(Token t) {
        return t == literalStart;
    }

    /**
     * Refuses a reference, call or import path continued after a blank or line break at {@code t} ({@code x [0]},
     * {@code input .a}, {@code f (x)}): OPA's scanner yields blanks as a token, which ends the term
     * ({@code parseTermFinish}, {@code parseRef}), so OPA answers a parse error there.
     */
    void adjacent(Token t) {
        String line = lexer.sourceLine(t.line());
        if (t.newlineBefore()
                || t.col() < 2
                || t.col() - 2 >= line.length()
                || Character.isWhitespace(line.charAt(t.col() - 2))) {
            record.departs("a blank before `" + t.text() + "` in a reference or call");
        }
    }

    String newWildcard() {
        return "$" + (wildcards++);
    }

    /** A variable for a call hoisted out of function arguments, numbered apart from {@code _} (as OPA numbers it). */
    String newHoisted() {
        return "$call" + (hoisted++);
    }

    // ---- what rego.parse_module needs beyond the tree the compiler uses ----

    /** Parses without reading METADATA blocks, as OPA's {@code ast.ParseModule}; they stay plain comments. */
    public Parser withoutAnnotations() {
        annotations = false;
        return this;
    }

    /** The surface forms and departures from OPA's tree this parse recorded. */
    public ParseRecord record() {
        return record;
    }

    /** The comments of the source, in order. */
    public List<Lexer.Comment> comments() {
        return lexer.comments();
    }

    // ---- modules ----

    public Module parseModule() {
        try {
            return parseModuleUnguarded();
        } catch (StackOverflowError e) {
            throw lexer.error(peek().line(), peek().col(), "expression nests too deeply");
        }
    }

    private Module parseModuleUnguarded() {
        if (!atIdent("package")) {
            throw error(peek(), "package expected");
        }
        List<MetadataBlocks.Statement> statements = new ArrayList<>();
        statements.add(new MetadataBlocks.Statement(advance().line(), -1));
        List<String> pkg = new ArrayList<>();
        pkg.add(expect(TokenType.IDENT, "package name").text());
        while (at(TokenType.DOT) || at(TokenType.LBRACK)) {
            if (advance().is(TokenType.DOT)) {
                if (!at(TokenType.IDENT)) {
                    throw error(
                            peek(),
                            "unexpected " + OPA_TOKEN_NAMES.getOrDefault(peek().type(), peek().text())
                                    + " token: expected ident"); // OPA's words, which rego.parse_module returns
                }
                pkg.add(advance().text());
            } else {
                pkg.add(expect(TokenType.STRING, "string").text());
                expect(TokenType.RBRACK, "]");
            }
        }
        List<Module.Import> imports = new ArrayList<>();
        List<Rule> rules = new ArrayList<>();
        while (!at(TokenType.EOF)) {
            if (atIdent("import") && !isRefHead(peek(), peek(1))) {
                statements.add(new MetadataBlocks.Statement(peek().line(), -2));
                Module.Import imp = parseImport();
                notBodies |= NOT_BODY_IMPORTS.contains(imp.path());
                imports.add(imp);
            } else {
                statements.add(new MetadataBlocks.Statement(peek().line(), rules.size()));
                rules.addAll(new RuleParser(this, terms).parseRules());
            }
        }
        return new Module(
                file, pkg, imports, rules, annotations ? MetadataBlocks.read(lexer, file, statements) : List.of());
    }

    private Module.Import parseImport() {
        Token start = advance();
        List<String> path = new ArrayList<>();
        Token first = expect(TokenType.IDENT, "import path");
        Token last = first;
        path.add(first.text());
        while (!breakBefore() && (at(TokenType.DOT) || at(TokenType.LBRACK))) {
            Token next = advance();
            adjacent(next);
            if (next.is(TokenType.DOT)) {
                last = expect(TokenType.IDENT, "name");
                adjacent(last);
            } else {
                last = expect(TokenType.STRING, "string");
                expect(TokenType.RBRACK, "]");
            }
            path.add(last.text());
        }
        String alias = path.get(path.size() - 1);
        boolean aliased = atIdent("as") && !breakBefore();
        if (aliased) {
            advance();
            alias = expect(TokenType.IDENT, "alias").text();
        }
        String root = path.get(0);
        if (!root.equals("data") && !root.equals("input") && !root.equals("future") && !root.equals("rego")) {
            throw error(start, "invalid import path: must begin with input or data");
        }
        Module.Import imp = new Module.Import(path, alias, loc(start));
        if (aliased) {
            record.aliased(imp);
        }
        record.importPath(imp, loc(first), loc(last));
        return imp;
    }

    // ---- queries and bodies ----

    /** Parses a query: expressions separated by line breaks or semicolons. */
    public List<Expr> parseQuery() {
        try {
            return parseQueryUnguarded();
        } catch (StackOverflowError e) {
            throw lexer.error(peek().line(), peek().col(), "expression nests too deeply");
        }
    }

    private List<Expr> parseQueryUnguarded() {
        List<Expr> body = new ArrayList<>();
        while (!at(TokenType.EOF)) {
            body.add(parseLiteral());
            if (at(TokenType.SEMI)) {
                advance();
            } else if (!at(TokenType.EOF) && !peek().newlineBefore()) {
                throw error(peek(), "unexpected " + describe(peek()));
            }
        }
        if (body.isEmpty()) {
            throw lexer.error(1, 1, "empty query");
        }
        return body;
    }

    /** Parses {@code { expr ... }} (the opening brace is current). */
    List<Expr> parseBraceBody() {
        expect(TokenType.LBRACE, "{");
        pushNl(true);
        List<Expr> body = new ArrayList<>();
        try {
            while (!at(TokenType.RBRACE)) {
                if (at(TokenType.EOF)) {
                    throw error(peek(), "unexpected end of input, expected }");
                }
                body.add(parseLiteral());
                if (at(TokenType.SEMI)) {
                    advance();
                } else if (!at(TokenType.RBRACE) && !peek().newlineBefore()) {
                    throw error(peek(), "unexpected " + describe(peek()));
                }
            }
        } finally {
            popNl();
        }
        advance();
        if (body.isEmpty()) {
            throw error(toks.get(p - 1), "found empty body");
        }
        return body;
    }

    /** Parses comprehension body up to (not including) the closing token. */
    List<Expr> parseComprehensionBody(TokenType close) {
        pushNl(true);
        List<Expr> body = new ArrayList<>();
        try {
            while (!at(close)) {
                body.add(parseLiteral());
                if (at(TokenType.SEMI)) {
                    advance();
                } else if (!at(close) && !peek().newlineBefore()) {
                    throw error(peek(), "unexpected " + describe(peek()));
                }
            }
        } finally {
            popNl();
        }
        if (body.isEmpty()) {
            throw error(peek(), "found empty body");
        }
        return body;
    }

    /** One body expression with its {@code not} and {@code with} modifiers. */
    Expr parseLiteral() {
        Token start = peek();
        literalStart = start;
        if (atIdent("some") && !peek(1).is(TokenType.LPAREN)) {
            advance();
            Expr.Kind some = parseSome(start);
            return new Expr(some, false, withs(), loc(start));
        }
        if (atIdent("every") && !isRefHead(peek(), peek(1))) {
            advance();
            return new Expr(parseEvery(), false, withs(), loc(start));
        }
        boolean negated = false;
        if (atIdent("not")) {
            advance();
            negated = true;
            if (notBodies && at(TokenType.LBRACE)) {
                return notBody(start);
            }
        }
        Term lhs = terms.parseTerm(true);
        Expr.Kind kind;
        if (!breakBefore() && at(TokenType.EQ)) {
            advance();
            kind = new Expr.Unify(lhs, terms.parseTerm(false));
        } else if (!breakBefore() && at(TokenType.ASSIGN)) {
            advance();
            kind = new Expr.Assign(lhs, terms.parseTerm(false));
        } else {
            kind = new Expr.TermExpr(lhs);
        }
        return new Expr(kind, negated, withs(), loc(start));
    }

    /**
     * {@code not { a; b }}: true when the body has no solution. Lowered to
     * {@code {true | a; b} == set()}, which gives the body the closure scoping of a comprehension, as
     * OPA's negated bodies have. Braces holding a value ({@code not {1, 2}}) fail to parse as a body;
     * {@code not {a | b}} reads both ways and is refused, as OPA does.
     */
    private Expr notBody(Token start) {
        record.departs("`not { ... }` bodies");
        Token brace = peek();
        List<Expr> body = parseBraceBody();
        if (body.get(0).kind() instanceof Expr.TermExpr te
                && te.term() instanceof Term.Call c
                && c.name().equals("or")) {
            throw error(
                    brace,
                    "ambiguous `{ ... | ... }` after not: a body holding a set union or a comprehension;"
                            + " parenthesize the union inside the braces, or bind the comprehension to a variable first");
        }
        Location loc = loc(start);
        Term none = new Term.SetCompr(new Term.Scalar(BooleanValue.TRUE, loc), body, loc);
        Term empty = new Term.SetTerm(List.of(), loc);
        return new Expr(
                new Expr.TermExpr(new Term.Call("equal", List.of(none, empty), loc, null)), false, withs(), loc);
    }

    private List<Expr.With> withs() {
        List<Expr.With> ws = new ArrayList<>();
        while (atIdent("with") && !isRefHead(peek(), peek(1))) {
            Token w = advance();
            Term target = terms.parsePostfix();
            if (!atIdent("as")) {
                throw error(peek(), "expected as");
            }
            advance();
            Term value = terms.parseTerm(false);
            ws.add(new Expr.With(target, value, loc(w)));
        }
        return ws;
    }

    private Expr.Kind parseSome(Token start) {
        List<Term> ts = new ArrayList<>();
        ts.add(terms.parseNoIn());
        while (at(TokenType.COMMA)) {
            advance();
            ts.add(terms.parseNoIn());
        }
        if (atIdent("in") && !breakBefore()) {
            advance();
            Term coll = terms.parseNoIn();
            if (ts.size() > 2) {
                throw error(start, "unexpected , in some ... in: at most key, value");
            }
            return ts.size() == 2
                    ? new Expr.SomeIn(ts.get(0), ts.get(1), coll)
                    : new Expr.SomeIn(null, ts.get(0), coll);
        }
        List<Term.Var> vars = new ArrayList<>();
        for (Term t : ts) {
            if (!(t instanceof Term.Var v)) {
                throw lexer.error(t.loc().line(), t.loc().col(), "expected var in some declaration");
            }
            vars.add(v);
        }
        return new Expr.SomeDecl(vars);
    }

    private Expr.Kind parseEvery() {
        Term first = terms.parseNoIn();
        Term second = null;
        if (at(TokenType.COMMA)) {
            advance();
            second = terms.parseNoIn();
        }
        if (!atIdent("in")) {
            throw error(peek(), "expected in in every");
        }
        advance();
        Term coll = terms.parseNoIn();
        List<Expr> body = parseBraceBody();
        return second == null ? new Expr.Every(null, first, coll, body) : new Expr.Every(first, second, coll, body);
    }

    /**
     * A template string as OPA compiles it: {@code internal.template_string([parts])} where literal
     * text is a string and each embedded expression (with its {@code with} modifiers) becomes the set
     * comprehension {@code {v | v = expr}}: empty when undefined, more than one element is an error.
     * Constant scalars are not wrapped.
     */
    Term template(Token t, Location loc) {
        record.departs("template strings");
        List<Term> parts = new ArrayList<>();
        for (Token.TemplatePart part : t.parts()) {
            parts.add(
                    part.literal() != null
                            ? new Term.Scalar(new StringValue(part.literal()), loc)
                            : templateExpr(part.expr()));
        }
        return new Term.Call(TEMPLATE_STRING, List.of(new Term.ArrayTerm(List.copyOf(parts), loc)), loc, null);
    }

    private Term templateExpr(List<Token> expr) {
        List<Token> outer = toks;
        int outerP = p;
        toks = expr;
        p = 0;
        pushNl(false);
        try {
            if (at(TokenType.EOF)) {
                throw error(peek(), "empty template expression: write \\{ for a literal brace");
            }
            Token start = peek();
            Expr e = parseLiteral();
            if (!at(TokenType.EOF)) {
                throw error(peek(), "unexpected " + describe(peek()) + " in template expression");
            }
            if (!(e.kind() instanceof Expr.TermExpr te) || e.negated()) {
                throw error(start, "a template expression must be a term, optionally with `with` modifiers");
            }
            if (te.term() instanceof Term.Scalar && e.withs().isEmpty()) {
                return te.term();
            }
            Term.Var v = new Term.Var(newWildcard(), e.loc());
            Expr unify = new Expr(new Expr.Unify(v, te.term()), false, e.withs(), e.loc());
            return new Term.SetCompr(v, List.of(unify), e.loc());
        } finally {
            popNl();
            toks = outer;
            p = outerP;
        }
    }
}

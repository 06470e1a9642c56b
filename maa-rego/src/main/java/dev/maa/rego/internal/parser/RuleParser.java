package dev.maa.rego.internal.parser;

import dev.maa.rego.Location;
import dev.maa.rego.builtins.Capabilities;
import dev.maa.rego.internal.ast.Expr;
import dev.maa.rego.internal.ast.Rule;
import dev.maa.rego.internal.ast.Term;
import dev.maa.rego.internal.lexer.Token;
import dev.maa.rego.internal.lexer.TokenType;
import dev.maa.rego.value.BooleanValue;
import dev.maa.rego.value.StringValue;
import java.util.ArrayList;
import java.util.List;

/** Rule heads, bodies and else chains (Rego v1: {@code if} before bodies, {@code contains} for sets). */
final class RuleParser {
    private final Parser ps;
    private final TermParser terms;

    /** Whether the rule just parsed had a body, so that further {@code { ... }} bodies chain onto its head. */
    private boolean bodied;
    /** The checks of the rule's hoisted argument calls, which a chained body gets too. */
    private List<Expr> argChecks;

    RuleParser(Parser ps, TermParser terms) {
        this.ps = ps;
        this.terms = terms;
    }

    /**
     * A rule, and the rules of bodies chained after its body ({@code p if { a } { b }}), as OPA's parseRules reads
     * them: each a copy of the head with the next body, its {@code _} arguments numbered anew after that body.
     */
    List<Rule> parseRules() {
        Rule first = parseRule();
        List<Rule> rules = new ArrayList<>(List.of(first));
        while (bodied && ps.at(TokenType.LBRACE)) {
            if (first.elseRule() != null) {
                throw ps.error(ps.peek(), "expected else keyword");
            }
            List<Expr> body = ps.parseBraceBody();
            List<Term> ownArgs = renumberedWildcards(ps.record().writtenArgs(first.args()));
            Rule next = new Rule(
                    first.head(),
                    first.kind(),
                    first.args(),
                    first.key(),
                    first.value(),
                    withChecks(body, argChecks),
                    false,
                    null,
                    first.loc());
            if (ownArgs != null) {
                ps.record().ownArgs(next, ownArgs);
            }
            rules.add(next);
        }
        return rules;
    }

    private Rule parseRule() {
        Token start = ps.peek();
        boolean isDefault = false;
        if (ps.atIdent("default") && ps.peek(1).is(TokenType.IDENT)) {
            ps.advance();
            isDefault = true;
        }
        Location loc = ps.loc(ps.peek());
        List<Term> head = parseHeadRef();
        List<Term> args = null;
        if (ps.at(TokenType.LPAREN) && !ps.peek().newlineBefore()) {
            ps.advance();
            ps.pushNl(false);
            try {
                args = new ArrayList<>();
                while (!ps.at(TokenType.RPAREN)) {
                    args.add(terms.parseTerm(false));
                    if (!ps.at(TokenType.COMMA)) {
                        break;
                    }
                    ps.advance();
                }
                ps.expect(TokenType.RPAREN, ")");
            } finally {
                ps.popNl();
            }
        }
        argChecks = new ArrayList<>();
        if (args != null) {
            List<Term> written = args;
            args = hoistCalls(args, argChecks);
            if (!argChecks.isEmpty()) {
                ps.record().args(args, written);
            }
        }
        Term key = null;
        Term value = null;
        Rule.Kind kind = args != null ? Rule.Kind.FUNCTION : Rule.Kind.COMPLETE;
        if (args == null && ps.atIdent("contains") && !ps.breakBefore()) {
            ps.advance();
            key = terms.parseTerm(false);
            kind = Rule.Kind.SET;
        } else if (!ps.breakBefore() && (ps.at(TokenType.ASSIGN) || ps.at(TokenType.EQ))) {
            boolean assign = ps.advance().is(TokenType.ASSIGN);
            value = terms.parseTerm(false);
            if (assign) {
                ps.record().assigned(value);
            }
        }
        if (isDefault) {
            if (value == null || kind == Rule.Kind.SET) {
                throw ps.error(start, "default rules must have a value: default <name> := <value>");
            }
            if (ps.atIdent("if")) {
                throw ps.error(ps.peek(), "default rules cannot have a body");
            }
            Rule rule = new Rule(head, kind, args, null, value, List.of(), true, null, loc);
            ps.record().defaultAt(rule, ps.loc(start));
            return rule;
        }
        List<Expr> body = List.of();
        boolean hasBody = false;
        if (ps.atIdent("if") && !ps.breakBefore()) {
            ps.advance();
            body = parseIfBody();
            hasBody = true;
            bodied = true;
        } else if (ps.at(TokenType.LBRACE) && !ps.breakBefore()) {
            throw ps.error(ps.peek(), "`if` keyword is required before rule body");
        }
        if (!hasBody && value == null && key == null) {
            if (args != null && !ps.atIdent("else")) {
                checkCallStatement(start, head, args);
            } else if (head.size() == 1 || args != null) {
                throw ps.error(start, "rule must have a value, a body or `contains`");
            }
        }
        if (value == null && kind != Rule.Kind.SET) {
            value = new Term.Scalar(BooleanValue.TRUE, loc);
        }
        Rule elseRule = null;
        if (ps.atIdent("else") && !Parser.isRefHead(ps.peek(), ps.peek(1))) {
            if (kind == Rule.Kind.SET || !isStatic(head) && args == null) {
                throw ps.error(ps.peek(), "else keyword cannot be used on multi-value rules");
            }
            elseRule = parseElse(head, kind, args, argChecks);
        }
        return new Rule(
                head,
                kind,
                args,
                key,
                value,
                withChecks(hasBody ? body : trueBody(loc), argChecks),
                false,
                elseRule,
                loc);
    }

    /**
     * A call alone as a statement ({@code f(x)}) defines a function returning true, as OPA reads it (parser_ext.go
     * {@code ParseRuleFromExpr}, then {@code ParseRuleFromCallExpr}), with OPA's errors for a builtin's name and for
     * no arguments.
     */
    private void checkCallStatement(Token start, List<Term> head, List<Term> args) {
        if (isStatic(head)) {
            List<String> parts = new ArrayList<>();
            head.forEach(t -> parts.add(((StringValue) ((Term.Scalar) t).value()).value()));
            if (Capabilities.opaBuiltinNames().contains(String.join(".", parts))) {
                throw ps.error(start, "rule name conflicts with built-in function");
            }
        }
        if (args.isEmpty()) {
            throw ps.error(start, "rule argument list must take at least one argument");
        }
    }

    /**
     * Calls in function arguments ({@code f(concat("", [x]))}, {@code f($"{x}")}) become fresh
     * variables checked by {@code var = call} at the end of the body, as OPA's compiler rewrites them:
     * the call may need variables the body binds, and the safety ordering places the check.
     */
    private List<Term> hoistCalls(List<Term> ts, List<Expr> checks) {
        List<Term> out = new ArrayList<>(ts.size());
        for (Term t : ts) {
            out.add(hoistCalls(t, checks));
        }
        return out;
    }

    private Term hoistCalls(Term t, List<Expr> checks) {
        if (t instanceof Term.Call c) {
            Term.Var v = new Term.Var(ps.newHoisted(), c.loc());
            checks.add(new Expr(new Expr.Unify(v, c), false, List.of(), c.loc()));
            return v;
        }
        if (t instanceof Term.ArrayTerm a) {
            return new Term.ArrayTerm(hoistCalls(a.items(), checks), a.loc());
        }
        if (t instanceof Term.SetTerm s) {
            return new Term.SetTerm(hoistCalls(s.items(), checks), s.loc());
        }
        if (t instanceof Term.ObjectTerm o) {
            return new Term.ObjectTerm(hoistCalls(o.keys(), checks), hoistCalls(o.values(), checks), o.loc());
        }
        return t;
    }

    private List<Expr> withChecks(List<Expr> body, List<Expr> checks) {
        if (checks.isEmpty()) {
            return body;
        }
        List<Expr> out = new ArrayList<>(body);
        out.addAll(checks);
        List<Expr> lowered = List.copyOf(out);
        ps.record().body(lowered, body);
        return lowered;
    }

    private static boolean isStatic(List<Term> head) {
        for (Term t : head) {
            if (!(t instanceof Term.Scalar s && s.value() instanceof StringValue)) {
                return false;
            }
        }
        return true;
    }

    private static List<Expr> trueBody(Location loc) {
        return List.of(new Expr(new Expr.TermExpr(new Term.Scalar(BooleanValue.TRUE, loc)), false, List.of(), loc));
    }

    private Rule parseElse(List<Term> head, Rule.Kind kind, List<Term> args, List<Expr> argChecks) {
        Location loc = ps.loc(ps.advance());
        List<Term> ownArgs = renumberedWildcards(ps.record().writtenArgs(args));
        Term value = null;
        if (ps.at(TokenType.ASSIGN) || ps.at(TokenType.EQ)) {
            boolean assign = ps.advance().is(TokenType.ASSIGN);
            value = terms.parseTerm(false);
            if (assign) {
                ps.record().assigned(value);
            }
        }
        List<Expr> body = trueBody(loc);
        if (ps.atIdent("if") && !ps.breakBefore()) {
            ps.advance();
            body = parseIfBody();
        } else if (ps.at(TokenType.LBRACE) && !ps.breakBefore()) {
            throw ps.error(ps.peek(), "`if` keyword is required before rule body");
        }
        if (value == null) {
            value = new Term.Scalar(BooleanValue.TRUE, loc);
        }
        Rule next = ps.atIdent("else") && !Parser.isRefHead(ps.peek(), ps.peek(1))
                ? parseElse(head, kind, args, argChecks)
                : null;
        Rule rule = new Rule(head, kind, args, null, value, withChecks(body, argChecks), false, next, loc);
        if (ownArgs != null) {
            ps.record().ownArgs(rule, ownArgs);
        }
        return rule;
    }

    /**
     * OPA's parseElse (and parseRules for a chained body) copies the head and gives each {@code _} argument a new
     * wildcard, where the numbering then stands; the evaluator keeps the first rule's arguments. Null without any.
     */
    private List<Term> renumberedWildcards(List<Term> args) {
        if (args == null || args.stream().noneMatch(a -> a instanceof Term.Var v && v.isWildcard())) {
            return null;
        }
        List<Term> own = new ArrayList<>(args.size());
        for (Term a : args) {
            own.add(a instanceof Term.Var v && v.isWildcard() ? new Term.Var(ps.newWildcard(), v.loc()) : a);
        }
        return List.copyOf(own);
    }

    private List<Expr> parseIfBody() {
        if (ps.at(TokenType.LBRACE) && !looksLikeLiteralTerm()) {
            return ps.parseBraceBody();
        }
        ps.pushNl(true);
        try {
            return List.of(ps.parseLiteral());
        } finally {
            ps.popNl();
        }
    }

    /** {@code if {}} is an empty-body error; {@code if {"a": 1}[x]} is rare — treat braces as a body. */
    private boolean looksLikeLiteralTerm() {
        int depth = 0;
        for (int i = 0; ; i++) {
            Token t = ps.peek(i);
            switch (t.type()) {
                case LBRACE, LBRACK, LPAREN -> depth++;
                case RBRACE, RBRACK, RPAREN -> {
                    depth--;
                    if (depth == 0) {
                        return false;
                    }
                }
                case BAR -> {
                    if (depth == 1) {
                        return true;
                    }
                }
                case EOF -> {
                    return false;
                }
                default -> {
                    if (depth == 1 && i > 1 && t.newlineBefore()) {
                        return false;
                    }
                }
            }
        }
    }

    private List<Term> parseHeadRef() {
        Token name = ps.expect(TokenType.IDENT, "rule name");
        List<Term> head = new ArrayList<>();
        head.add(new Term.Scalar(new StringValue(name.text()), ps.loc(name)));
        while (!ps.breakBefore() && (ps.at(TokenType.DOT) || ps.at(TokenType.LBRACK))) {
            if (ps.advance().is(TokenType.DOT)) {
                Token n = ps.expect(TokenType.IDENT, "name after .");
                head.add(new Term.Scalar(new StringValue(n.text()), ps.loc(n)));
            } else {
                ps.pushNl(false);
                try {
                    head.add(terms.parseTerm(false));
                } finally {
                    ps.popNl();
                }
                ps.expect(TokenType.RBRACK, "]");
            }
        }
        return head;
    }
}

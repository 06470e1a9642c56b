package dev.maa.rego.internal.parser;

import static dev.maa.rego.internal.parser.OpaAstTerms.fields;
import static dev.maa.rego.internal.parser.OpaAstTerms.node;
import static dev.maa.rego.internal.parser.OpaAstTerms.unsupported;

import dev.maa.rego.Location;
import dev.maa.rego.RegoParseException;
import dev.maa.rego.internal.ast.Expr;
import dev.maa.rego.internal.ast.Module;
import dev.maa.rego.internal.ast.Rule;
import dev.maa.rego.internal.ast.Term;
import dev.maa.rego.internal.lexer.Lexer;
import dev.maa.rego.internal.lexer.TokenType;
import dev.maa.rego.value.ArrayValue;
import dev.maa.rego.value.BooleanValue;
import dev.maa.rego.value.NullValue;
import dev.maa.rego.value.NumberValue;
import dev.maa.rego.value.ObjectValue;
import dev.maa.rego.value.StringValue;
import dev.maa.rego.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A module's AST in the JSON form OPA's {@code rego.parse_module} returns: OPA (v1.x, {@code topdown/parse.go})
 * parses with {@code ast.ParseModule} (Rego v1, METADATA blocks left as comments) and marshals the
 * {@code *ast.Module} with {@code encoding/json} under the default options, so without locations except the
 * comments' (OPA's {@code ast/policy.go} and {@code ast/term.go} {@code MarshalJSON} methods, and the
 * expectations of its {@code ast/marshal_test.go}).
 *
 * <p>Why a converter over the engine's own parse: one parser reads Rego; this class rebuilds what OPA's parser
 * makes of the same source where the engine's tree is shaped for evaluation (a rule's name, reference, key and
 * value, as OPA assigns them for each head form and for rules written without a body). Where the engine's parser
 * rewrote something, the written form it recorded ({@link ParseRecord}) is written; where it accepted more than
 * OPA's parser, OPA's parse error is raised; where OPA's tree cannot be rebuilt ({@link ParseRecord#departure()}),
 * the builtin is refused rather than answered with another tree.
 */
public final class OpaAstJson {
    /** OPA's {@code KeywordsV1}. */
    static final Set<String> KEYWORDS = Set.of(
            "not",
            "package",
            "import",
            "as",
            "default",
            "else",
            "with",
            "null",
            "true",
            "false",
            "some",
            "if",
            "contains",
            "in",
            "every");

    private final String file;
    private final Parser parser;
    private final OpaAstTerms terms;

    private OpaAstJson(String file, Parser parser) {
        this.file = file;
        this.parser = parser;
        this.terms = new OpaAstTerms(this::body, parser.record());
    }

    /**
     * Parses {@code src} and returns its AST as OPA's {@code rego.parse_module} does.
     *
     * @throws dev.maa.rego.RegoParseException when the module does not parse
     * @throws dev.maa.rego.RegoUnsupportedException when it uses a construct whose OPA tree this class cannot
     *     rebuild (the message names it)
     */
    public static Value parseModule(String file, String src) {
        if (new Lexer(file, src).tokenize().get(0).is(TokenType.EOF)) {
            throw new RegoParseException("rego_parse_error", new Location(file, 0, 0, ""), "empty module");
        }
        Parser parser = new Parser(file, src).withoutAnnotations();
        Module module = parser.parseModule();
        if (parser.record().departure() != null) {
            throw unsupported(parser.record().departure());
        }
        OpaAstJson json = new OpaAstJson(file, parser);
        new OpaParseErrors(parser.record(), json.terms).check(module);
        List<RegoParseException> errors = new ArrayList<>();
        module.rules().forEach(r -> json.regoV1Check(r).ifPresent(errors::add));
        if (errors.size() == 1) {
            throw errors.get(0);
        }
        if (errors.size() > 1) {
            throw new OpaParseErrors.Errors(errors, false);
        }
        return json.module(module);
    }

    /**
     * A parse error as OPA's {@code ast.Error} prints it: {@code file:row: code: text}, or {@code row:col: code: text}
     * when the file name is empty ({@code x.rego:0: rego_parse_error: empty module} for a module without statements).
     */
    public static String opaMessage(RegoParseException e) {
        if (e instanceof OpaParseErrors.Errors all) {
            // OPA's Errors.Error(): each error's Error(), with its source line and caret when it has details
            List<String> each = all.errors.stream()
                    .map(one -> opaMessage(one) + (all.detailed ? OpaParseErrors.details(one.location()) : ""))
                    .toList();
            return each.size() + " errors occurred:\n" + String.join("\n", each);
        }
        Location l = e.location();
        String text = e.code() + ": " + e.text();
        if (l.equals(Location.UNKNOWN)) {
            return text;
        }
        return (l.file().isEmpty() ? l.line() + ":" + l.col() : l.file() + ":" + l.line()) + ": " + text;
    }

    /**
     * The error of OPA's {@code checkRegoV1Rule} (parse time) for a rule this parser accepts: a keyword as the rule's
     * name, a rule of a reference alone ({@code a.b.c}: neither value nor body), or of two parts alone
     * ({@code p.q}: OPA reads a partial set without {@code contains}).
     */
    private Optional<RegoParseException> regoV1Check(Rule r) {
        String name = head(r).name();
        String text = null;
        if (name != null && KEYWORDS.contains(name)) {
            text = name + " keyword cannot be used for rule name";
        } else if (r.kind() == Rule.Kind.COMPLETE
                && !r.isDefault()
                && parser.record().generatedBody(r)
                && generatedValue(r)) {
            text = r.head().size() == 2
                    ? "`contains` keyword is required for partial set rules"
                    : "rule must have value assignment and/or body declaration";
        }
        return Optional.ofNullable(text).map(t -> new RegoParseException("rego_parse_error", r.loc(), t));
    }

    private Value module(Module m) {
        Map<String, Value> out = new LinkedHashMap<>();
        List<String> path = new ArrayList<>();
        path.add("data");
        path.addAll(m.pkg());
        out.put("package", fields("path", ref(path)));
        if (!m.imports().isEmpty()) {
            List<Value> imports = new ArrayList<>();
            for (Module.Import imp : m.imports()) {
                imports.add(
                        parser.record().isAliased(imp)
                                ? fields("path", node("ref", ref(imp.path())), "alias", new StringValue(imp.alias()))
                                : fields("path", node("ref", ref(imp.path()))));
            }
            out.put("imports", ArrayValue.of(imports));
        }
        if (!m.rules().isEmpty()) {
            List<Value> rules = new ArrayList<>();
            m.rules().forEach(r -> rules.add(rule(r)));
            out.put("rules", ArrayValue.of(rules));
        }
        if (!parser.comments().isEmpty()) {
            List<Value> comments = new ArrayList<>();
            for (Lexer.Comment c : parser.comments()) {
                // OPA's Comment has no MarshalJSON: Go's field names, Text as base64 bytes (nil, so null, for a
                // bare `#`), Location always
                comments.add(fields(
                        "Text",
                        c.text().isEmpty()
                                ? NullValue.INSTANCE
                                : new StringValue(Base64.getEncoder()
                                        .encodeToString(c.text().getBytes(StandardCharsets.UTF_8))),
                        "Location",
                        fields(
                                "file",
                                new StringValue(file),
                                "row",
                                NumberValue.of(c.line()),
                                "col",
                                NumberValue.of(c.col()))));
            }
            out.put("comments", ArrayValue.of(comments));
        }
        return ObjectValue.ofStrings(out);
    }

    private Value rule(Rule r) {
        Head head = head(r);
        Map<String, Value> out = new LinkedHashMap<>();
        out.put("head", head.json(null, false, null));
        out.put("body", r.isDefault() ? trueBody() : body(writtenBody(r)));
        if (r.isDefault()) {
            out.put("default", BooleanValue.TRUE);
        }
        if (r.elseRule() != null) {
            out.put("else", elseRule(r.elseRule(), head));
        }
        return ObjectValue.ofStrings(out);
    }

    /**
     * An else copies the first head (OPA's {@code head.Copy()}) with its own value and, when written, assign, and
     * its {@code _} arguments numbered anew.
     */
    private Value elseRule(Rule e, Head first) {
        Map<String, Value> out = new LinkedHashMap<>();
        boolean generated = generatedValue(e);
        Value value = terms.term(e.value());
        List<Term> ownArgs = parser.record().ownArgs(e);
        out.put(
                "head",
                first.json(
                        value,
                        generated ? first.assign : parser.record().isAssigned(e.value()),
                        ownArgs == null ? null : terms.terms(ownArgs)));
        out.put("body", body(writtenBody(e)));
        if (e.elseRule() != null) {
            out.put("else", elseRule(e.elseRule(), first));
        }
        return ObjectValue.ofStrings(out);
    }

    /** OPA's head fields for each form of rule (parser.go {@code parseRules}, parser_ext.go for body-less rules). */
    private Head head(Rule r) {
        List<Term> h = r.head();
        List<Value> ref = new ArrayList<>();
        ref.add(node("var", ((StringValue) ((Term.Scalar) h.get(0)).value())));
        for (int i = 1; i < h.size(); i++) {
            ref.add(terms.term(h.get(i)));
        }
        String first = ((StringValue) ((Term.Scalar) h.get(0)).value()).value();
        String name = h.size() == 1 ? first : null;
        Value key = null;
        boolean hasBody = !r.isDefault() && !parser.record().generatedBody(r);
        boolean explicitValue = r.value() != null && !generatedValue(r);
        if (r.kind() == Rule.Kind.SET) {
            key = terms.term(r.key());
        } else if (h.size() == 2 && !r.isDefault() && r.kind() == Rule.Kind.FUNCTION) {
            if (hasBody) {
                name = first; // parseHead gave the function a value, and parseRules names a two-part head with one
            }
        } else if (h.size() == 2 && !r.isDefault()) {
            Term second = h.get(1);
            if (!hasBody || !OpaAstTerms.ground(second) || second instanceof Term.Ref) {
                key = terms.term(second); // `p[x] if`, and `p.q := v` written without a body
            }
            if (explicitValue) {
                name = first;
            }
        }
        List<Term> ownArgs = parser.record().ownArgs(r);
        Value args =
                r.args() == null || r.args().isEmpty() ? null : terms.terms(ownArgs != null ? ownArgs : writtenArgs(r));
        Value value = r.value() == null ? null : terms.term(r.value());
        return new Head(
                name,
                ArrayValue.of(ref),
                key,
                value,
                args,
                explicitValue && parser.record().isAssigned(r.value()));
    }

    /** A rule's value {@code true} the parser supplied (it carries the rule's own location). */
    private static boolean generatedValue(Rule r) {
        return r.value() instanceof Term.Scalar s
                && s.value().equals(BooleanValue.TRUE)
                && s.loc().equals(r.loc());
    }

    /** A function's arguments as written: with the calls the parser hoisted into the body. */
    private List<Term> writtenArgs(Rule r) {
        return parser.record().writtenArgs(r.args());
    }

    /** A body as written: without the checks of hoisted argument calls. */
    private List<Expr> writtenBody(Rule r) {
        return parser.record().writtenBody(r.body());
    }

    private static Value trueBody() {
        return ArrayValue.of(fields("index", NumberValue.of(0), "terms", node("boolean", BooleanValue.TRUE)));
    }

    Value body(List<Expr> body) {
        List<Value> out = new ArrayList<>(body.size());
        for (int i = 0; i < body.size(); i++) {
            out.add(expr(body.get(i), i));
        }
        return ArrayValue.of(out);
    }

    private Value expr(Expr e, int index) {
        Map<String, Value> out = new LinkedHashMap<>();
        out.put("index", NumberValue.of(index));
        out.put("terms", exprTerms(e.kind()));
        if (e.negated()) {
            out.put("negated", BooleanValue.TRUE);
        }
        if (!e.withs().isEmpty()) {
            List<Value> withs = new ArrayList<>();
            e.withs().forEach(w -> withs.add(fields("target", terms.term(w.target()), "value", terms.term(w.value()))));
            out.put("with", ArrayValue.of(withs));
        }
        return ObjectValue.ofStrings(out);
    }

    /** An expression's {@code terms}: one term, an operator with operands, a {@code some} or an {@code every}. */
    private Value exprTerms(Expr.Kind k) {
        if (k instanceof Expr.TermExpr te) {
            return te.term() instanceof Term.Call c ? terms.call(c) : terms.term(te.term());
        }
        if (k instanceof Expr.Unify u) {
            return terms.call("eq", List.of(u.lhs(), u.rhs()));
        }
        if (k instanceof Expr.Assign a) {
            return terms.call("assign", List.of(a.lhs(), a.rhs()));
        }
        if (k instanceof Expr.SomeDecl s) {
            return fields("symbols", terms.terms(List.copyOf(s.vars())));
        }
        if (k instanceof Expr.SomeIn s) {
            Value member = s.key() == null
                    ? terms.call("internal.member_2", List.of(s.value(), s.collection()))
                    : terms.call("internal.member_3", List.of(s.key(), s.value(), s.collection()));
            return fields("symbols", ArrayValue.of(node("call", member)));
        }
        if (k instanceof Expr.Every ev) {
            return fields(
                    "key",
                    ev.key() == null ? NullValue.INSTANCE : terms.term(ev.key()),
                    "value",
                    terms.term(ev.value()),
                    "domain",
                    terms.term(ev.collection()),
                    "body",
                    body(ev.body()));
        }
        throw unsupported("the expression " + k.getClass().getSimpleName());
    }

    private static Value ref(List<String> path) {
        List<Value> parts = new ArrayList<>();
        parts.add(node("var", new StringValue(path.get(0))));
        for (int i = 1; i < path.size(); i++) {
            parts.add(node("string", new StringValue(path.get(i))));
        }
        return ArrayValue.of(parts);
    }

    /** OPA's {@code Head} fields; Go's {@code omitempty} drops a missing name, key, value, args and a false assign. */
    private record Head(String name, Value ref, Value key, Value value, Value args, boolean assign) {
        /**
         * The head as JSON, with another value and assign when {@code otherValue} is given (an else), and other
         * arguments when {@code otherArgs} is.
         */
        Value json(Value otherValue, boolean otherAssign, Value otherArgs) {
            Map<String, Value> out = new LinkedHashMap<>();
            out.put("ref", ref);
            if (name != null) {
                out.put("name", new StringValue(name));
            }
            if (key != null) {
                out.put("key", key);
            }
            Value v = otherValue != null ? otherValue : value;
            if (v != null) {
                out.put("value", v);
            }
            if (otherArgs != null || args != null) {
                out.put("args", otherArgs != null ? otherArgs : args);
            }
            if (otherValue != null ? otherAssign : assign) {
                out.put("assign", BooleanValue.TRUE);
            }
            return ObjectValue.ofStrings(out);
        }
    }
}

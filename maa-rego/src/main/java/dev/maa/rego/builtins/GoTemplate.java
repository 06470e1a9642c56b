package dev.maa.rego.builtins;

import dev.maa.rego.value.ArrayValue;
import dev.maa.rego.value.BooleanValue;
import dev.maa.rego.value.NullValue;
import dev.maa.rego.value.NumberValue;
import dev.maa.rego.value.ObjectValue;
import dev.maa.rego.value.SetValue;
import dev.maa.rego.value.StringValue;
import dev.maa.rego.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code strings.render_template}: the part of Go's {@code text/template} policies use — fields
 * ({@code .a.b}), variables, {@code if/else if/else}, {@code range} (with index and element
 * variables), {@code with}, pipelines, comments, trim markers and the functions {@code and, or,
 * not, len, index, eq, ne, lt, le, gt, ge, print, printf}. A missing key renders
 * {@code <undefined>}, as OPA renders it. Anything else is a template error naming it.
 */
final class GoTemplate {
    private static final String NAME = "strings.render_template";
    /** Stands for a missing key: falsy, printed as {@code <undefined>}. */
    private static final Value MISSING = StringValue.of("<undefined>");

    private static final int MAX_OUTPUT = 1 << 20;

    private final String src;
    private int pos;
    private final StringBuilder out = new StringBuilder();
    private final List<Map<String, Value>> scopes = new ArrayList<>();

    private GoTemplate(String src) {
        this.src = src;
    }

    static String render(String template, ObjectValue vars) {
        GoTemplate t = new GoTemplate(template);
        List<Node> nodes = t.parseList(Set.END_OF_INPUT);
        t.scopes.add(new HashMap<>(Map.of("$", vars)));
        t.exec(nodes, vars);
        return t.out.toString();
    }

    /** What ended a list of nodes. */
    private enum Set {
        END_OF_INPUT,
        BLOCK
    }

    private sealed interface Node permits Text, Action, If, Range, With {}

    private record Text(String text) implements Node {}

    private record Action(List<String> declare, String pipeline) implements Node {}

    private record If(String pipeline, List<Node> then, List<Node> otherwise) implements Node {}

    private record Range(List<String> declare, String pipeline, List<Node> body, List<Node> otherwise)
            implements Node {}

    private record With(String pipeline, List<Node> body, List<Node> otherwise) implements Node {}

    private String lastKeyword;
    private String lastArgs;

    private static BuiltinError error(String message) {
        return BuiltinError.of(NAME, "template: template: " + message);
    }

    /** Nodes up to {@code {{end}}} / {@code {{else}}} (recorded in lastKeyword) or the end of input. */
    private List<Node> parseList(Set until) {
        List<Node> nodes = new ArrayList<>();
        while (pos < src.length()) {
            int open = src.indexOf("{{", pos);
            String text = open < 0 ? src.substring(pos) : src.substring(pos, open);
            boolean trimLeft = open >= 0
                    && src.startsWith("{{-", open)
                    && open + 3 < src.length()
                    && Character.isWhitespace(src.charAt(open + 3));
            if (trimLeft) {
                text = text.stripTrailing();
            }
            if (!text.isEmpty()) {
                nodes.add(new Text(text));
            }
            if (open < 0) {
                pos = src.length();
                break;
            }
            int close = src.indexOf("}}", open + 2);
            if (close < 0) {
                throw error("unclosed action");
            }
            boolean trimRight =
                    close >= 1 && src.charAt(close - 1) == '-' && Character.isWhitespace(src.charAt(close - 2));
            String body = src.substring(open + (trimLeft ? 3 : 2), trimRight ? close - 1 : close)
                    .trim();
            pos = close + 2;
            if (trimRight) {
                while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
                    pos++;
                }
            }
            if (body.startsWith("/*")) {
                continue;
            }
            String keyword = body.split("\\s+", 2)[0];
            String args = body.length() > keyword.length()
                    ? body.substring(keyword.length()).trim()
                    : "";
            switch (keyword) {
                case "end", "else" -> {
                    if (until != Set.BLOCK) {
                        throw error("unexpected {{" + keyword + "}}");
                    }
                    lastKeyword = keyword;
                    lastArgs = args;
                    return nodes;
                }
                case "if" -> nodes.add(parseIf(args));
                case "range" -> {
                    List<String> declare = new ArrayList<>();
                    String pipeline = declarations(args, declare);
                    List<Node> bodyNodes = parseList(Set.BLOCK);
                    List<Node> otherwise = "else".equals(lastKeyword) ? parseList(Set.BLOCK) : List.of();
                    nodes.add(new Range(declare, pipeline, bodyNodes, otherwise));
                }
                case "with" -> {
                    List<Node> bodyNodes = parseList(Set.BLOCK);
                    List<Node> otherwise = "else".equals(lastKeyword) ? parseList(Set.BLOCK) : List.of();
                    nodes.add(new With(args, bodyNodes, otherwise));
                }
                case "define", "template", "block", "break", "continue" ->
                    throw error("{{" + keyword + "}} is not supported by this engine");
                default -> {
                    List<String> declare = new ArrayList<>();
                    String pipeline = declarations(body, declare);
                    nodes.add(new Action(declare, pipeline));
                }
            }
        }
        if (until == Set.BLOCK) {
            throw error("unexpected EOF");
        }
        return nodes;
    }

    private Node parseIf(String condition) {
        List<Node> then = parseList(Set.BLOCK);
        List<Node> otherwise = List.of();
        if ("else".equals(lastKeyword)) {
            if (lastArgs.startsWith("if ")) {
                otherwise = List.of(parseIf(lastArgs.substring(3).trim()));
            } else {
                otherwise = parseList(Set.BLOCK);
            }
        }
        return new If(condition, then, otherwise);
    }

    /** Splits {@code $a, $b := pipeline} into declared names and the pipeline. */
    private static String declarations(String text, List<String> declare) {
        int assign = text.indexOf(":=");
        if (assign < 0 || !text.startsWith("$")) {
            return text;
        }
        for (String v : text.substring(0, assign).split(",")) {
            declare.add(v.trim());
        }
        return text.substring(assign + 2).trim();
    }

    private void exec(List<Node> nodes, Value dot) {
        for (Node n : nodes) {
            if (out.length() > MAX_OUTPUT) {
                throw BuiltinError.of(NAME, "rendered text larger than " + MAX_OUTPUT + " characters");
            }
            if (n instanceof Text t) {
                out.append(t.text());
            } else if (n instanceof Action a) {
                Value v = new Pipeline(a.pipeline(), dot).eval();
                if (a.declare().isEmpty()) {
                    out.append(print(v));
                } else {
                    scopes.get(scopes.size() - 1).put(a.declare().get(0), v);
                }
            } else if (n instanceof If i) {
                scoped(truthy(new Pipeline(i.pipeline(), dot).eval()) ? i.then() : i.otherwise(), dot, Map.of());
            } else if (n instanceof With w) {
                Value v = new Pipeline(w.pipeline(), dot).eval();
                if (truthy(v)) {
                    scoped(w.body(), v, Map.of());
                } else {
                    scoped(w.otherwise(), dot, Map.of());
                }
            } else if (n instanceof Range r) {
                range(r, dot);
            }
        }
    }

    private void range(Range r, Value dot) {
        Value over = new Pipeline(r.pipeline(), dot).eval();
        List<Value[]> entries = new ArrayList<>();
        if (over instanceof ArrayValue a) {
            for (int i = 0; i < a.size(); i++) {
                entries.add(new Value[] {NumberValue.of(i), a.get(i)});
            }
        } else if (over instanceof SetValue s) {
            for (int i = 0; i < s.size(); i++) {
                entries.add(new Value[] {NumberValue.of(i), s.items().get(i)});
            }
        } else if (over instanceof ObjectValue o) {
            for (int i = 0; i < o.size(); i++) {
                entries.add(new Value[] {o.keyAt(i), o.valueAt(i)});
            }
        } else if (over instanceof NumberValue n && n.isInteger()) {
            for (int i = 0;
                    i
                            < n.bigInteger()
                                    .min(java.math.BigInteger.valueOf(MAX_OUTPUT))
                                    .intValue();
                    i++) {
                entries.add(new Value[] {NumberValue.of(i), NumberValue.of(i)});
            }
        } else if (over != MISSING && !(over instanceof NullValue)) {
            throw error("range can't iterate over " + print(over));
        }
        if (entries.isEmpty()) {
            scoped(r.otherwise(), dot, Map.of());
            return;
        }
        for (Value[] e : entries) {
            Map<String, Value> vars = new HashMap<>();
            if (r.declare().size() == 1) {
                vars.put(r.declare().get(0), e[1]);
            } else if (r.declare().size() == 2) {
                vars.put(r.declare().get(0), e[0]);
                vars.put(r.declare().get(1), e[1]);
            }
            scoped(r.body(), e[1], vars);
        }
    }

    private void scoped(List<Node> nodes, Value dot, Map<String, Value> vars) {
        scopes.add(new HashMap<>(vars));
        try {
            exec(nodes, dot);
        } finally {
            scopes.remove(scopes.size() - 1);
        }
    }

    private Value variable(String name) {
        for (int i = scopes.size() - 1; i >= 0; i--) {
            Value v = scopes.get(i).get(name);
            if (v != null) {
                return v;
            }
        }
        throw error("undefined variable: " + name);
    }

    static boolean truthy(Value v) {
        if (v == MISSING || v instanceof NullValue) {
            return false;
        } else if (v instanceof BooleanValue b) {
            return b.value();
        } else if (v instanceof NumberValue n) {
            return n.decimal().signum() != 0;
        } else if (v instanceof StringValue s) {
            return !s.value().isEmpty();
        } else if (v instanceof ArrayValue a) {
            return a.size() > 0;
        } else if (v instanceof SetValue s) {
            return s.size() > 0;
        }
        return ((ObjectValue) v).size() > 0;
    }

    /** Go's {@code fmt.Print} of the JSON value OPA hands to the template. */
    static String print(Value v) {
        if (v == MISSING) {
            return "<undefined>";
        } else if (v instanceof StringValue s) {
            return s.value();
        } else if (v instanceof NullValue) {
            return "<nil>";
        } else if (v instanceof NumberValue n) {
            return n.text();
        } else if (v instanceof BooleanValue b) {
            return Boolean.toString(b.value());
        } else if (v instanceof ArrayValue a) {
            return "["
                    + String.join(" ", a.items().stream().map(GoTemplate::print).toList()) + "]";
        } else if (v instanceof SetValue s) {
            return "["
                    + String.join(" ", s.items().stream().map(GoTemplate::print).toList()) + "]";
        }
        ObjectValue o = (ObjectValue) v;
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < o.size(); i++) {
            parts.add(print(o.keyAt(i)) + ":" + print(o.valueAt(i)));
        }
        return "map[" + String.join(" ", parts) + "]";
    }

    /** One pipeline, {@code cmd | cmd ...}, evaluated against dot. */
    private final class Pipeline {
        private final String text;
        private final Value dot;
        private int at;

        Pipeline(String text, Value dot) {
            this.text = text;
            this.dot = dot;
        }

        Value eval() {
            Value v = pipeline();
            if (at < text.length()) {
                throw error("unexpected \"" + text.substring(at) + "\" in command");
            }
            return v;
        }

        private Value pipeline() {
            Value v = command(null);
            skip();
            while (at < text.length() && text.charAt(at) == '|') {
                at++;
                v = command(v);
                skip();
            }
            return v;
        }

        private void skip() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }

        private boolean endOfCommand() {
            skip();
            return at >= text.length() || text.charAt(at) == '|' || text.charAt(at) == ')';
        }

        private Value command(Value piped) {
            skip();
            int start = at;
            while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) {
                at++;
            }
            String word = text.substring(start, at);
            if (!word.isEmpty()
                    && Character.isLetter(word.charAt(0))
                    && !word.equals("true")
                    && !word.equals("false")
                    && !word.equals("nil")) {
                List<Value> args = new ArrayList<>();
                while (!endOfCommand()) {
                    args.add(operand());
                }
                if (piped != null) {
                    args.add(piped);
                }
                return call(word, args);
            }
            at = start;
            Value v = operand();
            if (!endOfCommand()) {
                throw error("can't give argument to non-function "
                        + text.substring(start, at).trim());
            }
            if (piped != null) {
                throw error("can't give argument to non-function "
                        + text.substring(start, at).trim());
            }
            return v;
        }

        private Value operand() {
            skip();
            char c = text.charAt(at);
            Value v;
            if (c == '(') {
                at++;
                v = pipeline();
                skip();
                if (at >= text.length() || text.charAt(at) != ')') {
                    throw error("unclosed left paren");
                }
                at++;
            } else if (c == '"' || c == '`') {
                int end = text.indexOf(c, at + 1);
                while (c == '"' && end > 0 && text.charAt(end - 1) == '\\') {
                    end = text.indexOf(c, end + 1);
                }
                if (end < 0) {
                    throw error("unterminated quoted string");
                }
                String lit = text.substring(at + 1, end);
                v = StringValue.of(
                        c == '"'
                                ? lit.replace("\\\"", "\"").replace("\\n", "\n").replace("\\t", "\t")
                                : lit);
                at = end + 1;
            } else if (c == '$') {
                int start = at++;
                while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) {
                    at++;
                }
                v = variable(text.substring(start, at));
            } else if (c == '.') {
                v = dot;
                if (at + 1 >= text.length() || !Character.isLetter(text.charAt(at + 1))) {
                    at++;
                    return v;
                }
            } else if (c == '-' || c == '+' || Character.isDigit(c)) {
                int start = at++;
                while (at < text.length() && "0123456789.eExX_abcdefABCDEF+-".indexOf(text.charAt(at)) >= 0) {
                    at++;
                }
                try {
                    v = NumberValue.parse(text.substring(start, at));
                } catch (RuntimeException e) {
                    throw error("bad number syntax: \"" + text.substring(start, at) + "\"");
                }
            } else if (text.startsWith("true", at) || text.startsWith("false", at)) {
                v = BooleanValue.of(text.startsWith("true", at));
                at += v.equals(BooleanValue.TRUE) ? 4 : 5;
            } else if (text.startsWith("nil", at)) {
                at += 3;
                v = NullValue.INSTANCE;
            } else {
                throw error("unexpected \"" + c + "\" in operand");
            }
            while (at < text.length()
                    && text.charAt(at) == '.'
                    && at + 1 < text.length()
                    && (Character.isLetter(text.charAt(at + 1)) || text.charAt(at + 1) == '_')) {
                int start = ++at;
                while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) {
                    at++;
                }
                String field = text.substring(start, at);
                if (v instanceof ObjectValue o) {
                    Value f = o.get(field);
                    v = f == null ? MISSING : f;
                } else if (v == MISSING || v instanceof NullValue) {
                    v = MISSING;
                } else {
                    throw error("can't evaluate field " + field + " in type " + v.typeName());
                }
            }
            return v;
        }
    }

    private static Value call(String fn, List<Value> args) {
        switch (fn) {
            case "and", "or" -> {
                if (args.isEmpty()) {
                    throw error("wrong number of args for " + fn);
                }
                for (Value a : args.subList(0, args.size() - 1)) {
                    if (truthy(a) == fn.equals("or")) {
                        return a;
                    }
                }
                return args.get(args.size() - 1);
            }
            case "not" -> {
                return BooleanValue.of(!truthy(one(fn, args)));
            }
            case "len" -> {
                Value v = one(fn, args);
                if (v instanceof StringValue s) {
                    return NumberValue.of(s.value().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
                } else if (v instanceof ArrayValue a) {
                    return NumberValue.of(a.size());
                } else if (v instanceof ObjectValue o) {
                    return NumberValue.of(o.size());
                } else if (v instanceof SetValue s) {
                    return NumberValue.of(s.size());
                }
                throw error("error calling len: len of type " + v.typeName());
            }
            case "index" -> {
                Value v = args.isEmpty() ? MISSING : args.get(0);
                for (Value k : args.subList(Math.min(1, args.size()), args.size())) {
                    Value next = v instanceof ObjectValue o
                            ? o.get(k)
                            : v instanceof ArrayValue a
                                            && k instanceof NumberValue n
                                            && n.isInteger()
                                            && n.bigInteger().signum() >= 0
                                            && n.bigInteger().intValue() < a.size()
                                    ? a.get(n.bigInteger().intValue())
                                    : null;
                    if (next == null) {
                        throw error("error calling index: cannot index " + print(v) + " with " + print(k));
                    }
                    v = next;
                }
                return v;
            }
            case "eq", "ne", "lt", "le", "gt", "ge" -> {
                if (args.size() < 2) {
                    throw error("wrong number of args for " + fn);
                }
                int c = args.get(0).compareTo(args.get(1));
                boolean any = false;
                if (fn.equals("eq")) {
                    for (Value other : args.subList(1, args.size())) {
                        any |= args.get(0).equals(other);
                    }
                    return BooleanValue.of(any);
                }
                if (!fn.equals("ne") && args.get(0).typeRank() != args.get(1).typeRank()) {
                    throw error("error calling " + fn + ": incompatible types for comparison");
                }
                return BooleanValue.of(
                        switch (fn) {
                            case "ne" -> c != 0;
                            case "lt" -> c < 0;
                            case "le" -> c <= 0;
                            case "gt" -> c > 0;
                            default -> c >= 0;
                        });
            }
            case "print", "println" -> {
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < args.size(); i++) {
                    boolean spaced = fn.equals("println")
                            || (i > 0
                                    && !(args.get(i) instanceof StringValue)
                                    && !(args.get(i - 1) instanceof StringValue));
                    sb.append(i > 0 && spaced ? " " : "").append(print(args.get(i)));
                }
                return StringValue.of(fn.equals("println") ? sb + "\n" : sb.toString());
            }
            case "printf" -> {
                if (args.isEmpty() || !(args.get(0) instanceof StringValue f)) {
                    throw error("error calling printf: format must be a string");
                }
                return StringValue.of(GoSprintf.sprintf(f.value(), args.subList(1, args.size())));
            }
            default -> throw error("function \"" + fn + "\" not defined");
        }
    }

    private static Value one(String fn, List<Value> args) {
        if (args.size() != 1) {
            throw error("wrong number of args for " + fn + ": want 1 got " + args.size());
        }
        return args.get(0);
    }
}

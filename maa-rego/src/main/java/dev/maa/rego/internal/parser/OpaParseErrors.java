package dev.maa.rego.internal.parser;

import static dev.maa.rego.internal.parser.OpaAstTerms.unsupported;

import dev.maa.rego.Location;
import dev.maa.rego.RegoParseException;
import dev.maa.rego.internal.ast.Module;
import dev.maa.rego.internal.ast.Rule;
import dev.maa.rego.internal.ast.Term;
import dev.maa.rego.value.ObjectValue;
import dev.maa.rego.value.StringValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The errors OPA's parser (v1.x {@code parser.go}) reports for modules the engine's parser reads, so that
 * {@code rego.parse_module} raises OPA's error where OPA has no tree to answer.
 *
 * <p>Why apart from the engine's parser: the evaluator accepts these modules (or reports them later, at compile
 * time), and only {@code rego.parse_module} must answer as OPA's parse does.
 */
final class OpaParseErrors {
    /** OPA 1.x's v0 future keywords, which every 1.x version accepts after {@code future.keywords.}. */
    private static final Set<String> FUTURE_KEYWORDS = Set.of("in", "every", "contains", "if");

    /** Source order of locations in one file. */
    private static final Comparator<Location> BY_POSITION =
            Comparator.comparingInt(Location::line).thenComparingInt(Location::col);

    private final ParseRecord record;
    private final OpaAstTerms terms;

    OpaParseErrors(ParseRecord record, OpaAstTerms terms) {
        this.record = record;
        this.terms = terms;
    }

    /**
     * Raises OPA's parse errors for what this parser reads but OPA's reports (parser.go), in the order OPA's
     * {@code Parse} meets them: an import path OPA rejects, a reference into a scalar literal ({@code parseRef}:
     * "illegal ref"), and a default rule whose value holds a variable, reference or call, or whose arguments are not
     * distinct variables ({@code validateDefaultRuleValue}, then {@code validateDefaultRuleArgs}, after the errors of
     * the rule's own references). {@code Parse} stops after a default rule with such errors, and after a statement
     * with errors that {@code parseRules} does not finish (a rule without body, {@code contains} or {@code default}:
     * it is read as a query). One error is raised as OPA words it; several as OPA's list, each with its source line.
     */
    void check(Module m) {
        List<RegoParseException> parsed = new ArrayList<>();
        m.imports().forEach(imp -> importError(imp).ifPresent(parsed::add));
        record.scalarRefs()
                .forEach(s -> parsed.add(parseError(s.loc(), "illegal ref (head cannot be " + s.type() + ")")));
        parsed.sort(Comparator.comparing(RegoParseException::location, BY_POSITION));
        List<Location> starts = new ArrayList<>();
        m.imports().forEach(imp -> starts.add(imp.loc()));
        m.rules().forEach(r -> starts.add(record.defaultLoc(r)));
        for (Rule r : m.rules()) {
            Location start = record.defaultLoc(r);
            Location end = starts.stream()
                    .filter(l -> BY_POSITION.compare(l, start) > 0)
                    .min(BY_POSITION)
                    .orElse(null);
            List<String> texts = r.isDefault() ? defaultRuleErrors(r) : List.of();
            boolean unfinished = !r.isDefault() && r.kind() != Rule.Kind.SET && record.generatedBody(r);
            if (!texts.isEmpty()
                    || unfinished
                            && parsed.stream()
                                    .anyMatch(e -> !before(e.location(), start) && before(e.location(), end))) {
                parsed.removeIf(e -> !before(e.location(), end));
                texts.forEach(t -> parsed.add(parseError(start, t)));
                break;
            }
        }
        if (parsed.size() == 1) {
            throw parsed.get(0);
        }
        if (parsed.size() > 1) {
            throw new Errors(parsed, true);
        }
    }

    /** Whether {@code a} stands before {@code b}, where a null {@code b} is the end of the module. */
    private static boolean before(Location a, Location b) {
        return b == null || BY_POSITION.compare(a, b) < 0;
    }

    /**
     * OPA's checks of an import path (parser.go {@code parseImport}, {@code regoV1Import}, {@code futureImport}, alike
     * at 01c474d and 08c0276): only {@code rego.v1} of {@code rego}, {@code future.keywords[.kw]} not aliased, and no
     * keyword ending an unaliased path. {@code rego.v2} and keywords OPA versions disagree on are refused. The error
     * stands where the path starts ({@code imp.Path.Location}), the keyword error where the last part does.
     */
    private Optional<RegoParseException> importError(Module.Import imp) {
        List<String> path = imp.path();
        String dotted = String.join(".", path);
        boolean names = path.stream().allMatch(p -> p.matches("[A-Za-z_][A-Za-z0-9_]*"));
        ParseRecord.ImportPath at = record.importPath(imp);
        String text = null;
        if (path.get(0).equals("rego")) {
            if (path.equals(List.of("rego", "v2")) || !names) {
                throw unsupported("the import " + dotted); // OPA 1.x versions read rego.v2 differently
            }
            if (!path.equals(List.of("rego", "v1"))) {
                text = "invalid import `" + dotted + "`, must be `rego.v1`";
            }
        } else if (path.get(0).equals("future")) {
            if (path.size() == 1 || !path.get(1).equals("keywords")) {
                text = "invalid import, must be `future.keywords`";
            } else if (record.isAliased(imp)) {
                text = "`future` imports cannot be aliased";
            } else if (path.size() == 3 && !FUTURE_KEYWORDS.contains(path.get(2))) {
                // the error lists the keywords OPA knows, `not` only in later versions
                throw unsupported("the import " + dotted);
            }
        } else {
            String last = path.get(path.size() - 1);
            if (path.size() > 1 && !record.isAliased(imp) && OpaAstJson.KEYWORDS.contains(last)) {
                return Optional.of(
                        parseError(at.last(), "unexpected import path, must not end with a keyword, got: " + last));
            }
        }
        return Optional.ofNullable(text).map(t -> parseError(at.start(), t));
    }

    private static RegoParseException parseError(Location loc, String text) {
        return new RegoParseException("rego_parse_error", loc, text);
    }

    private List<String> defaultRuleErrors(Rule r) {
        List<String> errors = new ArrayList<>();
        nonConstantParts(r.value(), errors);
        if (!errors.isEmpty() || r.args() == null) {
            return errors;
        }
        Set<String> seen = new HashSet<>();
        for (Term a : record.writtenArgs(r.args())) {
            String type = type(a);
            if (!type.equals("var")) {
                errors.add("illegal default rule (arguments cannot contain " + type + ")");
            } else if (!seen.add(((Term.Var) a).name())) {
                errors.add("illegal default rule (arguments cannot be repeated " + ((Term.Var) a).name() + ")");
            }
        }
        return errors;
    }

    /** Each variable, reference and call of a default value outside comprehensions, as OPA's visitor finds them. */
    private void nonConstantParts(Term t, List<String> errors) {
        String type = type(t);
        if (type.equals("var") || type.equals("ref") || type.equals("call")) {
            errors.add("illegal default rule (value cannot contain " + type + ")");
            return;
        }
        List<Term> elements = OpaAstTerms.elements(t);
        if (elements != null) {
            elements.forEach(e -> nonConstantParts(e, errors));
        }
    }

    /** OPA's {@code ValueName} of a term: its JSON type ({@code input} alone is a reference). */
    private String type(Term t) {
        return ((StringValue) ((ObjectValue) terms.term(t)).get("type")).value();
    }

    /**
     * OPA's {@code ParserErrorDetail} lines of an error the parser reported (parser_ext.go
     * {@code newParserErrorDetail}, {@code Lines}, as {@code Error.Error} appends them): the error's source line without
     * its leading tabs, then a caret under the error's byte.
     */
    static String details(Location l) {
        String line = l.sourceLine();
        String untabbed = line.replaceFirst("^\t+", "");
        int index = line.substring(0, Math.min(Math.max(l.col() - 1, 0), line.length()))
                .getBytes(StandardCharsets.UTF_8)
                .length;
        int indent = Math.max(index - (line.length() - untabbed.length()), 0);
        return "\n\t" + untabbed + "\n\t" + " ".repeat(indent) + "^";
    }

    /**
     * Several of OPA's errors, which OPA's {@code ast.Errors} prints one per line after a count: the parser's, each
     * with its source line ({@code detailed}), or the Rego v1 checks' ({@code NewError}: none).
     */
    static final class Errors extends RegoParseException {
        final List<RegoParseException> errors;
        final boolean detailed;

        Errors(List<RegoParseException> errors, boolean detailed) {
            super(errors.get(0).code(), errors.get(0).location(), errors.get(0).text());
            this.errors = List.copyOf(errors);
            this.detailed = detailed;
        }
    }
}

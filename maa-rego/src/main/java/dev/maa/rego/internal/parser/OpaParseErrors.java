package dev.maa.rego.internal.parser;

import static dev.maa.rego.internal.parser.OpaAstTerms.unsupported;

import dev.maa.rego.Location;
import dev.maa.rego.RegoParseException;
import dev.maa.rego.internal.ast.Module;
import dev.maa.rego.internal.ast.Rule;
import dev.maa.rego.internal.ast.Term;
import dev.maa.rego.value.ObjectValue;
import dev.maa.rego.value.StringValue;
import java.util.ArrayList;
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

    private final ParseRecord record;
    private final OpaAstTerms terms;

    OpaParseErrors(ParseRecord record, OpaAstTerms terms) {
        this.record = record;
        this.terms = terms;
    }

    /**
     * Raises OPA's parse error for what this parser reads but OPA's reports (parser.go): an import path OPA rejects,
     * a reference into a scalar literal ({@code parseRef}: "illegal ref"), and a default rule whose value holds a variable, reference
     * or call, or whose arguments are not distinct variables ({@code validateDefaultRuleValue}, then
     * {@code validateDefaultRuleArgs}; parsing stops at the first such rule). One is raised as OPA words it; more
     * are refused, as OPA prints each with its source line.
     */
    void check(Module m) {
        List<RegoParseException> found = new ArrayList<>();
        m.imports().forEach(imp -> importError(imp).ifPresent(found::add));
        for (Rule r : m.rules()) {
            List<String> texts = r.isDefault() ? defaultRuleErrors(r) : List.of();
            texts.forEach(t -> found.add(parseError(record.defaultLoc(r), t)));
            if (!texts.isEmpty()) {
                break;
            }
        }
        record.scalarRefs()
                .forEach(s -> found.add(parseError(s.loc(), "illegal ref (head cannot be " + s.type() + ")")));
        if (found.size() == 1) {
            throw found.get(0);
        }
        if (found.size() > 1) {
            throw unsupported(found.size() + " parse errors (" + OpaAstJson.opaMessage(found.get(0)) + ", ...)");
        }
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

    /** Several errors of OPA's Rego v1 checks, which OPA's {@code ast.Errors} prints one per line after a count. */
    static final class Errors extends RegoParseException {
        final List<RegoParseException> errors;

        Errors(List<RegoParseException> errors) {
            super(errors.get(0).code(), errors.get(0).location(), errors.get(0).text());
            this.errors = List.copyOf(errors);
        }
    }
}

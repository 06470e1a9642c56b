package dev.maa.rego.internal.parser;

import dev.maa.rego.Location;
import dev.maa.rego.internal.ast.Expr;
import dev.maa.rego.internal.ast.Module;
import dev.maa.rego.internal.ast.Rule;
import dev.maa.rego.internal.ast.Term;
import dev.maa.rego.value.BooleanValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a parse wrote beyond the tree the compiler uses: the surface forms {@code rego.parse_module} needs to write
 * OPA's tree ({@link OpaAstJson}) where the parser lowers a construct for evaluation, and the first construct whose
 * OPA tree cannot be rebuilt at all.
 *
 * <p>Why beside the tree rather than in it: the evaluator reads the lowered tree and must not see a second form;
 * the parser records, by identity, the written form of the nodes it rewrote, and only the JSON writer reads them.
 */
public final class ParseRecord {
    /** A reference whose head is a string, number, boolean or null literal, which OPA's parser reports ({@code illegal ref}). */
    record ScalarRef(Location loc, String type) {}

    /** Where an import's path starts (OPA's {@code imp.Path.Location}) and its last part stands: OPA's errors name them. */
    record ImportPath(Location start, Location last) {}

    private String departure;
    private final Set<Term> assignedValues = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<Module.Import> aliasedImports = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<Module.Import, ImportPath> importPaths = new IdentityHashMap<>();
    private final Map<List<Term>, List<Term>> writtenArgs = new IdentityHashMap<>();
    private final Map<List<Expr>, List<Expr>> writtenBodies = new IdentityHashMap<>();
    private final Map<Rule, List<Term>> ownArgs = new IdentityHashMap<>();
    private final Map<Rule, Location> defaultLocs = new IdentityHashMap<>();
    private final Map<Term.Call, List<String>> operators = new IdentityHashMap<>();
    private final List<ScalarRef> scalarRefs = new ArrayList<>();
    private final Map<Term, String> keywordVars = new IdentityHashMap<>();

    /** Records that the tree departs from OPA's parse tree at {@code what} (kept: the first). */
    void departs(String what) {
        if (departure == null) {
            departure = what;
        }
    }

    /** The first construct whose tree is not OPA's parse tree (e.g. lowered or accepted beyond OPA), or null. */
    public String departure() {
        return departure;
    }

    void assigned(Term value) {
        assignedValues.add(value);
    }

    /** Whether a rule's (or else's) value was written after {@code :=} rather than {@code =}. */
    boolean isAssigned(Term value) {
        return assignedValues.contains(value);
    }

    void aliased(Module.Import imp) {
        aliasedImports.add(imp);
    }

    /** Whether the import was written with {@code as}. */
    boolean isAliased(Module.Import imp) {
        return aliasedImports.contains(imp);
    }

    void importPath(Module.Import imp, Location start, Location last) {
        importPaths.put(imp, new ImportPath(start, last));
    }

    /** Where the import's path starts and its last part stands, a line after {@code import} or more. */
    ImportPath importPath(Module.Import imp) {
        return importPaths.get(imp);
    }

    /** {@code lowered} (calls replaced by variables) was written as {@code written}. */
    void args(List<Term> lowered, List<Term> written) {
        writtenArgs.put(lowered, written);
    }

    /** A function's arguments as written (with their calls), given the lowered ones. */
    List<Term> writtenArgs(List<Term> args) {
        return args == null ? null : writtenArgs.getOrDefault(args, args);
    }

    /** {@code lowered} (with the argument calls' checks appended) was written as {@code written}. */
    void body(List<Expr> lowered, List<Expr> written) {
        writtenBodies.put(lowered, written);
    }

    /** A body as written, without the checks of argument calls the parser appended. */
    List<Expr> writtenBody(List<Expr> body) {
        return writtenBodies.getOrDefault(body, body);
    }

    /** Whether the rule's body is the {@code true} the parser supplied for a rule written without one. */
    boolean generatedBody(Rule r) {
        List<Expr> body = writtenBody(r.body());
        return body.size() == 1
                && body.get(0).kind() instanceof Expr.TermExpr te
                && te.term() instanceof Term.Scalar s
                && s.value().equals(BooleanValue.TRUE)
                && s.loc().equals(r.loc());
    }

    /** An else's or a chained body's own copy of the function's arguments: OPA numbers its {@code _} anew. */
    void ownArgs(Rule rule, List<Term> args) {
        ownArgs.put(rule, args);
    }

    /** The rule's arguments as OPA's copy of the head has them, or null when they are the first rule's. */
    List<Term> ownArgs(Rule rule) {
        return ownArgs.get(rule);
    }

    void defaultAt(Rule rule, Location loc) {
        defaultLocs.put(rule, loc);
    }

    /** Where a default rule's {@code default} keyword stands (OPA's rule location). */
    Location defaultLoc(Rule rule) {
        return defaultLocs.getOrDefault(rule, rule.loc());
    }

    /** The call's operator was written with reference parts its dotted name does not keep ({@code a["b.c"](x)}). */
    void operator(Term.Call call, List<String> parts) {
        operators.put(call, parts);
    }

    /** The call's operator as reference parts, or null when its dotted name splits into them. */
    List<String> operator(Term.Call call) {
        return operators.get(call);
    }

    void scalarRef(Location loc, String type) {
        scalarRefs.add(new ScalarRef(loc, type));
    }

    /** References into a string, number, boolean or null literal, in the order their parse ended. */
    List<ScalarRef> scalarRefs() {
        return scalarRefs;
    }

    /** The reference head {@code head} was written as the keyword {@code name}, which OPA's parser read as a variable. */
    void keywordVar(Term head, String name) {
        keywordVars.put(head, name);
    }

    /** The variable OPA's parser read for a reference head written as a keyword, or null. */
    String keywordVar(Term head) {
        return keywordVars.get(head);
    }
}

package dev.maa.rego.internal.compile;

import dev.maa.rego.RegoCompileException;
import dev.maa.rego.builtins.BuiltinRegistry;
import dev.maa.rego.internal.ast.Expr;
import dev.maa.rego.internal.ast.Module;
import dev.maa.rego.internal.ast.Rule;
import dev.maa.rego.internal.ast.Term;
import dev.maa.rego.value.StringValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns parsed modules into the rule tree: places rules at their static path, resolves names,
 * reorders bodies for safety and rejects recursion.
 */
public final class Compiler {
    private final BuiltinRegistry registry;
    private final RuleNode root = new RuleNode(List.of());

    public Compiler(BuiltinRegistry registry) {
        this.registry = registry;
    }

    public RuleNode root() {
        return root;
    }

    /** Compiles all modules together (they may reference each other). */
    public RuleNode compile(List<Module> modules) {
        Map<List<String>, Set<String>> ruleNames = new HashMap<>();
        for (Module m : modules) {
            Set<String> names = ruleNames.computeIfAbsent(m.pkg(), k -> new HashSet<>());
            RuleNode pkgNode = root.find(List.of());
            for (String s : m.pkg()) {
                pkgNode = pkgNode.child(s);
            }
            for (Rule r : m.rules()) {
                names.add(((StringValue) ((Term.Scalar) r.head().get(0)).value()).value());
                place(m.pkg(), r, null);
            }
        }
        // second pass: replace placeholders by resolved rules
        AnnotationSet annotations = new AnnotationSet(modules, (pkg, r) -> split(pkg, r.head()).path);
        RuleNode placed = new RuleNode(List.of());
        for (Module m : modules) {
            Map<String, List<String>> imports = new HashMap<>();
            for (Module.Import imp : m.imports()) {
                if (imp.path().get(0).equals("data") || imp.path().get(0).equals("input")) {
                    imports.put(imp.alias(), imp.path());
                }
            }
            for (Rule r : m.rules()) {
                Set<String> names = ruleNames.get(m.pkg());
                List<String> path = split(m.pkg(), r.head()).path;
                java.util.function.Supplier<Resolver> res = () -> {
                    Resolver resolver = new Resolver(registry, root, m.pkg(), names, imports);
                    resolver.metadata(() -> annotations.chain(m.pkg(), path, r), () -> annotations.rule(r));
                    return resolver;
                };
                CRule c = compileRule(m.pkg(), r, res);
                put(placed, c);
            }
        }
        copyInto(placed, root);
        checkNesting(root);
        Recursion.check(root);
        FunctionIndex.apply(root);
        RuleRefs.apply(root);
        CheapFunctions.apply(root);
        EarlyExit.apply(root);
        return root;
    }

    /** A complete, set or function rule cannot have rules (or packages) below its path. */
    private static void checkNesting(RuleNode n) {
        boolean single = !n.complete.isEmpty() || !n.sets.isEmpty() || !n.functions.isEmpty();
        if (single && !n.children.isEmpty()) {
            RuleNode below = n.children.values().iterator().next();
            CRule at =
                    !n.complete.isEmpty() ? n.complete.get(0) : !n.sets.isEmpty() ? n.sets.get(0) : n.functions.get(0);
            throw new RegoCompileException(
                    "rego_type_error",
                    at.loc(),
                    "rule " + n.pathString() + " conflicts with " + below.pathString() + " defined below it");
        }
        n.children.values().forEach(Compiler::checkNesting);
    }

    private static void copyInto(RuleNode from, RuleNode to) {
        to.complete.clear();
        to.sets.clear();
        to.objects.clear();
        to.functions.clear();
        to.defaultRule = null;
        to.complete.addAll(from.complete);
        to.sets.addAll(from.sets);
        to.objects.addAll(from.objects);
        to.functions.addAll(from.functions);
        to.defaultRule = from.defaultRule;
        for (Map.Entry<String, RuleNode> e : to.children.entrySet()) {
            RuleNode f = from.children.get(e.getKey());
            copyInto(f == null ? new RuleNode(e.getValue().path) : f, e.getValue());
        }
    }

    /** Places a rule (unresolved placeholder) so that function lookups work during resolution. */
    private void place(List<String> pkg, Rule r, CRule compiled) {
        put(root, compiled != null ? compiled : placeholder(pkg, r));
    }

    private static CRule placeholder(List<String> pkg, Rule r) {
        Split s = split(pkg, r.head());
        return new CRule(
                s.path, s.suffix, r.kind(), r.args(), r.key(), r.value(), r.body(), r.isDefault(), null, r.loc());
    }

    private static void put(RuleNode tree, CRule c) {
        RuleNode n = tree;
        for (String s : c.path()) {
            n = n.child(s);
        }
        if (c.isDefault()) {
            if (n.defaultRule != null) {
                throw new RegoCompileException(
                        "rego_type_error", c.loc(), "multiple default rules " + c.pathString() + " found");
            }
            n.defaultRule = c;
        } else if (c.kind() == Rule.Kind.FUNCTION) {
            n.functions.add(c);
        } else if (c.kind() == Rule.Kind.SET && !c.suffix().isEmpty()) {
            n.objects.add(c);
        } else if (c.kind() == Rule.Kind.SET) {
            n.sets.add(c);
        } else if (c.suffix().isEmpty()) {
            n.complete.add(c);
        } else {
            n.objects.add(c);
        }
        if ((!n.functions.isEmpty() && (!n.complete.isEmpty() || !n.sets.isEmpty() || !n.objects.isEmpty()))
                || (!n.sets.isEmpty() && (!n.complete.isEmpty() || !n.objects.isEmpty()))) {
            throw new RegoCompileException(
                    "rego_type_error", c.loc(), "conflicting rules " + c.pathString() + " found");
        }
    }

    private record Split(List<String> path, List<Term> suffix) {}

    private static Split split(List<String> pkg, List<Term> head) {
        List<String> path = new ArrayList<>(pkg);
        int i = 0;
        for (; i < head.size(); i++) {
            if (head.get(i) instanceof Term.Scalar s && s.value() instanceof StringValue sv) {
                path.add(sv.value());
            } else {
                break;
            }
        }
        return new Split(path, List.copyOf(head.subList(i, head.size())));
    }

    private CRule compileRule(List<String> pkg, Rule r, java.util.function.Supplier<Resolver> fresh) {
        Resolver res = fresh.get();
        Split s = split(pkg, r.head());
        Set<String> bound = new HashSet<>();
        List<Term> args = null;
        if (r.args() != null) {
            args = new ArrayList<>();
            for (Term a : r.args()) {
                Set<String> vs = new HashSet<>();
                Safety.vars(a, vs);
                vs.forEach(res::declareTop);
                bound.addAll(vs);
                args.add(res.term(a));
            }
        }
        List<Expr> body = Safety.reorder(res.body(r.body(), false), bound);
        List<Term> suffix = new ArrayList<>();
        for (Term t : s.suffix) {
            Term rt = res.term(t);
            Safety.checkBound(rt, bound);
            suffix.add(Safety.rewriteTerm(rt, bound));
        }
        Term key = null;
        if (r.key() != null) {
            key = res.term(r.key());
            Safety.checkBound(key, bound);
            key = Safety.rewriteTerm(key, bound);
        }
        Term value = null;
        if (r.value() != null) {
            value = res.term(r.value());
            if (r.isDefault()) {
                Set<String> vs = new HashSet<>();
                Safety.vars(value, vs);
                vs.removeAll(bound);
                if (!vs.isEmpty()) {
                    throw new RegoCompileException(
                            "rego_type_error", r.loc(), "default rule value cannot contain variables");
                }
            }
            Safety.checkBound(value, bound);
            value = Safety.rewriteTerm(value, bound);
        }
        CRule elseRule = null;
        if (r.elseRule() != null) {
            Rule e = r.elseRule();
            elseRule = compileRule(
                    pkg,
                    new Rule(r.head(), r.kind(), r.args(), null, e.value(), e.body(), false, e.elseRule(), e.loc()),
                    fresh);
        }
        return new CRule(
                s.path, List.copyOf(suffix), r.kind(), args, key, value, body, r.isDefault(), elseRule, r.loc());
    }

    /** Compiles a query body (no package, no imports). Returns the reordered body. */
    public CompiledQuery compileQueryAgainst(RuleNode tree, List<Expr> query) {
        Resolver res = new Resolver(registry, tree, List.of(), Set.of(), new LinkedHashMap<>());
        List<Expr> body = Safety.reorder(res.body(query, false), new HashSet<>());
        return new CompiledQuery(body, Map.copyOf(res.topScope()));
    }

    /**
     * A compiled query.
     *
     * @param body reordered body
     * @param renames source variable name → internal name for variables the query declares
     */
    public record CompiledQuery(List<Expr> body, Map<String, String> renames) {}
}

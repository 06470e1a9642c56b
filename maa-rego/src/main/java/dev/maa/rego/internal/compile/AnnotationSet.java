package dev.maa.rego.internal.compile;

import dev.maa.rego.RegoCompileException;
import dev.maa.rego.internal.ast.Annotation;
import dev.maa.rego.internal.ast.Module;
import dev.maa.rego.internal.ast.Rule;
import dev.maa.rego.value.ArrayValue;
import dev.maa.rego.value.ObjectValue;
import dev.maa.rego.value.StringValue;
import dev.maa.rego.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The METADATA annotations of all modules, by scope, and the values of {@code rego.metadata.chain()}
 * and {@code rego.metadata.rule()} for a rule. As in OPA, both calls are replaced by constants when
 * a rule is compiled: the chain runs from the rule's own annotations (or just its path) through its
 * document, its package and the {@code subpackages} annotations of the enclosing packages,
 * nearest first. A second document or package annotation for the same path is OPA's
 * "annotation redeclared" error.
 */
final class AnnotationSet {
    private final Map<Rule, Annotation> ruleScope = new IdentityHashMap<>();
    private final Map<List<String>, Annotation> documents = new HashMap<>();
    private final Map<List<String>, Annotation> packages = new HashMap<>();
    private final Map<List<String>, Annotation> subpackages = new HashMap<>();

    AnnotationSet(List<Module> modules, java.util.function.BiFunction<List<String>, Rule, List<String>> rulePath) {
        for (Module m : modules) {
            for (Annotation a : m.annotations()) {
                switch (a.scope()) {
                    case "rule" ->
                        ruleScope.put(m.rules().get(a.rule()), a); // the last block is the nearest to the rule
                    case "document" ->
                        add(documents, rulePath.apply(m.pkg(), m.rules().get(a.rule())), a);
                    case "package" -> add(packages, m.pkg(), a);
                    default -> add(subpackages, m.pkg(), a);
                }
            }
        }
    }

    private static void add(Map<List<String>, Annotation> byPath, List<String> path, Annotation a) {
        Annotation earlier = byPath.putIfAbsent(List.copyOf(path), a);
        if (earlier != null) {
            throw new RegoCompileException(
                    "rego_type_error",
                    a.loc(),
                    a.scope() + " annotation redeclared: " + earlier.loc().file() + ":"
                            + earlier.loc().line());
        }
    }

    /** {@code rego.metadata.chain()} in {@code rule} at {@code path} of package {@code pkg}. */
    ArrayValue chain(List<String> pkg, List<String> path, Rule rule) {
        List<Value> chain = new ArrayList<>();
        Annotation own = ruleScope.get(rule);
        chain.add(entry(path, own));
        Annotation doc = documents.get(path);
        if (doc != null) {
            chain.add(entry(path, doc));
        }
        Annotation pkgAnnotation = packages.get(pkg);
        if (pkgAnnotation != null) {
            chain.add(entry(pkg, pkgAnnotation));
        }
        for (int n = pkg.size(); n > 0; n--) {
            Annotation sub = subpackages.get(pkg.subList(0, n));
            if (sub != null) {
                chain.add(entry(pkg.subList(0, n), sub));
            }
        }
        return ArrayValue.of(chain);
    }

    /** {@code rego.metadata.rule()}: the rule's own annotations, or an empty object. */
    ObjectValue rule(Rule rule) {
        Annotation own = ruleScope.get(rule);
        return own == null ? ObjectValue.EMPTY : own.value();
    }

    private static Value entry(List<String> path, Annotation a) {
        Map<String, Value> m = new LinkedHashMap<>();
        m.put("path", ArrayValue.of(path.stream().map(StringValue::of).toList()));
        if (a != null) {
            m.put("annotations", a.value());
        }
        return ObjectValue.ofStrings(m);
    }
}

package dev.maa.policies.internal;

import dev.maa.policies.AccessPolicies;
import dev.maa.policies.PolicySet;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What actually gets loaded for a {@link PolicySet}: the built-in {@code maa} package (unless the set
 * overrides it), the set's own Rego files, and the normalized data document. The revision is a content
 * hash of all of it, so upgrading the module's built-in policy changes the revision too.
 *
 * @param policies  module name → source, non-test modules
 * @param tests     module name → source, {@code *_test.rego} modules
 * @param data      the data document ({@code {"maa_config": ...}})
 * @param revision  hex SHA-256 of every module and the data file
 */
public record PolicyModules(
        SortedMap<String, String> policies,
        SortedMap<String, String> tests,
        Map<String, Object> data,
        String revision) {

    /** Module names of built-in files start with this, so errors say where a file came from. */
    public static final String BUILTIN_PREFIX = "builtin/";

    static final String BUILTIN_DIR = "dev/maa/policies/rego";

    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([A-Za-z_][A-Za-z0-9_.]*)");
    private static final PolicySet BUILTINS =
            PolicySet.fromClasspath(BUILTIN_DIR, PolicyModules.class.getClassLoader());

    /** The built-in policy files shipped in this module. */
    public static PolicySet builtIns() {
        return BUILTINS;
    }

    /**
     * Composes the modules for {@code set}. A set overrides a built-in file when one of its non-test files
     * declares the same package ({@code package maa} replaces {@code maa/decision.rego} and its test).
     *
     * @throws dev.maa.policies.PolicyValidationException if the data file is invalid
     */
    public static PolicyModules compose(PolicySet set) {
        AccessPolicies data = set.accessPolicies();
        Set<String> overridden = new HashSet<>();
        set.regoFiles().forEach((name, src) -> {
            if (!isTest(name)) {
                packageOf(src).ifPresent(overridden::add);
            }
        });
        SortedMap<String, String> all = new TreeMap<>();
        for (Map.Entry<String, String> e : BUILTINS.regoFiles().entrySet()) {
            String name = e.getKey();
            String subject = isTest(name) ? name.replace("_test.rego", ".rego") : name;
            String pkg = packageOf(BUILTINS.files().getOrDefault(subject, "")).orElse("");
            if (!overridden.contains(pkg)) {
                all.put(BUILTIN_PREFIX + name, e.getValue());
            }
        }
        all.putAll(set.regoFiles());
        SortedMap<String, String> policies = new TreeMap<>();
        SortedMap<String, String> tests = new TreeMap<>();
        all.forEach((name, src) -> (isTest(name) ? tests : policies).put(name, src));
        SortedMap<String, String> hashed = new TreeMap<>(all);
        set.dataFile().ifPresent(f -> hashed.put(f, set.files().get(f)));
        return new PolicyModules(
                policies, tests, data.toDataDocument(), PolicySet.of(hashed).digest());
    }

    public static boolean isTest(String name) {
        return name.endsWith("_test.rego");
    }

    /** The package a module declares, read with a regex because it must work even when the module does not parse. */
    public static java.util.Optional<String> packageOf(String source) {
        Matcher m = PACKAGE.matcher(source);
        return m.find() ? java.util.Optional.of(m.group(1)) : java.util.Optional.empty();
    }
}

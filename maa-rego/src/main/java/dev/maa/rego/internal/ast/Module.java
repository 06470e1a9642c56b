package dev.maa.rego.internal.ast;

import java.util.List;

/**
 * A parsed module.
 *
 * @param file the module name
 * @param pkg the package path without {@code data}
 * @param imports import declarations
 * @param rules rules in source order
 * @param annotations the module's METADATA blocks, each attached to the package or a rule
 */
public record Module(
        String file, List<String> pkg, List<Import> imports, List<Rule> rules, List<Annotation> annotations) {

    public Module(String file, List<String> pkg, List<Import> imports, List<Rule> rules) {
        this(file, pkg, imports, rules, List.of());
    }

    /**
     * {@code import <path> as <alias>}.
     *
     * @param path the full path starting with {@code data} or {@code input} (other roots ignored)
     * @param alias the name the import binds
     */
    public record Import(List<String> path, String alias, dev.maa.rego.Location loc) {}
}

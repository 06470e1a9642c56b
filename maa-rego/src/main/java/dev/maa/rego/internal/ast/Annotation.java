package dev.maa.rego.internal.ast;

import dev.maa.rego.Location;
import dev.maa.rego.value.ObjectValue;

/**
 * A {@code # METADATA} block attached to the package or a rule of its module, as OPA attaches it
 * (to the first statement after the block).
 *
 * @param scope {@code rule}, {@code document}, {@code package} or {@code subpackages}
 * @param value the annotations as {@code rego.metadata.*} return them (OPA's object form)
 * @param rule index into the module's rules, or -1 for the package
 * @param loc where the block starts (its {@code # METADATA} line)
 */
public record Annotation(String scope, ObjectValue value, int rule, Location loc) {
    /** Whether the block annotates the package rather than a rule. */
    public boolean onPackage() {
        return rule < 0;
    }
}

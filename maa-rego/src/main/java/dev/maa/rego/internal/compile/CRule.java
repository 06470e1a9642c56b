package dev.maa.rego.internal.compile;

import dev.maa.rego.Location;
import dev.maa.rego.internal.ast.Expr;
import dev.maa.rego.internal.ast.Rule;
import dev.maa.rego.internal.ast.Term;
import java.util.List;

/**
 * A compiled rule: names resolved, body reordered for safety.
 *
 * @param path the static part of the head (without {@code data})
 * @param suffix dynamic head terms after the static part (object-generating rules), else empty
 * @param kind complete, set or function
 * @param args function parameters or null
 * @param key set element term or null
 * @param value value term or null (sets)
 * @param body reordered body
 * @param isDefault default rule
 * @param elseRule next in the else chain or null
 * @param loc location of the head
 */
public record CRule(
        List<String> path,
        List<Term> suffix,
        Rule.Kind kind,
        List<Term> args,
        Term key,
        Term value,
        List<Expr> body,
        boolean isDefault,
        CRule elseRule,
        Location loc) {

    /** {@code data.a.b} form of the static path. */
    public String pathString() {
        return "data." + String.join(".", path);
    }
}

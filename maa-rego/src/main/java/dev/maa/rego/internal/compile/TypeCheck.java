package dev.maa.rego.internal.compile;

import dev.maa.rego.RegoCompileException;
import dev.maa.rego.internal.ast.Term;
import dev.maa.rego.value.NumberValue;
import dev.maa.rego.value.Value;
import java.util.Map;
import java.util.Set;

/**
 * The part of OPA's type checker that changes results: operators applied to literal operands of
 * the wrong type are {@code rego_type_error}s at compile time, not evaluation errors.
 */
final class TypeCheck {
    private static final Map<String, Set<String>> OPERAND_TYPES = Map.ofEntries(
            Map.entry("plus", Set.of("number")),
            Map.entry("mul", Set.of("number")),
            Map.entry("div", Set.of("number")),
            Map.entry("rem", Set.of("number")),
            Map.entry("minus", Set.of("number", "set")),
            Map.entry("and", Set.of("set")),
            Map.entry("or", Set.of("set")),
            Map.entry("count", Set.of("array", "object", "set", "string")),
            Map.entry("sum", Set.of("array", "set")),
            Map.entry("product", Set.of("array", "set")),
            Map.entry("max", Set.of("array", "set")),
            Map.entry("min", Set.of("array", "set")),
            Map.entry("sort", Set.of("array", "set")));

    private TypeCheck() {}

    static void operands(Term.Call c) {
        if (c.target() == null || c.target().builtin() == null) {
            return;
        }
        Set<String> allowed = OPERAND_TYPES.get(c.target().builtin());
        if (allowed == null) {
            return;
        }
        for (Term a : c.args()) {
            String t = literalType(a);
            if (t == null) {
                continue;
            }
            if (!allowed.contains(t)) {
                throw new RegoCompileException(
                        "rego_type_error",
                        c.loc(),
                        c.name() + ": invalid argument(s): " + t + " operand where "
                                + String.join(" or ", allowed.stream().sorted().toList()) + " is required");
            }
        }
    }

    /** The type of a literal term, or null when only known at run time. */
    private static String literalType(Term t) {
        if (t instanceof Term.Scalar s) {
            Value v = s.value();
            return v instanceof NumberValue ? "number" : v.typeName();
        }
        if (t instanceof Term.ArrayTerm || t instanceof Term.ArrayCompr) {
            return "array";
        }
        if (t instanceof Term.SetTerm || t instanceof Term.SetCompr) {
            return "set";
        }
        if (t instanceof Term.ObjectTerm || t instanceof Term.ObjectCompr) {
            return "object";
        }
        return null;
    }
}

package dev.maa.rego.internal.interp;

import dev.maa.rego.Location;
import dev.maa.rego.RegoEvalException;
import dev.maa.rego.value.ArrayValue;
import dev.maa.rego.value.SetValue;
import dev.maa.rego.value.StringValue;
import dev.maa.rego.value.Value;

/**
 * Renders template strings ({@code $"...{expr}..."}) and {@code print} operands as OPA does:
 * strings as they are, other values in Rego syntax, undefined expressions as {@code <undefined>}.
 */
final class TemplateStrings {
    private TemplateStrings() {}

    /** How {@code print} and template strings show one value; null (undefined) is {@code <undefined>}. */
    static String text(Value v) {
        if (v == null) {
            return "<undefined>";
        }
        return v instanceof StringValue s ? s.value() : v.toRego();
    }

    /**
     * {@code internal.template_string(parts)}: literal strings and constants as they are; a set is
     * the values of one embedded expression (empty when undefined). An expression with more than one
     * value would give several strings, which OPA refuses with a conflict error, strict or not.
     */
    static Value render(Value parts, Location loc) {
        if (!(parts instanceof ArrayValue a)) {
            throw new RegoEvalException(
                    "eval_type_error",
                    loc,
                    "internal.template_string: operand 1 must be array but got " + parts.typeName());
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < a.size(); i++) {
            Value part = a.get(i);
            if (!(part instanceof SetValue s)) {
                sb.append(text(part));
            } else if (s.size() > 1) {
                throw new RegoEvalException(
                        "eval_conflict_error", loc, "template-strings must not produce multiple outputs");
            } else {
                sb.append(text(s.size() == 0 ? null : s.items().iterator().next()));
            }
        }
        return new StringValue(sb.toString());
    }
}

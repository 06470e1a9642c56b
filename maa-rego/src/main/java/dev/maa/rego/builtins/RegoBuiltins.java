package dev.maa.rego.builtins;

import dev.maa.rego.RegoParseException;
import dev.maa.rego.internal.parser.OpaAstJson;
import dev.maa.rego.value.ArrayValue;
import dev.maa.rego.value.ObjectValue;

/**
 * {@code rego.metadata.chain}, {@code rego.metadata.rule} and {@code rego.parse_module}. As in OPA,
 * the compiler replaces each {@code rego.metadata.*} call inside a rule by the rule's METADATA
 * annotations (a constant), so these implementations answer only where no rule encloses the call,
 * as in a query: an empty chain and an empty object. {@code rego.parse_module} answers a module's
 * AST in OPA's JSON form ({@link OpaAstJson}) and its parse error as OPA words it; a module using a
 * construct whose OPA tree the engine cannot rebuild is refused, naming the construct.
 */
final class RegoBuiltins {
    private RegoBuiltins() {}

    public static void register(BuiltinRegistry r) {
        r.register("rego.metadata.chain", 0, (ctx, a) -> ArrayValue.EMPTY);
        r.register("rego.metadata.rule", 0, (ctx, a) -> ObjectValue.EMPTY);
        r.register("rego.parse_module", 2, (ctx, a) -> {
            String name = "rego.parse_module";
            try {
                return OpaAstJson.parseModule(Args.string(name, a, 0), Args.string(name, a, 1));
            } catch (RegoParseException e) {
                throw BuiltinError.of(name, OpaAstJson.opaMessage(e));
            }
        });
    }
}

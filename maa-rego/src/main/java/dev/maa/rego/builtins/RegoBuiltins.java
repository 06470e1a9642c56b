package dev.maa.rego.builtins;

import dev.maa.rego.RegoParseException;
import dev.maa.rego.RegoUnsupportedException;
import dev.maa.rego.internal.parser.Parser;
import dev.maa.rego.value.ArrayValue;
import dev.maa.rego.value.ObjectValue;

/**
 * {@code rego.metadata.chain}, {@code rego.metadata.rule} and {@code rego.parse_module}. As in OPA,
 * the compiler replaces each {@code rego.metadata.*} call inside a rule by the rule's METADATA
 * annotations (a constant), so these implementations answer only where no rule encloses the call,
 * as in a query: an empty chain and an empty object. {@code rego.parse_module} reports a module's
 * parse error as OPA does; for a module that parses it is refused: the engine does not produce
 * OPA's JSON form of the AST.
 */
final class RegoBuiltins {
    private RegoBuiltins() {}

    public static void register(BuiltinRegistry r) {
        r.register("rego.metadata.chain", 0, (ctx, a) -> ArrayValue.EMPTY);
        r.register("rego.metadata.rule", 0, (ctx, a) -> ObjectValue.EMPTY);
        r.register("rego.parse_module", 2, (ctx, a) -> {
            String name = "rego.parse_module";
            try {
                new Parser(Args.string(name, a, 0), Args.string(name, a, 1)).parseModule();
            } catch (RegoParseException e) {
                throw BuiltinError.of(name, e.opaMessage());
            }
            throw new RegoUnsupportedException(
                    "rego_unsupported_error",
                    null,
                    "builtin " + name + " is not supported: the"
                            + " module parses, and this engine does not produce OPA's JSON form of its AST");
        });
    }
}

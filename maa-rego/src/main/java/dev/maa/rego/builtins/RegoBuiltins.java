package dev.maa.rego.builtins;

import dev.maa.rego.value.ArrayValue;
import dev.maa.rego.value.ObjectValue;

/**
 * {@code rego.metadata.chain} and {@code rego.metadata.rule}. As in OPA, the compiler replaces
 * each call inside a rule by the rule's METADATA annotations (a constant), so these
 * implementations answer only where no rule encloses the call, as in a query: an empty chain and
 * an empty object.
 */
public final class RegoBuiltins {
  private RegoBuiltins() {}

  public static void register(BuiltinRegistry r) {
    r.register("rego.metadata.chain", 0, (ctx, a) -> ArrayValue.EMPTY);
    r.register("rego.metadata.rule", 0, (ctx, a) -> ObjectValue.EMPTY);
  }
}

package dev.maa.rego.builtins;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.rego.value.Value;
import java.math.BigDecimal;

/** Test support for the builtin family tests: call by name, assert OPA's error code and text. */
final class BuiltinCalls {
    private BuiltinCalls() {}

    static Value call(String name, Object... args) {
        return callAt(BuiltinContext.simple(), name, args);
    }

    static Value callAt(BuiltinContext ctx, String name, Object... args) {
        Builtin b = BuiltinRegistry.standard().get(name);
        if (b == null) {
            throw new AssertionError("not registered: " + name);
        }
        if (b.arity() != args.length) {
            throw new AssertionError(name + " has arity " + b.arity() + ", called with " + args.length);
        }
        Value[] vs = new Value[args.length];
        for (int i = 0; i < args.length; i++) {
            vs[i] = Value.of(args[i]);
        }
        return b.function().apply(ctx, vs);
    }

    static Value v(Object o) {
        return Value.of(o);
    }

    static Value num(String text) {
        return Value.of(new BigDecimal(text));
    }

    static void assertTypeError(String message, String name, Object... args) {
        assertThatThrownBy(() -> call(name, args))
                .isInstanceOf(BuiltinError.class)
                .hasMessage(message)
                .extracting(e -> ((BuiltinError) e).code())
                .isEqualTo(BuiltinError.TYPE);
    }

    static void assertBuiltinError(String message, String name, Object... args) {
        assertThatThrownBy(() -> call(name, args))
                .isInstanceOf(BuiltinError.class)
                .hasMessage(message)
                .extracting(e -> ((BuiltinError) e).code())
                .isEqualTo(BuiltinError.BUILTIN);
    }
}

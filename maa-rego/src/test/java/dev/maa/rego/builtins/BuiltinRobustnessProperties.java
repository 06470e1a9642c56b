package dev.maa.rego.builtins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maa.rego.RegoUnsupportedException;
import dev.maa.rego.value.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Every builtin of the families, called with random arguments, returns a value, is undefined, or
 * throws a {@link BuiltinError} or refuses with a {@link RegoUnsupportedException} naming itself
 * (an input whose OPA answer the engine cannot promise) — never another exception (the evaluator
 * would report those as internal errors).
 */
class BuiltinRobustnessProperties {
    private static final List<String> NAMES =
            new ArrayList<>(BuiltinRegistry.standard().names());

    @Provide
    Arbitrary<Value> values() {
        Arbitrary<Value> scalars = Arbitraries.oneOf(
                Arbitraries.of(
                                "",
                                "a",
                                "%d %s %v %q %x %[1]d %*d %.3f %!",
                                "10.0.0.0/8",
                                "::1",
                                "1.2.3.4",
                                "2001:db8::/126",
                                "(a+)+$",
                                "[[:alpha:]]",
                                "(?i)x",
                                "\\",
                                "*.{a,b}[!c]",
                                "2006-01-02T15:04:05Z07:00",
                                "2020-02-30",
                                "1h30m",
                                "1.5Gi",
                                "10KB",
                                "v1.2.3-rc.1",
                                "{\"a\": [1, 2]}",
                                "a: [1",
                                "aGVsbG8=",
                                "zz",
                                "%zz",
                                "e",
                                "9999999999999999999999",
                                "-0.5",
                                "\u00e9\u00df\ud83d\ude00",
                                "RFC3339",
                                "Mon Jan _2 MST",
                                "1e999999")
                        .map(Value::of),
                Arbitraries.of(0L, 1L, -1L, 2L, 16L, 1000L, Long.MAX_VALUE, Long.MIN_VALUE)
                        .map(Value::of),
                Arbitraries.of("0.5", "-2.5", "1e400", "1E+20", "123456789012345678901234567890", "1.0")
                        .map(s -> Value.of(new BigDecimal(s))),
                Arbitraries.of(Value.of(true), Value.of(false), Value.of((Object) null)));
        return Arbitraries.recursive(
                () -> scalars,
                inner -> Arbitraries.oneOf(
                        inner.list().ofMaxSize(3).map(Value::of),
                        inner.set().ofMaxSize(3).map(s -> Value.of(Set.copyOf(s))),
                        Arbitraries.maps(Arbitraries.of("a", "b", "c"), inner)
                                .ofMaxSize(2)
                                .map(m -> Value.of(Map.copyOf(m)))),
                2);
    }

    @Property(tries = 3000)
    void randomArguments_onlyRaiseBuiltinErrors(
            @ForAll("values") Value a,
            @ForAll("values") Value b,
            @ForAll("values") Value c,
            @ForAll("values") Value d,
            @ForAll("index") int which) {
        Builtin builtin = BuiltinRegistry.standard().get(NAMES.get(which % NAMES.size()));
        Value[] all = {a, b, c, d};
        Value[] args = new Value[builtin.arity()];
        System.arraycopy(all, 0, args, 0, Math.min(args.length, all.length));
        try {
            Value out = builtin.function().apply(BuiltinContext.simple(), args);
            assertThat(out == null || out instanceof Value).isTrue();
        } catch (BuiltinError expected) {
            assertThat(expected.getMessage()).startsWith(builtin.name().startsWith("numbers.range") ? "numbers" : "");
        } catch (RegoUnsupportedException refused) {
            assertThat(refused.text()).contains(builtin.name());
        }
    }

    @Provide
    Arbitrary<Integer> index() {
        return Arbitraries.integers().between(0, 10_000);
    }
}

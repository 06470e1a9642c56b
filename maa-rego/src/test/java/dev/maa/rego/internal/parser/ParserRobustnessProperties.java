package dev.maa.rego.internal.parser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maa.rego.RegoParseException;
import dev.maa.rego.RegoUnsupportedException;
import dev.maa.rego.value.ObjectValue;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The parser only ever fails with {@link RegoParseException}, whatever it is fed; {@link OpaAstJson} adds only
 * refusals that name {@code rego.parse_module}.
 */
class ParserRobustnessProperties {
    static final List<String> SEEDS = List.of(
            "package a\nallow if { input.user == \"x\"; some p in data.ps; p.g[_] == 1 }\n",
            "package b.c\nimport data.x as y\ndefault d := false\ns contains v if v := [1, 2][_]\n",
            "package f\nf(x) := y if { y := x * 2 } else := 0\no[k] := v if some k, v in {\"a\": 1}\n",
            "package g\np := {x | x := input[_]} | {1}\nq := [k | some k in [1]; not k == 2]\nr if every x in [1] { x > 0 }\n",
            "package h\na.b[c].d := `raw` if c := \"k\"\nz := count(input) with input as [1] with data.h.a as 2\n",
            "package i\nimport rego.v2\nt := $\"a\\{{$\"{x}\"} {[1][_] with input as 1}\"\nu := $`\n{if.x}\n`\nif.x := 1\n"
                    + "p if not { input.a; true.b }\nf($\"{y}\") := 1 if y := 2\n",
            "package j\nimport future.keywords.in\nimport rego.v1\nf(_, upper(x)) := 1 if { input[_] } else := 2\n"
                    + "g(x)\np contains x if { x := 1 } { x := data.lib[\"a.b\"](2) }\ndefault d(y) := [1, {2}]\n");

    @Provide
    Arbitrary<String> mutatedModules() {
        Arbitrary<String> seed = Arbitraries.of(SEEDS);
        Arbitrary<String> noise = Arbitraries.strings()
                .withChars("{}[]()|&=:;.,\"`#\n\t -+*/%<>!_aZ09$\\")
                .ofMaxLength(6);
        Arbitrary<Integer> pos = Arbitraries.integers().between(0, 400);
        Arbitrary<Integer> kind = Arbitraries.integers().between(0, 3);
        return Combinators.combine(seed, noise, pos, pos, kind).as((s, n, p1, p2, k) -> {
            int a = Math.min(p1, s.length());
            int b = Math.min(Math.max(a, p2 % (s.length() + 1)), s.length());
            return switch (k) {
                case 0 -> s.substring(0, a) + n + s.substring(a);
                case 1 -> s.substring(0, a) + s.substring(b);
                case 2 -> s.substring(0, a) + n + s.substring(b);
                default -> s.substring(b) + s.substring(0, a);
            };
        });
    }

    @Property(tries = 1500)
    void mutatedModules_onlyRaiseParseErrors(@ForAll("mutatedModules") String src) {
        parseModule(src);
    }

    @Property(tries = 1500)
    void mutatedModules_asOpaAstJson_onlyRaiseParseErrorsOrNamedRefusals(@ForAll("mutatedModules") String src) {
        try {
            assertThat(OpaAstJson.parseModule("fuzz.rego", src)).isInstanceOf(ObjectValue.class);
        } catch (RegoParseException expected) {
            // the module does not parse, or fails OPA's v1 rule checks
        } catch (RegoUnsupportedException refused) {
            assertThat(refused.text()).contains("rego.parse_module");
        }
    }

    @Property(tries = 500)
    void randomText_onlyRaisesParseErrors(@ForAll String src) {
        parseModule("package p\n" + src);
        parseQuery(src);
    }

    private static void parseModule(String src) {
        try {
            new Parser("fuzz.rego", src).parseModule();
        } catch (RegoParseException expected) {
            // the only documented failure
        }
    }

    private static void parseQuery(String src) {
        try {
            new Parser("fuzz", src).parseQuery();
        } catch (RegoParseException expected) {
            // the only documented failure
        }
    }
}

package dev.maa.rego;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maa.rego.builtins.BuiltinRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a compiled policy reads of {@code input}, from its rule tree (issue 20: what-if remembers by it). */
class InputReadsTest {

    private static InputReads reads(String... modules) {
        RegoEngine.Builder b = RegoEngine.builder();
        for (int i = 0; i < modules.length; i++) {
            b.module("m" + i + ".rego", modules[i]);
        }
        return b.build().inputReads();
    }

    private static List<List<String>> paths(String... modules) {
        InputReads r = reads(modules);
        assertThat(r.whole()).as("read whole").isFalse();
        return r.paths();
    }

    @Test
    void references_readTheirConstantKeys_shortestFirst_andNoPathUnderAnother() {
        assertThat(paths("package p\nx := input.a.b.c\ny := input.a.b\nz if input.d == 1\nw := input.e[0]\n"))
                .containsExactly(List.of("d"), List.of("e"), List.of("a", "b"));
    }

    @Test
    void commentsStringsAndLookAlikeNames_readNothing() {
        assertThat(paths("package p\n# input.secret\nx := \"input.secret\"\nmy_input := 1\ny := input.a\n"))
                .containsExactly(List.of("a"));
    }

    @Test
    void inputUsedAsAValue_orUnderANonConstantKey_isReadWhole() {
        assertThat(reads("package p\nx := count(input)\n").whole()).isTrue();
        assertThat(reads("package p\nx := object.get(input, \"time\", 0)\n").whole())
                .isTrue();
        assertThat(reads("package p\nx contains k if some k, _ in input\n").whole())
                .isTrue();
        assertThat(reads("package p\nx := input[k] if some k in [\"a\"]\n").whole())
                .isTrue();
        assertThat(reads("package p\nx := input\ny := x\n").whole()).isTrue();
    }

    @Test
    void aVariableBoundToAPart_readsWhatItsUsesRead() {
        assertThat(paths(
                        "package p\nallow if {\n  p := input.principal\n  p.id == \"alice\"\n  \"x\" in p.groups\n}\n"))
                .containsExactly(List.of("principal", "groups"), List.of("principal", "id"));
        // a chain of variables, and the whole input bound to one
        assertThat(paths("package p\nallow if {\n  i := input\n  r := i.resource\n  r.type == \"APP\"\n}\n"))
                .containsExactly(List.of("resource", "type"));
        // bound and never used: the part must still be defined
        assertThat(paths("package p\nallow if {\n  p := input.principal\n}\n")).containsExactly(List.of("principal"));
        // used whole, as a value
        assertThat(paths("package p\nn := count(p) if p := input.principal\n")).containsExactly(List.of("principal"));
    }

    @Test
    void importsAndFunctions_areFollowed() {
        assertThat(paths("package p\nimport input.principal as who\nallow if who.id == \"alice\"\n"))
                .containsExactly(List.of("principal", "id"));
        // a function reads what its callers pass and what its body names
        assertThat(paths("package p\nf(x) := x.b if input.flag\nallow if f(input.a) == 1\n"))
                .containsExactly(List.of("a"), List.of("flag"));
        // and across modules
        assertThat(paths(
                        "package lib\nis_admin(p) if \"admins\" in p.groups\n",
                        "package p\nallow if data.lib.is_admin(input.principal)\n"))
                .containsExactly(List.of("principal"));
    }

    @Test
    void withModifiers_readTheirValues_notTheirTargets() {
        assertThat(paths("package p\nq if input.a.x == 1\nallow if q with input.a as {\"x\": input.b}\n"))
                .containsExactly(List.of("b"), List.of("a", "x"));
        assertThat(reads("package p\nq if data.d == 1\nallow if q with data.d as input\n")
                        .whole())
                .isTrue();
        assertThat(paths("package p\nq if input.a == 1\nallow if q with input as {\"a\": 1}\n"))
                .containsExactly(List.of("a"));
    }

    @Test
    void comprehensionsEveryAndTemplates_areWalked() {
        assertThat(paths("package p\nxs := [x | some x in input.items; x > input.min]\n"))
                .containsExactly(List.of("items"), List.of("min"));
        assertThat(paths("package p\nok if every x in input.items { x != input.bad }\n"))
                .containsExactly(List.of("bad"), List.of("items"));
        assertThat(paths("package p\nmsg := $\"at {input.time}\"\n")).containsExactly(List.of("time"));
    }

    @Test
    void builtins_carryOpasNondeterministicMark() {
        BuiltinRegistry standard = BuiltinRegistry.standard();
        assertThat(standard.get("time.now_ns").deterministic()).isFalse();
        assertThat(standard.get("rand.intn").deterministic()).isFalse();
        assertThat(standard.get("uuid.rfc4122").deterministic()).isFalse();
        assertThat(standard.get("io.jwt.encode_sign").deterministic()).isFalse();
        assertThat(standard.get("time.parse_rfc3339_ns").deterministic()).isTrue();
        assertThat(standard.get("concat").deterministic()).isTrue();
    }
}

package dev.maa.rego.internal.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.rego.RegoCompileException;
import dev.maa.rego.RegoEngine;
import dev.maa.rego.RegoParseException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code # METADATA} blocks: parsing, OPA's scopes and errors, and {@code rego.metadata.chain/rule}. */
class MetadataAnnotationsTest {

    private static Object eval(String query, String... modules) {
        RegoEngine.Builder b = RegoEngine.builder();
        for (int i = 0; i < modules.length; i++) {
            b.module("m" + i + ".rego", modules[i]);
        }
        return b.build().prepare(query).eval(null).value();
    }

    @Test
    void chain_runsFromRuleThroughDocumentPackageAndSubpackages_nearestFirst() {
        Object chain = eval("data.a.b.p", """
        # METADATA
        # scope: subpackages
        # organizations:
        # - Acme
        package a
        """, """
        # METADATA
        # title: B
        package a.b

        # METADATA
        # scope: document
        # description: the p document
        p := 1 if false

        # METADATA
        # authors:
        # - Jane Doe <jane@example.com>
        # - name: Bob
        # related_resources:
        # - https://example.com/p
        # - ref: https://example.com/q
        #   description: more
        p := rego.metadata.chain() if true
        """);

        assertThat(chain)
                .isEqualTo(List.of(
                        Map.of(
                                "path",
                                List.of("a", "b", "p"),
                                "annotations",
                                Map.of(
                                        "scope",
                                        "rule",
                                        "authors",
                                        List.of(
                                                Map.of("name", "Jane Doe", "email", "jane@example.com"),
                                                Map.of("name", "Bob")),
                                        "related_resources",
                                        List.of(
                                                Map.of("ref", "https://example.com/p"),
                                                Map.of("ref", "https://example.com/q", "description", "more")))),
                        Map.of(
                                "path",
                                List.of("a", "b", "p"),
                                "annotations",
                                Map.of("scope", "document", "description", "the p document")),
                        Map.of("path", List.of("a", "b"), "annotations", Map.of("scope", "package", "title", "B")),
                        Map.of(
                                "path",
                                List.of("a"),
                                "annotations",
                                Map.of("scope", "subpackages", "organizations", List.of("Acme")))));
    }

    @Test
    void metadataRule_isTheRulesOwnAnnotations_orEmpty() {
        String module = """
        package t

        # METADATA
        # title: with
        # entrypoint: true
        # custom:
        #   severity: high
        p := rego.metadata.rule()

        q := rego.metadata.rule()
        """;

        assertThat(eval("data.t.p", module))
                .isEqualTo(Map.of(
                        "scope", "rule", "title", "with", "entrypoint", true, "custom", Map.of("severity", "high")));
        assertThat(eval("data.t.q", module)).isEqualTo(Map.of());
    }

    @Test
    void commentsThatAreNotAMetadataBlock_areIgnored() {
        assertThat(eval("data.t.p", """
        package t

        # title: not metadata
        # not METADATA
        p := rego.metadata.chain()
        """)).isEqualTo(List.of(Map.of("path", List.of("t", "p"))));
    }

    @Test
    void packageScope_onARule_isRefusedWithOpasMessage() {
        assertThatThrownBy(() -> eval("data.t.p", """
        package t

        # METADATA
        # scope: package
        p := 1
        """))
                .isInstanceOf(RegoParseException.class)
                .hasMessageContaining("m0.rego:3")
                .hasMessageContaining("annotation scope 'package' must be applied to package" + " (have rule)");
    }

    @Test
    void unknownScope_isRefused() {
        assertThatThrownBy(() -> eval("data.t", """
        # METADATA
        # scope: everywhere
        package t
        """))
                .isInstanceOf(RegoParseException.class)
                .hasMessageContaining("invalid annotation scope 'everywhere'");
    }

    @Test
    void invalidYaml_andEmptyBlocks_andBadAuthors_areParseErrors() {
        assertThatThrownBy(() -> eval("data.t", "# METADATA\n# title: [unclosed\npackage t\n"))
                .isInstanceOf(RegoParseException.class)
                .hasMessageContaining("yaml:");
        assertThatThrownBy(() -> eval("data.t", "# METADATA\npackage t\n"))
                .isInstanceOf(RegoParseException.class)
                .hasMessageContaining("expected METADATA block, found whitespace");
        assertThatThrownBy(() -> eval("data.t", "# METADATA\n# authors:\n# - {}\npackage t\n"))
                .isInstanceOf(RegoParseException.class)
                .hasMessageContaining("'name' and/or 'email' values required in object");
    }

    @Test
    void packageAnnotatedInTwoModules_isRedeclared() {
        assertThatThrownBy(() -> eval(
                        "data.t", "# METADATA\n# title: one\npackage t\n", "# METADATA\n# title: two\npackage t\n"))
                .isInstanceOf(RegoCompileException.class)
                .hasMessageContaining("package annotation redeclared: m0.rego:1");
    }
}

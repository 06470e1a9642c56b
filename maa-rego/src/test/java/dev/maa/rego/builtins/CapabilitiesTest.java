package dev.maa.rego.builtins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maa.rego.RegoCompileException;
import dev.maa.rego.RegoEngine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The engine against OPA's capabilities.json of {@link Capabilities#OPA_VERSION}. */
class CapabilitiesTest {
    /**
     * OPA builtins this engine does not implement, and why. The test fails when one of them gets
     * implemented (remove it here) or when any other OPA builtin is missing.
     */
    private static final Map<String, String> NOT_IMPLEMENTED = new TreeMap<>(Map.ofEntries(
            Map.entry("http.send", "network"),
            Map.entry("net.lookup_ip_addr", "network (DNS)"),
            Map.entry("all", "deprecated: refused in Rego v1"),
            Map.entry("any", "deprecated: refused in Rego v1"),
            Map.entry("cast_array", "deprecated: refused in Rego v1"),
            Map.entry("cast_boolean", "deprecated: refused in Rego v1"),
            Map.entry("cast_null", "deprecated: refused in Rego v1"),
            Map.entry("cast_object", "deprecated: refused in Rego v1"),
            Map.entry("cast_set", "deprecated: refused in Rego v1"),
            Map.entry("cast_string", "deprecated: refused in Rego v1"),
            Map.entry("net.cidr_overlap", "deprecated: refused in Rego v1"),
            Map.entry("re_match", "deprecated: refused in Rego v1"),
            Map.entry("set_diff", "deprecated: refused in Rego v1"),
            Map.entry("internal.template_string", "template strings need parser support"),
            Map.entry("internal.test_case", "OPA's test runner internals"),
            Map.entry("uri.is_valid", "not yet"),
            Map.entry("uri.parse", "not yet")));

    private static List<String> listedInTestResource() throws IOException {
        try (InputStream in =
                CapabilitiesTest.class.getResourceAsStream("opa-" + Capabilities.OPA_VERSION + "-builtins.txt")) {
            List<String> names = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    names.add(line.trim());
                }
            }
            return names;
        }
    }

    @Test
    void opaBuiltins_missingFromTheEngine_areExactlyTheListedOnes() throws IOException {
        List<String> missing = new ArrayList<>();
        for (String name : listedInTestResource()) {
            if (!Capabilities.supports(BuiltinRegistry.standard(), name)) {
                missing.add(name);
            }
        }
        assertThat(missing).containsExactlyInAnyOrderElementsOf(NOT_IMPLEMENTED.keySet());
    }

    @Test
    void shippedCapabilities_listTheSameBuiltinsAsTheTestResource() throws IOException {
        assertThat(Capabilities.opaBuiltinNames()).containsExactlyElementsOf(listedInTestResource());
    }

    @Test
    void engineCapabilities_holdOpaDeclarationsOfSupportedBuiltinsOnly() {
        JsonNode caps = Capabilities.of(BuiltinRegistry.standard());
        List<String> names = new ArrayList<>();
        caps.get("builtins").forEach(b -> names.add(b.get("name").asText()));
        assertThat(names)
                .contains("count", "io.jwt.decode_verify", "bits.lsh", "print", "walk", "rego.metadata.rule")
                .doesNotContain("http.send", "any");
        JsonNode count = caps.get("builtins").get(names.indexOf("count"));
        assertThat(count.get("decl").get("result").get("type").asText()).isEqualTo("number");
        assertThat(caps.get("future_keywords")).hasSize(4);
        assertThat(caps.get("features").toString()).contains("rego_v1");
    }

    @Test
    void policyCallingABuiltinOutsideTheCapabilities_isRefusedAtCompileTimeNamingIt() {
        assertThatThrownBy(() -> RegoEngine.builder()
                        .module("p.rego", "package x\np := uri.parse(\"http://a\")")
                        .build())
                .isInstanceOf(RegoCompileException.class)
                .hasMessageContaining("undefined function uri.parse");
    }
}

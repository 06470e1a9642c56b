package dev.maa.rego.builtins;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * This engine's capabilities in OPA's {@code capabilities.json} format, so a policy written for the
 * embedded engine can be checked elsewhere with {@code opa build --capabilities}. The type
 * declarations are OPA's own, from the capabilities file of the OPA release named by
 * {@link #OPA_VERSION}, kept to the builtins this engine accepts.
 */
public final class Capabilities {
    /** The OPA release whose capabilities.json ships as a resource and is compared against. */
    public static final String OPA_VERSION = "v1.20.2";

    /**
     * Names OPA lists as builtins that this engine implements in the language itself (operators,
     * {@code print}, {@code walk}) rather than in a {@link BuiltinRegistry} family.
     */
    static final Set<String> LANGUAGE = Set.of(
            "eq", "assign", "internal.member_2", "internal.member_3", "print", "internal.print", "walk", "trace");

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Capabilities() {}

    /** OPA's capabilities document of {@link #OPA_VERSION}, unfiltered. */
    public static JsonNode opa() {
        try (InputStream in = Capabilities.class.getResourceAsStream("opa-capabilities-" + OPA_VERSION + ".json")) {
            if (in == null) {
                throw new IllegalStateException(
                        "resource opa-capabilities-" + OPA_VERSION + ".json missing from maa-rego");
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Whether OPA's capabilities of {@link #OPA_VERSION} mark builtin {@code name} {@code "nondeterministic": true}
     * (its answer depends on the moment, chance or the network, so an evaluation cannot be replayed or remembered).
     */
    public static boolean nondeterministic(String name) {
        Set<String> names = nondeterministic;
        if (names == null) {
            Set<String> found = new java.util.HashSet<>();
            opa().get("builtins").forEach(b -> {
                if (b.path("nondeterministic").asBoolean(false)) {
                    found.add(b.get("name").asText());
                }
            });
            names = Set.copyOf(found);
            nondeterministic = names;
        }
        return names.contains(name);
    }

    private static volatile Set<String> nondeterministic;

    /** The names of every builtin in OPA's capabilities of {@link #OPA_VERSION}, in its order. */
    public static List<String> opaBuiltinNames() {
        List<String> names = new ArrayList<>();
        opa().get("builtins").forEach(b -> names.add(b.get("name").asText()));
        return names;
    }

    /** Whether a policy may call {@code name} on this engine. */
    public static boolean supports(BuiltinRegistry registry, String name) {
        return registry.get(name) != null || LANGUAGE.contains(name);
    }

    /** This engine's capabilities document: OPA's builtin entries it supports, its keywords and features. */
    public static ObjectNode of(BuiltinRegistry registry) {
        JsonNode opa = opa();
        ObjectNode out = MAPPER.createObjectNode();
        ArrayNode builtins = out.putArray("builtins");
        for (JsonNode b : opa.get("builtins")) {
            if (supports(registry, b.get("name").asText())) {
                builtins.add(b);
            }
        }
        // `import future.keywords.x` is accepted for each; Rego v1 has them anyway.
        out.putArray("future_keywords").add("contains").add("every").add("if").add("in");
        out.putArray("features")
                .add("rego_v1")
                .add("rule_head_ref_string_prefixes")
                .add("rule_head_refs");
        return out;
    }

    /** {@link #of} of the standard registry as indented JSON, what {@code maa rego capabilities} prints. */
    public static String json() {
        try {
            return MAPPER.writeValueAsString(of(BuiltinRegistry.standard()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.maa.policies;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.maa.api.Action;
import dev.maa.api.ApprovalRequest;
import dev.maa.api.Decision;
import dev.maa.api.Durations;
import dev.maa.api.Effect;
import dev.maa.api.Factor;
import dev.maa.api.Operation;
import dev.maa.api.Platform;
import dev.maa.api.PolicyEngine;
import dev.maa.api.PolicyInput;
import dev.maa.api.Principal;
import dev.maa.api.ResourceRef;
import dev.maa.api.ResourceType;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One set of decision vectors ({@code vectors/*.yaml}: input → expected decision) run against every
 * engine: embedded maa-rego and the OPA REST adapter (against a fake OPA that evaluates the same policy).
 */
class DecisionVectorsTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final Map<String, Object> VECTORS = load("vectors/demo-decisions.yaml");
    private static final PolicySet SET = PolicySet.fromClasspath((String) VECTORS.get("policy_set"));

    private static EmbeddedRegoPolicyEngine embedded;
    private static FakeOpaServer opa;
    private static OpaServerPolicyEngine opaEngine;

    @BeforeAll
    static void startEngines() throws IOException {
        embedded = EmbeddedRegoPolicyEngine.builder().policySet(SET).build();
        opa = new FakeOpaServer(FakeOpaServer.regoBacked(SET));
        opaEngine = OpaServerPolicyEngine.builder(opa.uri()).build();
    }

    @AfterAll
    static void stopEngines() {
        embedded.close();
        opa.close();
    }

    static Stream<Arguments> decisions() {
        return cases("decisions");
    }

    static Stream<Arguments> reviews() {
        return cases("reviews");
    }

    @SuppressWarnings("unchecked")
    private static Stream<Arguments> cases(String key) {
        return Stream.of("embedded", "opa")
                .flatMap(engine -> ((List<Map<String, Object>>) VECTORS.get(key))
                        .stream().map(c -> Arguments.of(engine, c.get("name"), c)));
    }

    private static PolicyEngine engine(String name) {
        return name.equals("embedded") ? embedded : opaEngine;
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("decisions")
    @SuppressWarnings("unchecked")
    void decide_vector_matchesExpectedDecision(String engineName, String name, Map<String, Object> c) {
        Decision d = engine(engineName).decide(input(c));
        Map<String, Object> expect = (Map<String, Object>) c.get("expect");
        assertThat(d.effect()).isEqualTo(Effect.fromWireName((String) expect.get("effect")));
        if (expect.containsKey("factors")) {
            Set<Factor> factors = new HashSet<>();
            for (Map<String, Object> f : (List<Map<String, Object>>) expect.get("factors")) {
                factors.add(new Factor(
                        (String) f.get("policy"), Set.copyOf((List<String>) f.get("approver_groups")), (Integer)
                                f.get("required_approvals")));
            }
            assertThat(Set.copyOf(d.factors())).isEqualTo(factors);
        }
        if (expect.containsKey("ttl")) {
            Object ttl = expect.get("ttl");
            assertThat(d.ttl()).isEqualTo(ttl == null ? null : Durations.parse((String) ttl));
        }
        if (expect.containsKey("completion")) {
            assertThat(d.completion().wireName()).isEqualTo(expect.get("completion"));
        }
        if (expect.containsKey("justification_required")) {
            assertThat(d.justificationRequired()).isEqualTo(expect.get("justification_required"));
        }
        for (String part : (List<String>) expect.getOrDefault("reasons_contain", List.of())) {
            assertThat(d.reasons()).anySatisfy(r -> assertThat(r).contains(part));
        }
        assertThat(d.policyRevision()).isEqualTo(embedded.revision());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("reviews")
    @SuppressWarnings("unchecked")
    void mayReview_vector_matchesExpectedAnswer(String engineName, String name, Map<String, Object> c) {
        Principal reviewer = new Principal(
                (String) c.get("reviewer"), Set.copyOf((List<String>) c.get("reviewer_groups")), Set.of());
        List<Factor> factors = ((List<Map<String, Object>>) c.get("factors"))
                .stream()
                        .map(f -> new Factor(
                                (String) f.get("policy"), Set.copyOf((List<String>) f.get("approver_groups")), (Integer)
                                        f.get("required_approvals")))
                        .toList();
        ApprovalRequest request = ApprovalRequest.builder()
                .id("req-1")
                .resource(new ResourceRef(ResourceType.APP, "", "app-42", Platform.WINDOWS, Set.copyOf((List<String>)
                        c.getOrDefault("scope_tags", List.of()))))
                .action(Action.DELETE)
                .operation(new Operation("com.example.Apps", "delete", List.of("java.lang.String")))
                .requester(Principal.of((String) c.get("requester")))
                .factors(factors)
                .payload("{}")
                .digest("00")
                .createdAt(NOW)
                .expiresAt(NOW.plusSeconds(3600))
                .build();
        assertThat(engine(engineName).mayReview(reviewer, request)).isEqualTo(c.get("expect_allowed"));
    }

    @SuppressWarnings("unchecked")
    static PolicyInput input(Map<String, Object> c) {
        String type = (String) c.get("resource");
        String custom = type.startsWith("CUSTOM:") ? type.substring(7) : "";
        ResourceRef resource = new ResourceRef(
                ResourceType.valueOf(custom.isEmpty() ? type : "CUSTOM"),
                custom,
                (String) c.get("object"),
                Platform.parse((String) c.get("platform")),
                Set.copyOf((List<String>) c.getOrDefault("scope_tags", List.of())));
        Principal principal = new Principal(
                (String) c.get("principal"), Set.copyOf((List<String>) c.getOrDefault("groups", List.of())), Set.of());
        return new PolicyInput(
                principal,
                resource,
                Action.valueOf((String) c.get("action")),
                new Operation("com.example.Service", "call", List.of()),
                "",
                (String) c.get("justification"),
                Boolean.TRUE.equals(c.get("emergency")),
                Boolean.TRUE.equals(c.get("urgent")),
                NOW);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load(String resource) {
        try (InputStream in = DecisionVectorsTest.class.getClassLoader().getResourceAsStream(resource)) {
            return new ObjectMapper(new YAMLFactory()).readValue(in, Map.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

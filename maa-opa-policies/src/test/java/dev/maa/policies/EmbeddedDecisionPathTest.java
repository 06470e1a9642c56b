package dev.maa.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.api.Action;
import dev.maa.api.Decision;
import dev.maa.api.Operation;
import dev.maa.api.Platform;
import dev.maa.api.PolicyInput;
import dev.maa.api.PolicyUnavailableException;
import dev.maa.api.Principal;
import dev.maa.api.ResourceRef;
import dev.maa.api.ResourceType;
import dev.maa.policies.internal.DecisionDocuments;
import dev.maa.policies.internal.PolicyInputValues;
import dev.maa.rego.value.Value;
import dev.maa.rego.value.Values;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The embedded engine's fast path (input built as a Rego value, decision read from the Rego value) decides as
 * the generic path does ({@link PolicyInput#toMap()} converted, the whole document converted to Java, which is
 * what an OPA server's answer goes through), over the decision vectors and inputs with every field in use.
 */
class EmbeddedDecisionPathTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private static EmbeddedRegoPolicyEngine engine;

    @BeforeAll
    static void build() {
        engine = EmbeddedRegoPolicyEngine.demo();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @SuppressWarnings("unchecked")
    static Stream<Arguments> inputs() {
        Stream<PolicyInput> vectors = DecisionVectorsTest.decisions()
                .filter(a -> a.get()[0].equals("embedded"))
                .map(a -> DecisionVectorsTest.input((Map<String, Object>) a.get()[2]));
        Operation op = new Operation("com.example.Apps", "delete", List.of("java.lang.String"));
        Stream<PolicyInput> edges = Stream.of(
                new PolicyInput(
                        new Principal(
                                "carol",
                                Set.of("App Admins", "Zeta", "alpha", "Émile", "日本"),
                                Set.of("admin", "Auditor")),
                        new ResourceRef(ResourceType.APP, "", "app-1", Platform.WINDOWS, Set.of("eu", "US", "ß")),
                        Action.CREATE,
                        op,
                        "ab12",
                        "CHG-1",
                        false,
                        false,
                        NOW),
                new PolicyInput(
                        Principal.of("alice", "Helpdesk"),
                        new ResourceRef(ResourceType.CUSTOM, "billing", "", Platform.LINUX, Set.of()),
                        Action.UPDATE,
                        null,
                        null,
                        null,
                        false,
                        true,
                        NOW),
                new PolicyInput(
                        Principal.of("emergency-admin-1"),
                        ResourceRef.of(ResourceType.APP, "app-2"),
                        Action.DELETE,
                        op,
                        "",
                        "",
                        true,
                        true,
                        NOW.plusNanos(123_000_000)),
                new PolicyInput(
                        Principal.of("emergency-admin-2"),
                        ResourceRef.of(ResourceType.SCRIPT, "s-1"),
                        Action.DEPLOY,
                        op,
                        "",
                        "outage",
                        true,
                        false,
                        NOW),
                new PolicyInput(
                        Principal.of("mallory", "Security Admins"),
                        ResourceRef.of(ResourceType.ROLE, "r"),
                        Action.ASSIGN,
                        null,
                        "",
                        "\u202Ehidden",
                        true,
                        false,
                        NOW));
        return Stream.concat(vectors, edges)
                .map(in -> Arguments.of(
                        in.principal().id() + " " + in.action() + " "
                                + in.resource().typeName(),
                        in));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "2026-11-23T10:00:00Z",
                "1970-01-01T00:00:00Z",
                "1969-12-31T23:59:59.999999999Z",
                "0000-01-01T00:00:00Z",
                "9999-12-31T23:59:59.100Z",
                "+10000-01-01T00:00:00Z",
                "-0001-06-15T12:30:45.000001Z",
                "2024-02-29T01:02:03.120Z",
                "2024-02-29T01:02:03.000120Z",
                "2024-02-29T01:02:03.000000120Z"
            })
    void inputTime_isWrittenAsInstantToString(String text) {
        Instant t = Instant.parse(text);
        assertThat(PolicyInputValues.isoInstant(t)).isEqualTo(t.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void inputValue_equalsTheConvertedMap(String name, PolicyInput in) {
        assertThat(PolicyInputValues.of(in)).isEqualTo(Value.of(in.toMap()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void decide_fastPath_equalsGenericPath(String name, PolicyInput in) {
        Decision generic = DecisionDocuments.toDecision(engine.decisionDocument(in.toMap()), engine.revision(), "test");
        assertThat(engine.decide(in)).isEqualTo(generic);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "[]",
                "{\"effect\": \"allow\"}",
                "{\"effect\": \"maybe\", \"factors\": [], \"ttl\": null, \"completion\": \"manual\", \"justification_required\": false, \"reasons\": []}",
                "{\"effect\": \"require_approval\", \"factors\": [{\"policy\": \"p\", \"approver_groups\": [1], \"required_approvals\": 1}], \"ttl\": null, \"completion\": \"manual\", \"justification_required\": false, \"reasons\": []}",
                "{\"effect\": \"require_approval\", \"factors\": [{\"policy\": \"p\", \"approver_groups\": [\"g\"], \"required_approvals\": 1.5}], \"ttl\": null, \"completion\": \"manual\", \"justification_required\": false, \"reasons\": []}",
                "{\"effect\": \"require_approval\", \"factors\": [\"p\"], \"ttl\": \"1h\", \"completion\": \"manual\", \"justification_required\": false, \"reasons\": []}",
                "{\"effect\": \"allow\", \"factors\": {}, \"ttl\": null, \"completion\": \"manual\", \"justification_required\": false, \"reasons\": []}",
                "{\"effect\": \"allow\", \"factors\": [], \"ttl\": 3600, \"completion\": \"manual\", \"justification_required\": false, \"reasons\": []}",
                "{\"effect\": \"allow\", \"factors\": [], \"ttl\": null, \"completion\": \"later\", \"justification_required\": false, \"reasons\": []}",
                "{\"effect\": \"allow\", \"factors\": [], \"ttl\": null, \"completion\": \"manual\", \"justification_required\": \"no\", \"reasons\": []}",
                "{\"effect\": \"allow\", \"factors\": [], \"ttl\": null, \"completion\": \"manual\", \"justification_required\": false, \"reasons\": [true]}",
                "{\"effect\": \"deny\", \"factors\": [{\"policy\": \"p\", \"approver_groups\": [\"g\"], \"required_approvals\": 1}], \"ttl\": null, \"completion\": \"manual\", \"justification_required\": false, \"reasons\": []}"
            })
    void toDecision_malformedValue_failsAsTheJavaFormDoes(String json) throws Exception {
        Value doc = Values.parseJson(json);
        Throwable generic = org.assertj.core.api.Assertions.catchThrowable(
                () -> DecisionDocuments.toDecision(Values.toJava(doc), "r1", "test"));
        assertThat(generic).isInstanceOf(PolicyUnavailableException.class);
        assertThatThrownBy(() -> DecisionDocuments.toDecision(doc, "r1", "test"))
                .isInstanceOf(PolicyUnavailableException.class)
                .hasMessage(generic.getMessage());
    }
}

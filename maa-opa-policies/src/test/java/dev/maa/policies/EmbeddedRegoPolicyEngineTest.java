package dev.maa.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.maa.api.Action;
import dev.maa.api.ApprovalAssurance;
import dev.maa.api.Effect;
import dev.maa.api.PolicyInput;
import dev.maa.api.PolicyUnavailableException;
import dev.maa.api.Principal;
import dev.maa.api.ResourceRef;
import dev.maa.api.ResourceType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedRegoPolicyEngineTest {

    private static final String ONE_POLICY = """
            access_policies:
              - name: Scripts
                profile_type: SCRIPT
                approver_groups: [Script Approvers]
            """;

    @TempDir
    Path dir;

    private static PolicyInput call(ResourceType type, Action action) {
        return new PolicyInput(
                Principal.of("alice"),
                ResourceRef.of(type, "obj-1"),
                action,
                null,
                "",
                "",
                false,
                false,
                Instant.parse("2026-11-23T10:00:00Z"));
    }

    @Test
    void decide_whenNoPolicyMatches_deniesWithHowToAddOne() throws IOException {
        Files.writeString(dir.resolve("access-policies.yaml"), ONE_POLICY);
        try (var engine = EmbeddedRegoPolicyEngine.builder().directory(dir).build()) {
            var d = engine.decide(call(ResourceType.APP, Action.DELETE));
            assertThat(d.effect()).isEqualTo(Effect.DENY);
            assertThat(d.reasons())
                    .singleElement()
                    .asString()
                    .contains("No access policy covers DELETE on APP 'obj-1'")
                    .contains(
                            "add an access policy with profile_type APP and actions [DELETE] to access-policies.yaml");
            assertThat(d.policyRevision()).isEqualTo(engine.revision()).hasSize(64);
        }
    }

    @Test
    void watch_whenFileChanges_activatesNewRevision_andKeepsLastGoodOnBrokenEdit() throws IOException {
        Path data = dir.resolve("access-policies.yaml");
        Files.writeString(data, ONE_POLICY);
        try (var engine = EmbeddedRegoPolicyEngine.builder()
                .directory(dir)
                .watch(Duration.ofMillis(20))
                .build()) {
            String first = engine.revision();
            assertThat(engine.decide(call(ResourceType.APP, Action.DELETE)).effect())
                    .isEqualTo(Effect.DENY);

            Files.writeString(data, ONE_POLICY + """
                      - name: Apps
                        profile_type: APP
                        approver_groups: [App Approvers]
                    """);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !engine.revision().equals(first));
            assertThat(engine.decide(call(ResourceType.APP, Action.DELETE)).effect())
                    .isEqualTo(Effect.REQUIRE_APPROVAL);
            String second = engine.revision();

            Files.writeString(dir.resolve("broken.rego"), "package maa.custom\n\ndeny contains x if {\n  x := \n}\n");
            assertThatThrownBy(engine::reload)
                    .isInstanceOf(PolicyValidationException.class)
                    .hasMessageContaining("broken.rego:5:");
            assertThat(engine.revision()).isEqualTo(second);
            assertThat(engine.decide(call(ResourceType.APP, Action.DELETE)).effect())
                    .isEqualTo(Effect.REQUIRE_APPROVAL);
        }
    }

    @Test
    void reload_whenNothingChanged_keepsRevision() throws IOException {
        Files.writeString(dir.resolve("access-policies.yaml"), ONE_POLICY);
        try (var engine = EmbeddedRegoPolicyEngine.builder().directory(dir).build()) {
            assertThat(engine.reload()).isFalse();
        }
    }

    @Test
    void build_withInvalidData_failsWithFieldAndLine() throws IOException {
        Files.writeString(dir.resolve("access-policies.yaml"), """
                access_policies:
                  - name: Scripts
                    profile_type: SCRIPTS
                    approver_groups: [Script Approvers]
                """);
        assertThatThrownBy(
                        () -> EmbeddedRegoPolicyEngine.builder().directory(dir).build())
                .isInstanceOf(PolicyValidationException.class)
                .hasMessageContaining(
                        "access-policies.yaml:3:5: access_policies[0].profile_type: 'SCRIPTS' is not one of");
    }

    @Test
    void decide_whenOverridingPackageReturnsMalformedDecision_failsClosed() {
        PolicySet set = PolicySet.of(Map.of("my.rego", """
                package maa

                decision := {"effect": "allow"}
                """));
        try (var engine = EmbeddedRegoPolicyEngine.builder().policySet(set).build()) {
            assertThatThrownBy(() -> engine.decide(call(ResourceType.APP, Action.DELETE)))
                    .isInstanceOf(PolicyUnavailableException.class)
                    .hasMessageContaining("Malformed data.maa.decision")
                    .hasMessageContaining("missing field 'factors'");
        }
    }

    @Test
    void decide_whenOverridingPackageLeavesDecisionUndefined_failsClosed() {
        PolicySet set = PolicySet.of(Map.of("my.rego", """
                package maa

                decision := {"effect": "allow"} if input.never
                """));
        try (var engine = EmbeddedRegoPolicyEngine.builder().policySet(set).build()) {
            assertThatThrownBy(() -> engine.decide(call(ResourceType.APP, Action.DELETE)))
                    .isInstanceOf(PolicyUnavailableException.class)
                    .hasMessageContaining("data.maa.decision is undefined");
        }
    }

    @Test
    void decide_ofAPasskeyPolicy_givesFactorsThatNeedSignatures_andSessionByDefault() {
        PolicySet set = PolicySet.of(Map.of("access-policies.yaml", ONE_POLICY + """
                  - name: Apps
                    profile_type: APP
                    approver_groups: [App Approvers]
                    approval_assurance: passkey
                """));
        try (var engine = EmbeddedRegoPolicyEngine.builder().policySet(set).build()) {
            assertThat(engine.decide(call(ResourceType.APP, Action.DELETE)).factors())
                    .singleElement()
                    .satisfies(f -> assertThat(f.assurance()).isEqualTo(ApprovalAssurance.PASSKEY));
            assertThat(engine.decide(call(ResourceType.SCRIPT, Action.DEPLOY)).factors())
                    .singleElement()
                    .satisfies(f -> assertThat(f.assurance()).isEqualTo(ApprovalAssurance.SESSION));
        }
        assertThatThrownBy(() -> PolicySet.of(
                                Map.of("access-policies.yaml", ONE_POLICY + "    approval_assurance: fingerprint\n"))
                        .accessPolicies())
                .hasMessageContaining("approval_assurance")
                .hasMessageContaining("session, passkey");
    }

    @Test
    void activate_replacesPolicyAtomically_andRejectsBrokenSets() {
        try (var engine = EmbeddedRegoPolicyEngine.demo()) {
            String before = engine.revision();
            assertThatThrownBy(() -> engine.activate(PolicySet.of(Map.of("x.rego", "package maa.custom\nfoo := \n"))))
                    .isInstanceOf(PolicyValidationException.class)
                    .hasMessageContaining("x.rego:");
            assertThat(engine.revision()).isEqualTo(before);
            engine.activate(PolicySet.of(Map.of("access-policies.yaml", ONE_POLICY)));
            assertThat(engine.revision()).isNotEqualTo(before);
            assertThat(engine.decide(call(ResourceType.SCRIPT, Action.DEPLOY)).factors())
                    .singleElement()
                    .satisfies(f -> assertThat(f.approverGroups()).containsExactly("Script Approvers"));
        }
    }

    @Test
    void decide_withBrokenTestModule_decidesAsAnOpaBundle_whileTheTestRunNamesTheLine() {
        PolicySet set = PolicySet.of(Map.of(
                "access-policies.yaml", ONE_POLICY, "mine_test.rego", "package mine_test\n\ntest_x if {\n  1 ==\n}\n"));
        try (var engine = EmbeddedRegoPolicyEngine.builder().policySet(set).build()) {
            assertThat(engine.decide(call(ResourceType.SCRIPT, Action.DEPLOY)).effect())
                    .isEqualTo(Effect.REQUIRE_APPROVAL);
        }
        assertThatThrownBy(() -> PolicyService.validate(set, ""))
                .isInstanceOf(PolicyValidationException.class)
                .satisfies(e -> assertThat(((PolicyValidationException) e).problems())
                        .singleElement()
                        .satisfies(p -> assertThat(p.file()).endsWith("mine_test.rego")));
    }

    @Test
    void builder_withTwoSources_namesTheConflict() {
        assertThatThrownBy(() -> EmbeddedRegoPolicyEngine.builder()
                        .classpath(PolicySet.DEMO)
                        .directory(dir))
                .hasMessageContaining("already set (classpath:dev/maa/policies/demo)");
    }
}

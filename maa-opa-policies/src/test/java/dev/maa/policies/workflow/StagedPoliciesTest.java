package dev.maa.policies.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.api.Action;
import dev.maa.api.Decision;
import dev.maa.api.Effect;
import dev.maa.api.Factor;
import dev.maa.api.PolicyInput;
import dev.maa.api.Principal;
import dev.maa.api.ResourceRef;
import dev.maa.api.ResourceType;
import dev.maa.policies.AccessPolicies;
import dev.maa.policies.EmbeddedRegoPolicyEngine;
import dev.maa.policies.PolicySet;
import dev.maa.policies.PolicyValidationException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code stages:} and {@code execution_window} in access-policies.yaml, read, validated and decided (issue 21). */
class StagedPoliciesTest {

    static final String STAGED = """
            access_policies:
              - name: Script deployment
                profile_type: SCRIPT
                actions: [DEPLOY]
                execution_window: 2h
                stages:
                  - name: lead
                    approver_groups: [Team Leads]
                  - name: security
                    factors:
                      - approver_groups: [Security Admins]
                        required_approvals: 2
                      - approver_groups: [Change Advisory Board]
            """;

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
    void decide_stagedPolicy_givesOneFactorPerStageFactor_inStageOrder() {
        try (var engine = EmbeddedRegoPolicyEngine.builder()
                .policySet(PolicySet.of(Map.of("access-policies.yaml", STAGED)))
                .build()) {
            Decision d = engine.decide(call(ResourceType.SCRIPT, Action.DEPLOY));

            assertThat(d.effect()).isEqualTo(Effect.REQUIRE_APPROVAL);
            assertThat(d.factors())
                    .containsExactly(
                            new Factor("Script deployment / lead", Set.of("Team Leads"), 1, null, 1),
                            new Factor("Script deployment / security", Set.of("Change Advisory Board"), 1, null, 2),
                            new Factor("Script deployment / security", Set.of("Security Admins"), 2, null, 2));
            assertThat(d.executionWindow()).isEqualTo(Duration.ofHours(2));
        }
    }

    @Test
    void decide_policyWithoutStages_givesStage1Factors_andNoExecutionWindow() {
        try (var engine = EmbeddedRegoPolicyEngine.builder()
                .policySet(PolicySet.fromClasspath(PolicySet.DEMO))
                .build()) {
            Decision d = engine.decide(call(ResourceType.SCRIPT, Action.DEPLOY));

            assertThat(d.factors()).extracting(Factor::stage).containsOnly(1);
            assertThat(d.executionWindow()).isNull();
        }
    }

    @Test
    void parse_stagesWithTopLevelApprovers_orEmptyOrTooMany_areProblemsNamingTheField() {
        String both = STAGED.replace("    stages:", "    approver_groups: [X]\n    stages:");
        assertThatThrownBy(() -> AccessPolicies.parse("p.yaml", both))
                .isInstanceOf(PolicyValidationException.class)
                .hasMessageContaining("access_policies[0].approver_groups: a policy with stages names its approvers");
        String empty = """
                access_policies:
                  - name: S
                    profile_type: SCRIPT
                    stages:
                      - name: lead
                        factors: []
                """;
        assertThatThrownBy(() -> AccessPolicies.parse("p.yaml", empty))
                .hasMessageContaining("access_policies[0].stages[0].factors: must be a non-empty list");
        String six = "access_policies:\n  - name: S\n    profile_type: SCRIPT\n    stages:\n"
                + "      - approver_groups: [A]\n".repeat(6);
        assertThatThrownBy(() -> AccessPolicies.parse("p.yaml", six))
                .hasMessageContaining("access_policies[0].stages: must be a list of 1 to 5 stages");
        String allow = """
                access_policies:
                  - name: S
                    profile_type: SCRIPT
                    effect: allow
                    execution_window: 1h
                """;
        assertThatThrownBy(() -> AccessPolicies.parse("p.yaml", allow))
                .hasMessageContaining(
                        "access_policies[0].execution_window: only policies with effect require_approval");
    }
}

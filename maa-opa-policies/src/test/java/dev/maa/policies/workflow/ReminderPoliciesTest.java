package dev.maa.policies.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.maa.api.Action;
import dev.maa.api.Decision;
import dev.maa.api.Factor;
import dev.maa.api.PolicyInput;
import dev.maa.api.Principal;
import dev.maa.api.Reminders;
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

/** {@code remind_after}, {@code escalate_after} and {@code escalation_groups} read, validated, decided (issue 21). */
class ReminderPoliciesTest {

    static final String REMINDING = """
            access_policies:
              - name: Script deployment
                profile_type: SCRIPT
                actions: [DEPLOY]
                approver_groups: [Team Leads]
                remind_after: 4h
                escalate_after: 12h
                escalation_groups: [Security Team]
              - name: Every script
                profile_type: SCRIPT
                approver_groups: [Script Owners]
                remind_after: 240m
                escalate_after: 1d
                escalation_groups: [On Call]
              - name: Apps
                profile_type: APP
                approver_groups: [App Approvers]
            """;

    private static Decision decide(ResourceType type, Action action) {
        try (var engine = EmbeddedRegoPolicyEngine.builder()
                .policySet(PolicySet.of(Map.of("access-policies.yaml", REMINDING)))
                .build()) {
            return engine.decide(new PolicyInput(
                    Principal.of("alice"),
                    ResourceRef.of(type, "obj-1"),
                    action,
                    null,
                    "",
                    "",
                    false,
                    false,
                    Instant.parse("2026-11-23T10:00:00Z")));
        }
    }

    @Test
    void decide_givesEachPolicyItsOwnSchedule_andSummarisesTheShortestIntervals_andEveryEscalatingPolicysGroups() {
        Reminders r = decide(ResourceType.SCRIPT, Action.DEPLOY).reminders();

        assertThat(new Reminders(r.remindAfter(), r.escalateAfter(), r.escalationGroups(), null, null))
                .isEqualTo(Reminders.of(Duration.ofHours(4), Duration.ofHours(12), Set.of("Security Team", "On Call")));
        assertThat(r.schedules())
                .containsExactlyInAnyOrder(
                        Reminders.Schedule.of("Script deployment", Duration.ofHours(4), Duration.ofHours(12)),
                        Reminders.Schedule.of("Every script", Duration.ofHours(4), Duration.ofDays(1)));
    }

    @Test
    void decide_eachFactorNamesItsOwnPolicysEscalationGroups_only() {
        Decision d = decide(ResourceType.SCRIPT, Action.DEPLOY);

        assertThat(d.factors())
                .extracting(Factor::policy, Factor::escalationGroups)
                .containsExactlyInAnyOrder(
                        tuple("Script deployment", Set.of("Security Team")), tuple("Every script", Set.of("On Call")));
        assertThat(decide(ResourceType.APP, Action.DELETE).factors())
                .singleElement()
                .satisfies(f -> assertThat(f.escalationGroups()).isEmpty());
    }

    @Test
    void decide_policyWithoutThem_hasNoReminders() {
        assertThat(decide(ResourceType.APP, Action.DELETE).reminders()).isNull();
        try (var engine = EmbeddedRegoPolicyEngine.builder()
                .policySet(PolicySet.fromClasspath(PolicySet.DEMO))
                .build()) {
            Decision demo = engine.decide(new PolicyInput(
                    Principal.of("alice"),
                    ResourceRef.of(ResourceType.SCRIPT, "s-1"),
                    Action.DEPLOY,
                    null,
                    "",
                    "",
                    false,
                    false,
                    Instant.parse("2026-11-23T10:00:00Z")));
            assertThat(demo.reminders()).isNull();
        }
    }

    @Test
    void parse_escalationWithoutGroups_orGroupsWithoutEscalation_orOnADeny_areProblemsNamingTheField() {
        String noGroups = REMINDING.replace("    escalation_groups: [Security Team]\n", "");
        assertThatThrownBy(() -> AccessPolicies.parse("p.yaml", noGroups))
                .isInstanceOf(PolicyValidationException.class)
                .hasMessageContaining("access_policies[0].escalate_after: needs escalation_groups");
        String noAfter = REMINDING.replace("    escalate_after: 12h\n", "");
        assertThatThrownBy(() -> AccessPolicies.parse("p.yaml", noAfter))
                .hasMessageContaining("access_policies[0].escalation_groups: needs escalate_after");
        String deny = """
                access_policies:
                  - name: S
                    profile_type: SCRIPT
                    effect: deny
                    remind_after: 1h
                """;
        assertThatThrownBy(() -> AccessPolicies.parse("p.yaml", deny))
                .hasMessageContaining("access_policies[0].remind_after: only policies with effect require_approval");
        String longGroup = REMINDING.replace("[Security Team]", "[" + "g".repeat(129) + "]");
        assertThatThrownBy(() -> AccessPolicies.parse("p.yaml", longGroup))
                .hasMessageContaining("names are at most 128 characters");
    }
}

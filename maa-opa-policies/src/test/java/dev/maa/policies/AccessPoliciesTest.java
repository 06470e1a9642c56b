package dev.maa.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.api.Action;
import dev.maa.api.CompletionMode;
import dev.maa.api.Effect;
import dev.maa.api.ResourceType;
import dev.maa.api.TextLimits;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccessPoliciesTest {

    private static final String ISSUE_EXAMPLE = """
            access_policies:
              - name: Protect Windows apps
                description: Desktop team approves app changes
                profile_type: APP
                platforms: windows
                actions: [CREATE, UPDATE, ASSIGN, DELETE]
                approver_groups: [Desktop Change Approvers]
                required_approvals: 1
                ttl: 720h
                urgent_ttl: 4h
                completion: manual
                justification_required: true
                scope_tags: [EU]
            break_glass:
              principals: [emergency-admin-1, emergency-admin-2]
              justification_required: true
              post_review_required: true
            default_effect: deny
            """;

    @Test
    void parse_issueExample_readsEveryField() {
        AccessPolicies p = AccessPolicies.parse("access-policies.yaml", ISSUE_EXAMPLE);
        AccessPolicy a = p.policies().get(0);
        assertThat(a.name()).isEqualTo("Protect Windows apps");
        assertThat(a.profileType()).isEqualTo(ResourceType.APP);
        assertThat(a.platforms()).isEqualTo("windows");
        assertThat(a.actions()).containsExactly(Action.CREATE, Action.UPDATE, Action.ASSIGN, Action.DELETE);
        assertThat(a.effect()).isEqualTo(Effect.REQUIRE_APPROVAL);
        assertThat(a.ttl()).isEqualTo(Duration.ofHours(720));
        assertThat(a.urgentTtl()).isEqualTo(Duration.ofHours(4));
        assertThat(a.completion()).isEqualTo(CompletionMode.MANUAL);
        assertThat(a.scopeTags()).containsExactly("EU");
        assertThat(p.breakGlass().principals()).containsExactly("emergency-admin-1", "emergency-admin-2");
        assertThat(p.defaultEffect()).isEqualTo(Effect.DENY);
    }

    @Test
    void engineBreakGlass_withoutReviewerGroups_letsEveryApproverGroupCloseReviews_andNamedOnesWin() {
        dev.maa.core.BreakGlass defaults =
                AccessPolicies.parse("access-policies.yaml", ISSUE_EXAMPLE).engineBreakGlass();
        assertThat(defaults.principals()).containsExactlyInAnyOrder("emergency-admin-1", "emergency-admin-2");
        assertThat(defaults.justificationRequired()).isTrue();
        assertThat(defaults.reviewerGroups()).containsExactly("Desktop Change Approvers");

        dev.maa.core.BreakGlass named = AccessPolicies.parse(
                        "access-policies.yaml",
                        ISSUE_EXAMPLE.replace(
                                "  post_review_required: true",
                                "  post_review_required: true\n  reviewer_groups: [Security Admins]"))
                .engineBreakGlass();
        assertThat(named.reviewerGroups()).containsExactly("Security Admins");
    }

    @Test
    void toData_normalizesDefaultsAndDurations() {
        AccessPolicies p = AccessPolicies.parse(
                "access-policies.json",
                "{\"access_policies\":[{\"name\":\"Roles\",\"profile_type\":\"ROLE\",\"approver_groups\":\"Security Admins\","
                        + "\"ttl\":\"1d12h\"}]}");
        Map<String, Object> data = p.policies().get(0).toData();
        assertThat(data)
                .containsEntry("platforms", "all")
                .containsEntry("actions", List.of())
                .containsEntry("effect", "require_approval")
                .containsEntry("required_approvals", 1)
                .containsEntry("ttl", "36h")
                .containsEntry("ttl_seconds", 129600L)
                .containsEntry("urgent_ttl", null)
                .containsEntry("approver_groups", List.of("Security Admins"))
                .containsEntry("resource_type", "ROLE");
        assertThat(p.toData()).containsEntry("default_effect", "deny");
    }

    @Test
    void parse_withSeveralMistakes_reportsEachWithFieldAndLine() {
        String yaml = """
                access_policies:
                  - name: Apps
                    profile_type: APPS
                    actions: [DELETE, NUKE]
                    approver_groups: []
                    ttl: forever
                  - name: Apps
                    profile_type: SCRIPT
                    approver_groups: [X]
                    colour: blue
                default_effect: require_approval
                """;
        assertThatThrownBy(() -> AccessPolicies.parse("access-policies.yaml", yaml))
                .isInstanceOf(PolicyValidationException.class)
                .satisfies(
                        e -> assertThat(((PolicyValidationException) e).problems())
                                .extracting(PolicyProblem::toString)
                                .containsExactly(
                                        "access-policies.yaml:3:5: access_policies[0].profile_type: 'APPS' is not one of APP SCRIPT"
                                                + " DEVICE_ACTION ROLE ACCESS_POLICY COMPLIANCE_POLICY CUSTOM",
                                        "access-policies.yaml:4:5: access_policies[0].actions: unknown action 'NUKE'; use CREATE UPDATE"
                                                + " DELETE ASSIGN DEPLOY WIPE RETIRE RESTART EXECUTE",
                                        "access-policies.yaml:5:5: access_policies[0].approver_groups: required: at least one approver"
                                                + " group (Intune: the Approvers page)",
                                        "access-policies.yaml:6:5: access_policies[0].ttl: 'forever' is not a duration (a number must come"
                                                + " before each unit); write " + dev.maa.api.Durations.FORMS,
                                        "access-policies.yaml:10:5: access_policies[1].colour: unknown field 'colour'; expected one of"
                                                + " actions, allow_groups, allow_principals, approval_assurance, approver_groups, completion, custom_resource,"
                                                + " description, effect, enforcement, escalate_after, escalation_groups, execution_window,"
                                                + " justification_required, name, platforms, profile_type, remind_after,"
                                                + " required_approvals, scope_tags, stages, ttl, urgent_ttl",
                                        "access-policies.yaml:7:5: access_policies[1].name: duplicate policy name 'Apps'; names must be unique",
                                        "access-policies.yaml:11:1: default_effect: 'require_approval' is not one of deny, allow"));
    }

    @Test
    void parse_allowPolicyWithApprovers_isRefused() {
        String yaml = """
                access_policies:
                  - name: App admins
                    profile_type: APP
                    effect: allow
                    allow_groups: [App Admins]
                    approver_groups: [X]
                """;
        assertThatThrownBy(() -> AccessPolicies.parse("p.yaml", yaml))
                .hasMessageContaining(
                        "p.yaml:6:5: access_policies[0].approver_groups: only policies with effect require_approval");
    }

    @Test
    void parse_enforcement_isReadAndDefaultsToTheHost_andAnUnknownModeIsAProblem() {
        String yaml = """
                access_policies:
                  - name: Apps
                    profile_type: APP
                    approver_groups: [X]
                    enforcement: audit
                  - name: Scripts
                    profile_type: SCRIPT
                    approver_groups: [X]
                """;
        AccessPolicies p = AccessPolicies.parse("p.yaml", yaml);
        assertThat(p.policies().get(0).enforcement()).isEqualTo(dev.maa.api.Enforcement.AUDIT);
        assertThat(p.policies().get(1).enforcement()).isNull();
        assertThat(p.policies().get(1).toData()).containsEntry("enforcement", "default");

        assertThatThrownBy(() -> AccessPolicies.parse("p.yaml", yaml.replace("audit", "dryrun")))
                .hasMessageContaining(
                        "p.yaml:5:5: access_policies[0].enforcement: 'dryrun' is not one of enforce, audit");
    }

    @Test
    void parse_auditModeOnAnAccessPolicyChangesPolicy_isAProblem() {
        String yaml = PolicySet.fromClasspath(PolicySet.DEMO).files().get("access-policies.yaml");
        String marker = "    profile_type: ACCESS_POLICY\n";
        assertThat(yaml).contains(marker);
        assertThatThrownBy(() -> AccessPolicies.parse(
                        "access-policies.yaml", yaml.replace(marker, marker + "    enforcement: audit\n")))
                .isInstanceOf(PolicyValidationException.class)
                .hasMessageContaining("enforcement: access policy changes are always enforced");
    }

    @Test
    void parse_principalLists_areKeptCanonical_andIdsWithoutCanonicalForm_areProblems() {
        AccessPolicies p = AccessPolicies.parse("access-policies.yaml", """
                access_policies:
                  - name: Deployers
                    profile_type: APP
                    effect: allow
                    allow_principals: [SVC-Deployer]
                break_glass:
                  principals: [Emergency-Admin-1, "ＥＭＥＲＧＥＮＣＹ-admin-2 "]
                """);
        assertThat(p.breakGlass().principals()).containsExactly("emergency-admin-1", "emergency-admin-2");
        assertThat(p.policies().get(0).allowPrincipals()).containsExactly("svc-deployer");

        assertThatThrownBy(() ->
                        AccessPolicies.parse("p.yaml", ISSUE_EXAMPLE.replace("emergency-admin-2", "emergenсy-admin-2")))
                .isInstanceOf(PolicyValidationException.class)
                .hasMessageContaining("break_glass.principals: the principal 'emergenсy-admin-2' is not accepted")
                .hasMessageContaining("mixes the scripts");
    }

    @Test
    void parse_namesLongerThan128Characters_areProblems_andAt128AreAccepted() {
        String longName = "p".repeat(TextLimits.MAX_NAME + 1);
        String longGroup = "g".repeat(TextLimits.MAX_NAME + 1);
        String yaml = """
                access_policies:
                  - name: %s
                    profile_type: APP
                    approver_groups: [%s]
                """;
        assertThatThrownBy(() -> AccessPolicies.parse("p.yaml", yaml.formatted(longName, longGroup)))
                .isInstanceOf(PolicyValidationException.class)
                .hasMessageContaining("access_policies[0].name: is 129 characters long; names are at most 128")
                .hasMessageContaining("access_policies[0].approver_groups[0]: is 129 characters long");
        AccessPolicies ok = AccessPolicies.parse(
                "p.yaml", yaml.formatted("p".repeat(TextLimits.MAX_NAME), "g".repeat(TextLimits.MAX_NAME)));
        assertThat(ok.policies().get(0).name()).hasSize(TextLimits.MAX_NAME);
    }

    @Test
    void parse_brokenYaml_reportsLineAndColumn() {
        assertThatThrownBy(() -> AccessPolicies.parse("p.yaml", "access_policies:\n  - name: [unclosed\n"))
                .isInstanceOf(PolicyValidationException.class)
                .hasMessageStartingWith("Cannot parse p.yaml")
                .hasMessageContaining("p.yaml:2:20:");
    }

    @Test
    void demoPolicies_areValid() {
        AccessPolicies demo = PolicySet.fromClasspath(PolicySet.DEMO).accessPolicies();
        assertThat(demo.policies())
                .extracting(AccessPolicy::name)
                .contains(
                        "App changes",
                        "Script deployment",
                        "Device wipe",
                        "Role management",
                        "App creation by App Admins");
        assertThat(demo.breakGlass().principals()).containsExactly("emergency-admin-1", "emergency-admin-2");
    }
}

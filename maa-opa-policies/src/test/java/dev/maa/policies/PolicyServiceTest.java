package dev.maa.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.api.Action;
import dev.maa.api.ApprovalRequiredException;
import dev.maa.api.Effect;
import dev.maa.api.Maa;
import dev.maa.api.PolicyInput;
import dev.maa.api.Principal;
import dev.maa.api.ResourceRef;
import dev.maa.api.ResourceType;
import dev.maa.api.Status;
import dev.maa.core.MaaEngine;
import dev.maa.core.directory.StaticDirectory;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Seeds 001/002: a policy change is itself a protected, approved, then completed change. */
class PolicyServiceTest {

    private static final Principal ALICE = Principal.of("alice", "App Admins");
    private static final Principal BOB = Principal.of("bob", "Security Admins");

    private EmbeddedRegoPolicyEngine engine;
    private MaaEngine maa;
    private PolicyService service;
    private PolicyRevisionStore store;

    @BeforeEach
    void setUp() {
        engine = EmbeddedRegoPolicyEngine.demo();
        maa = MaaEngine.builder()
                .policyEngine(engine)
                .allowPackages("dev.maa.policies")
                .directory(StaticDirectory.builder()
                        .user("alice", "App Admins")
                        .user("bob", "Security Admins")
                        .build())
                .build();
        store = new InMemoryPolicyRevisionStore();
        service = new PolicyService(maa, engine, store);
    }

    private static PolicySet withScriptDeleteProtected() {
        PolicySet demo = PolicySet.fromClasspath(PolicySet.DEMO);
        Map<String, String> files = new LinkedHashMap<>(demo.files());
        files.put(
                "access-policies.yaml", demo.files().get("access-policies.yaml").replace("""
                  - name: Device wipe
                """, """
                  - name: Script deletion
                    profile_type: SCRIPT
                    actions: [DELETE]
                    approver_groups: [Security Admins]

                  - name: Device wipe
                """));
        return PolicySet.of(files);
    }

    @Test
    void push_parksAccessPolicyRequest_thenApprovalAndCompletionActivateTheNewRevision() {
        String before = engine.revision();
        PolicySet next = withScriptDeleteProtected();
        String requestId;
        try (var who = Maa.actingAs(ALICE);
                var why = Maa.justify("CHG-77 protect script deletion")) {
            ApprovalRequiredException e = org.junit.jupiter.api.Assertions.assertThrows(
                    ApprovalRequiredException.class, () -> service.push(next, ""));
            requestId = e.requestId();
        }
        var request = maa.approvals().get(requestId);
        assertThat(request.resource().type()).isEqualTo(ResourceType.ACCESS_POLICY);
        assertThat(request.factors())
                .singleElement()
                .satisfies(f -> assertThat(f.approverGroups()).containsExactly("Security Admins"));
        assertThat(service.diff(requestId))
                .contains("+++ b/access-policies.yaml")
                .contains("+  - name: Script deletion");
        assertThat(engine.revision()).isEqualTo(before);

        maa.approvals().approve(requestId, BOB, "looks right");
        var done = maa.approvals().complete(requestId, ALICE);

        assertThat(done.status()).isEqualTo(Status.COMPLETED);
        assertThat(engine.revision()).isNotEqualTo(before);
        assertThat(engine.policySet()).isEqualTo(next);
        assertThat(engine.decide(scriptDelete()).effect()).isEqualTo(Effect.REQUIRE_APPROVAL);
        PolicyRevision active = service.active().orElseThrow();
        assertThat(active.number()).isEqualTo(1);
        assertThat(active.approvers()).containsExactly("bob");
        assertThat(active.requester()).isEqualTo("alice");
        assertThat(active.justification()).isEqualTo("CHG-77 protect script deletion");
        assertThat(PolicyCommands.list(service)).contains("approved by bob").startsWith("*    1");
    }

    @Test
    void push_withCompileError_isRefusedWithFileLineCol() {
        PolicySet broken = PolicySet.of(Map.of(
                "access-policies.yaml",
                "access_policies: []\n",
                "custom.rego",
                "package maa.custom\n\ndeny contains r if {\n  r := \n}\n"));
        assertThatThrownBy(() -> service.push(broken, ""))
                .isInstanceOf(PolicyValidationException.class)
                .hasMessageContaining("custom.rego:5:");
    }

    @Test
    void push_withFailingTests_isRefusedUnlessForced_andTheOverrideIsRecorded() {
        PolicySet failing = PolicySet.of(Map.of(
                "access-policies.yaml",
                "access_policies: []\n",
                "mine_test.rego",
                "package mine_test\n\ntest_never if false\n"));
        assertThatThrownBy(() -> service.push(failing, ""))
                .isInstanceOf(PolicyTestsFailedException.class)
                .hasMessageContaining("data.mine_test.test_never");
        String override = PolicyService.validate(failing, "INC-5 hotfix, test fixed tomorrow");
        assertThat(override).contains("data.mine_test.test_never").endsWith("INC-5 hotfix, test fixed tomorrow");
        try (var who = Maa.actingAs(ALICE);
                var why = Maa.justify("INC-5")) {
            assertThatThrownBy(() -> service.push(failing, "INC-5 hotfix"))
                    .isInstanceOf(ApprovalRequiredException.class);
        }
    }

    private static PolicyInput scriptDelete() {
        return new PolicyInput(
                Principal.of("alice"),
                ResourceRef.of(ResourceType.SCRIPT, "s-1"),
                Action.DELETE,
                null,
                "",
                "x",
                false,
                false,
                Instant.parse("2026-11-23T10:00:00Z"));
    }
}

package dev.maa.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.maa.api.ApprovalRequiredException;
import dev.maa.api.Maa;
import dev.maa.api.MaaException;
import dev.maa.api.Principal;
import dev.maa.api.Status;
import dev.maa.core.MaaEngine;
import dev.maa.core.directory.StaticDirectory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue 20: one access policy or one Rego module changed at a time, pushed like a whole set, on a known base. */
class PolicyEditTest {

    private static final Principal ALICE = Principal.of("alice", "App Admins");
    private static final Principal BOB = Principal.of("bob", "Security Admins");
    private static final PolicySet DEMO = PolicySet.fromClasspath(PolicySet.DEMO);

    private MaaEngine maa;
    private PolicyService service;

    @BeforeEach
    void setUp() {
        EmbeddedRegoPolicyEngine engine = EmbeddedRegoPolicyEngine.demo();
        maa = MaaEngine.builder()
                .policyEngine(engine)
                .allowPackages("dev.maa.policies")
                .directory(StaticDirectory.builder()
                        .user("alice", "App Admins")
                        .user("bob", "Security Admins")
                        .build())
                .build();
        service = new PolicyService(maa, engine, new InMemoryPolicyRevisionStore());
    }

    private static Map<String, Object> scriptDeletion(String ttl) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", "Script deletion");
        p.put("profile_type", "SCRIPT");
        p.put("actions", List.of("DELETE"));
        p.put("approver_groups", List.of("Security Admins"));
        p.put("required_approvals", 1);
        p.put("ttl", ttl);
        return p;
    }

    private static String data(PolicySet set) {
        return set.files().get("access-policies.yaml");
    }

    @Test
    void putPolicy_new_isAppendedAndEveryCommentIsKept() {
        PolicySet next = new PolicyEdit.PutPolicy("", scriptDeletion("12h")).applyTo(DEMO);

        assertThat(next.accessPolicies().policies())
                .hasSize(DEMO.accessPolicies().policies().size() + 1);
        assertThat(next.accessPolicies().policies().get(6).name()).isEqualTo("Script deletion");
        assertThat(data(next))
                .startsWith(data(DEMO)
                        .substring(0, data(DEMO).indexOf("break_glass:"))
                        .stripTrailing());
        assertThat(data(next)).contains("# close post-emergency reviews").contains("# Demo access policies");
        assertThat(data(next)).contains("  - name: Script deletion\n    profile_type: SCRIPT\n");
    }

    @Test
    void putPolicy_existing_replacesOnlyItsLines() {
        Map<String, Object> wipe = new LinkedHashMap<>(scriptDeletion("2h"));
        wipe.put("name", "Device wipe (renamed)");
        wipe.put("profile_type", "DEVICE_ACTION");
        wipe.put("actions", List.of("WIPE"));
        PolicySet next = new PolicyEdit.PutPolicy("Device wipe", wipe).applyTo(DEMO);

        List<String> names = next.accessPolicies().policies().stream()
                .map(AccessPolicy::name)
                .toList();
        assertThat(names)
                .containsExactly(
                        "App changes",
                        "App creation by App Admins",
                        "Script deployment",
                        "Device wipe (renamed)",
                        "Role management",
                        "Access policy changes");
        assertThat(next.accessPolicies().policies().get(3).ttl()).hasHours(2);
        assertThat(UnifiedDiff.of(DEMO, next))
                .contains("-    description: Factory")
                .doesNotContain("-  - name: Role management")
                .doesNotContain("-  - name: App changes");
    }

    @Test
    void deletePolicy_removesItsEntryOnly() {
        PolicySet next = new PolicyEdit.DeletePolicy("Script deployment").applyTo(DEMO);

        assertThat(next.accessPolicies().policies())
                .extracting(AccessPolicy::name)
                .doesNotContain("Script deployment");
        assertThat(next.accessPolicies().policies()).hasSize(5);
        assertThat(data(next))
                .doesNotContain("seed 004)\n    profile_type: SCRIPT")
                .contains("default_effect: deny");
    }

    @Test
    void putPolicy_withTheNameOfAnother_isRefusedAsAConflict() {
        Map<String, Object> p = scriptDeletion("1h");
        p.put("name", "Role management");
        assertThatThrownBy(() -> new PolicyEdit.PutPolicy("Device wipe", p).applyTo(DEMO))
                .isInstanceOf(PolicyEditException.class)
                .hasMessageContaining("'Role management' already exists")
                .extracting(e -> ((MaaException) e).kind())
                .isEqualTo(MaaException.Kind.CONFLICT);
        assertThatThrownBy(() -> new PolicyEdit.DeletePolicy("Nope").applyTo(DEMO))
                .isInstanceOf(PolicyEditException.class)
                .extracting(e -> ((MaaException) e).kind())
                .isEqualTo(MaaException.Kind.NOT_FOUND);
    }

    @Test
    void edit_withAnInvalidField_isRefusedAtItsLineAndColumnInTheEditedFile() {
        PolicyValidationException e = assertThrows(
                PolicyValidationException.class,
                () -> service.edit(0, List.of(new PolicyEdit.PutPolicy("", scriptDeletion("soon"))), ""));

        PolicyProblem p = e.problems().get(0);
        assertThat(p.file()).isEqualTo("access-policies.yaml");
        assertThat(p.field()).isEqualTo("access_policies[6].ttl");
        PolicySet edited = new PolicyEdit.PutPolicy("", scriptDeletion("soon")).applyTo(DEMO);
        String line = data(edited).split("\n", -1)[p.line() - 1];
        assertThat(line.substring(p.column() - 1)).startsWith("ttl: soon");
    }

    @Test
    void putModule_withASyntaxError_isRefusedAtItsLine() {
        PolicyEdit broken =
                new PolicyEdit.PutModule("custom.rego", "package maa.custom\n\nfactors contains f if {\n  f := \n}\n");
        PolicyValidationException e =
                assertThrows(PolicyValidationException.class, () -> service.test(List.of(broken)));
        assertThat(e.problems().get(0).file()).isEqualTo("custom.rego");
        assertThat(e.problems().get(0).line()).isEqualTo(5);
        assertThat(e.problems().get(0).column()).isPositive();
    }

    @Test
    void test_runsTheEditedSetsTests_andReportsEachFailure() {
        PolicyTestReport report = service.test(List.of(new PolicyEdit.PutModule(
                "mine_test.rego", "package mine_test\n\ntest_never if false\n\ntest_ok if true\n")));
        assertThat(report.failures()).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo("data.mine_test.test_never");
            assertThat(r.file()).startsWith("mine_test.rego");
        });
        assertThat(report.passed()).isGreaterThan(1);
    }

    @Test
    void edit_parksOneAccessPolicyRequest_andAnotherAdminsApprovalActivatesIt() {
        String requestId;
        try (var who = Maa.actingAs(ALICE);
                var why = Maa.justify("CHG-9")) {
            requestId = assertThrows(
                            ApprovalRequiredException.class,
                            () -> service.edit(0, List.of(new PolicyEdit.PutPolicy("", scriptDeletion("12h"))), ""))
                    .requestId();
        }
        assertThat(service.diff(requestId)).contains("+  - name: Script deletion");
        maa.approvals().approve(requestId, BOB, "ok");
        assertThat(maa.approvals().complete(requestId, ALICE).status()).isEqualTo(Status.COMPLETED);

        assertThat(service.activeNumber()).isEqualTo(1);
        assertThat(service.activeSet().accessPolicies().policies())
                .extracting(AccessPolicy::name)
                .contains("Script deletion");
    }

    @Test
    void edit_onAStaleBase_isRefusedWithTheDiffToRebase() {
        try (var who = Maa.actingAs(ALICE);
                var why = Maa.justify("CHG-9")) {
            String id = assertThrows(
                            ApprovalRequiredException.class,
                            () -> service.edit(0, List.of(new PolicyEdit.DeletePolicy("Role management")), ""))
                    .requestId();
            maa.approvals().approve(id, BOB, "ok");
            maa.approvals().complete(id, ALICE);
        }
        try (var who = Maa.actingAs(ALICE);
                var why = Maa.justify("CHG-10")) {
            service.edit(1, List.of(new PolicyEdit.DeletePolicy("Device wipe")), "");
        } catch (ApprovalRequiredException parked) {
            String id = parked.requestId();
            maa.approvals().approve(id, BOB, "ok");
            maa.approvals().complete(id, ALICE);
        }

        StalePolicyBaseException e = assertThrows(
                StalePolicyBaseException.class,
                () -> service.edit(1, List.of(new PolicyEdit.DeletePolicy("App changes")), ""));
        assertThat(e.kind()).isEqualTo(MaaException.Kind.CONFLICT);
        assertThat(e.base()).isEqualTo(1);
        assertThat(e.active()).isEqualTo(2);
        assertThat(e.diff()).contains("-  - name: Device wipe").doesNotContain("Role management");
        assertThat(maa.store().findOpen("ACCESS_POLICY/access-policies")).isEmpty();
    }
}

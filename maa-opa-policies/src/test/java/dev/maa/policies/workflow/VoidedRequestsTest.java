package dev.maa.policies.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.maa.api.Action;
import dev.maa.api.ApprovalRequest;
import dev.maa.api.ApprovalRequiredException;
import dev.maa.api.AuditEventType;
import dev.maa.api.IllegalRequestStateException;
import dev.maa.api.Maa;
import dev.maa.api.Notification;
import dev.maa.api.Principal;
import dev.maa.api.Protected;
import dev.maa.api.ResourceType;
import dev.maa.api.Status;
import dev.maa.core.BackgroundJobs;
import dev.maa.core.MaaEngine;
import dev.maa.core.directory.StaticDirectory;
import dev.maa.policies.EmbeddedRegoPolicyEngine;
import dev.maa.policies.InMemoryPolicyRevisionStore;
import dev.maa.policies.PolicyService;
import dev.maa.policies.PolicySet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A policy push that changes a request's rules voids it (issue 21): removing an approver group from the app policy
 * voids the open app requests, waiting or approved, with the reason and the revision; the script request, whose policy
 * did not change, carries on and runs. A voided request never runs.
 */
class VoidedRequestsTest {

    /** The protected operations of this test. */
    public interface Ops {
        @Protected(resource = ResourceType.APP, action = Action.DELETE)
        void deleteApp(String appId);

        @Protected(resource = ResourceType.SCRIPT, action = Action.DEPLOY)
        void deployScript(String scriptId);
    }

    static final String POLICIES = """
            access_policies:
              - name: Access policy changes
                profile_type: ACCESS_POLICY
                approver_groups: [Security Admins]
              - name: App deletion
                profile_type: APP
                actions: [DELETE]
                approver_groups: [App Approvers, Helpdesk Leads]
              - name: Script deployment
                profile_type: SCRIPT
                actions: [DEPLOY]
                approver_groups: [Script Owners]
            """;

    private static final Principal ALICE = Principal.of("alice");
    private static final Principal BOB = Principal.of("bob");
    private static final Principal SEC = Principal.of("sec");

    private final List<String> ran = new ArrayList<>();
    private final List<Notification> told = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final EmbeddedRegoPolicyEngine rego = EmbeddedRegoPolicyEngine.builder()
            .policySet(PolicySet.of(Map.of("access-policies.yaml", POLICIES)))
            .build();
    private final MaaEngine maa = MaaEngine.builder()
            .policyEngine(rego)
            .allowPackages("dev.maa.policies")
            .notifier(told::add)
            .directory(StaticDirectory.builder()
                    .user("alice", "Developers")
                    .user("bob", "Helpdesk Leads", "Script Owners")
                    .user("sec", "Security Admins")
                    .build())
            .build();
    private final PolicyService policies = new PolicyService(maa, rego, new InMemoryPolicyRevisionStore());
    private final Ops ops = maa.protect(Ops.class, new Ops() {
        @Override
        public void deleteApp(String appId) {
            ran.add("delete " + appId);
        }

        @Override
        public void deployScript(String scriptId) {
            ran.add("deploy " + scriptId);
        }
    });

    private static String park(Principal as, Runnable call) {
        try (var who = Maa.actingAs(as);
                var why = Maa.justify("CHG-21")) {
            call.run();
        } catch (ApprovalRequiredException e) {
            return e.requestId();
        }
        throw new AssertionError("the call ran instead of being parked");
    }

    @Test
    void push_removingAnApproverGroup_voidsTheRequestsThatUsedIt_andUnrelatedOnesContinue() {
        String waiting = park(ALICE, () -> ops.deleteApp("app-1"));
        String approved = park(ALICE, () -> ops.deleteApp("app-2"));
        maa.approvals().approve(approved, BOB, "ok");
        String script = park(ALICE, () -> ops.deployScript("s-1"));
        String before = rego.revision();

        String push = park(
                ALICE,
                () -> policies.push(
                        PolicySet.of(Map.of(
                                "access-policies.yaml",
                                POLICIES.replace("[App Approvers, Helpdesk Leads]", "[App Approvers]"))),
                        ""));
        maa.approvals().approve(push, SEC, "remove helpdesk from app deletion");
        assertThat(maa.approvals().complete(push, ALICE).status()).isEqualTo(Status.COMPLETED);

        String revision = rego.revision();
        assertThat(revision).isNotEqualTo(before);
        for (String id : List.of(waiting, approved)) {
            ApprovalRequest r = maa.approvals().get(id);
            assertThat(r.status()).isEqualTo(Status.VOIDED);
            assertThat(r.outcome()).contains("voided by policy revision " + revision, "Helpdesk Leads");
            assertThat(maa.approvals().auditLog().forRequest(id))
                    .last()
                    .satisfies(e -> assertThat(e.event().type()).isEqualTo(AuditEventType.VOIDED.name()));
            assertThat(told).as("the requester is told why").anySatisfy(n -> {
                assertThat(n.kind()).isEqualTo(Notification.Kind.VOIDED);
                assertThat(n.request().id()).isEqualTo(id);
                assertThat(n.recipients()).containsExactly("alice");
                assertThat(n.text()).contains("Helpdesk Leads");
            });
        }
        assertThatThrownBy(() -> maa.approvals().complete(approved, ALICE))
                .isInstanceOf(IllegalRequestStateException.class)
                .hasMessageContaining("VOIDED");
        assertThat(ran).isEmpty();

        ApprovalRequest carriesOn = maa.approvals().get(script);
        assertThat(carriesOn.status()).isEqualTo(Status.NEEDS_APPROVAL);
        assertThat(carriesOn.policyRevision()).isEqualTo(revision);
        maa.approvals().approve(script, BOB, "ok");
        assertThat(maa.approvals().complete(script, ALICE).status()).isEqualTo(Status.COMPLETED);
        assertThat(ran).containsExactly("deploy s-1");
    }

    @Test
    void hotReload_ofANewRevision_voidsTheOpenRequestsItChanged_atOnce_notAtTheNextJobRun() throws Exception {
        String waiting = park(ALICE, () -> ops.deleteApp("app-5"));
        String script = park(ALICE, () -> ops.deployScript("s-5"));
        try (BackgroundJobs jobs = maa.startBackgroundJobs(Duration.ofHours(1))) { // the next run is an hour away
            // a first reload that changes nothing for the requests: once it carried them on, the jobs' first run
            // (which comes before anything it asked for on the jobs' one thread) is behind us
            rego.activate(PolicySet.of(Map.of("access-policies.yaml", POLICIES + "# reloaded\n")));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> maa.approvals().get(script).policyRevision().equals(rego.revision()));
            assertThat(maa.approvals().get(script).policyRevision()).isEqualTo(rego.revision());

            rego.activate(PolicySet.of(Map.of(
                    "access-policies.yaml", POLICIES.replace("[App Approvers, Helpdesk Leads]", "[App Approvers]"))));

            // bounded wait for the jobs' thread, which the activation asked to revalidate now
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> maa.approvals().get(waiting).status() == Status.VOIDED);
            assertThat(maa.approvals().get(waiting).status()).isEqualTo(Status.VOIDED);
            assertThat(maa.approvals().get(waiting).outcome()).contains("voided by policy revision " + rego.revision());
            assertThat(maa.approvals().get(script).status()).isEqualTo(Status.NEEDS_APPROVAL);
        }
        assertThat(ran).isEmpty();
    }

    @Test
    void approvedRequest_isVoidedAtCompletion_whenThePolicyChangedWithoutASweep() {
        String id = park(ALICE, () -> ops.deleteApp("app-3"));
        maa.approvals().approve(id, BOB, "ok");
        rego.activate(PolicySet.of(Map.of(
                "access-policies.yaml",
                POLICIES.replace("actions: [DELETE]", "actions: [DELETE]\n    effect: deny")
                        .replace("    approver_groups: [App Approvers, Helpdesk Leads]\n", ""))));

        assertThatThrownBy(() -> maa.approvals().complete(id, ALICE))
                .isInstanceOf(IllegalRequestStateException.class)
                .hasMessageContaining("VOIDED");

        assertThat(maa.approvals().get(id).outcome()).contains("the call would now be denied");
        assertThat(ran).isEmpty();
    }
}

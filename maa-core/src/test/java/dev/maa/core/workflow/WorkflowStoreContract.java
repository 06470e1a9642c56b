package dev.maa.core.workflow;

import static dev.maa.core.testing.Fixtures.ALICE;
import static dev.maa.core.testing.Fixtures.APP_APPROVERS;
import static dev.maa.core.testing.Fixtures.BOB;
import static dev.maa.core.testing.Fixtures.BREAK_GLASS_REVIEWERS;
import static dev.maa.core.testing.Fixtures.CAB;
import static dev.maa.core.testing.Fixtures.CAROL;
import static dev.maa.core.testing.Fixtures.DAVE;
import static dev.maa.core.testing.Fixtures.SECURITY_ADMINS;
import static dev.maa.core.testing.Parking.park;
import static org.assertj.core.api.Assertions.assertThat;

import dev.maa.api.Action;
import dev.maa.api.ApprovalRequest;
import dev.maa.api.ChatMessages;
import dev.maa.api.Factor;
import dev.maa.api.RequestQuery;
import dev.maa.api.RequestStore;
import dev.maa.api.ResourceType;
import dev.maa.api.Status;
import dev.maa.core.MaaEngine;
import dev.maa.core.QuorumProgress;
import dev.maa.core.policy.RuleBasedPolicyEngine;
import dev.maa.core.testing.AppAdmin;
import dev.maa.core.testing.Fixtures;
import dev.maa.core.testing.RecordingAppAdmin;
import dev.maa.core.testing.TestClock;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Stages, withdrawals and execution windows through a real store (issue 21): every engine below starts from what the
 * store holds, so stages, the execution window and the approval deadline must survive the store's own form of a
 * request. Subclasses give the store (in-memory here; H2 and PostgreSQL in maa-store-jdbc).
 */
public abstract class WorkflowStoreContract {

    private final TestClock clock = new TestClock();
    private final RecordingAppAdmin target = new RecordingAppAdmin();
    private RequestStore store;

    protected abstract RequestStore openStore();

    protected void closeStore(RequestStore s) {}

    @BeforeEach
    void open() {
        store = openStore();
    }

    @AfterEach
    void close() {
        closeStore(store);
    }

    /** The security stage's approver group: a test replaces it, as a policy push would. */
    private String securityGroup = SECURITY_ADMINS;

    /** The policies' reminder interval, {@code null} = none (a test sets it). */
    private Duration remindAfter;

    /** A fresh engine on the store, as another node or a restart would be. */
    private MaaEngine engine() {
        RuleBasedPolicyEngine.Builder policies = RuleBasedPolicyEngine.builder();
        if (remindAfter != null) {
            policies.remindAfter(remindAfter);
        }
        return Fixtures.engine(clock, Fixtures.directory())
                .store(store)
                .policyEngine(policies.requireApproval(
                                ResourceType.APP,
                                Set.of(Action.DELETE),
                                Factor.of("lead", 1, APP_APPROVERS),
                                Factor.of("security", 1, securityGroup).inStage(2))
                        .requireApproval(ResourceType.SCRIPT, Set.of(Action.DEPLOY), Factor.of("scripts", 1, CAB))
                        .ttl(Duration.ofHours(24))
                        .executionWindow(Duration.ofHours(2))
                        .escalateAfter(Duration.ofHours(1), BREAK_GLASS_REVIEWERS)
                        .build())
                .build();
    }

    @Test
    void twoStages_withdrawnAndApprovedAgain_runOnce_acrossEngines() {
        AppAdmin apps = engine().protect(AppAdmin.class, target);
        String id = park(ALICE, () -> apps.deleteApp("app-1"));
        engine().approvals().approve(id, BOB, "lead ok");
        assertThat(engine().approvals().approve(id, DAVE, "security ok").status())
                .isEqualTo(Status.APPROVED);

        ApprovalRequest back = engine().approvals().withdraw(id, DAVE, "one more check");
        assertThat(back.status()).isEqualTo(Status.NEEDS_APPROVAL);
        ApprovalRequest stored = engine().approvals().get(id);
        assertThat(stored.factors()).extracting(Factor::stage).containsExactly(1, 2);
        assertThat(stored.executionWindow()).isEqualTo(Duration.ofHours(2));
        assertThat(stored.approvalExpiresAt()).isNull();
        assertThat(QuorumProgress.of(stored).currentStage()).isEqualTo(2);

        engine().approvals().approve(id, DAVE, "checked");
        MaaEngine runner = engine();
        runner.protect(AppAdmin.class, target);
        ApprovalRequest done = runner.approvals().complete(id, ALICE);
        assertThat(done.status()).as(done.outcome()).isEqualTo(Status.COMPLETED);
        assertThat(target.calls()).hasSize(1);
    }

    @Test
    void escalation_reachesTheEscalationGroupsInbox_andTheEscalatedApprovalRuns() {
        AppAdmin apps = engine().protect(AppAdmin.class, target);
        String id = park(ALICE, () -> apps.deleteApp("app-3"));
        RequestQuery inbox = RequestQuery.all().received(Set.of(BREAK_GLASS_REVIEWERS));
        assertThat(engine().approvals().list(inbox)).isEmpty();
        clock.advance(Duration.ofHours(1));

        assertThat(engine().approvals().remindDue()).isEqualTo(1);

        assertThat(engine().approvals().list(inbox))
                .extracting(ApprovalRequest::id)
                .containsExactly(id);
        engine().approvals().approve(id, DAVE, "escalated to me: lead ok");
        engine().approvals().approve(id, BOB, "security ok");
        MaaEngine runner = engine();
        runner.protect(AppAdmin.class, target);
        ApprovalRequest done = runner.approvals().complete(id, ALICE);
        assertThat(done.status()).as(done.outcome()).isEqualTo(Status.COMPLETED);
        assertThat(target.calls()).hasSize(1);
    }

    /** A fresh engine whose policies each have their own reminder and escalation timing. */
    private MaaEngine perPolicyEngine() {
        return Fixtures.engine(clock, Fixtures.directory())
                .store(store)
                .policyEngine(RuleBasedPolicyEngine.builder()
                        .requireApproval(
                                ResourceType.APP,
                                Set.of(Action.DELETE),
                                Factor.of("lead", 1, APP_APPROVERS).escalatingTo(Set.of(HELPDESK)),
                                Factor.of("security", 1, SECURITY_ADMINS)
                                        .inStage(2)
                                        .escalatingTo(Set.of(BREAK_GLASS_REVIEWERS)))
                        .requireApproval(
                                ResourceType.SCRIPT,
                                Set.of(Action.DEPLOY),
                                Factor.of("scripts", 1, CAB).escalatingTo(Set.of(BREAK_GLASS_REVIEWERS)))
                        .reminders("lead", null, Duration.ofHours(1))
                        .reminders("security", Duration.ofMinutes(30), Duration.ofHours(2))
                        .reminders("scripts", null, Duration.ofHours(3))
                        .ttl(Duration.ofHours(24))
                        .build())
                .build();
    }

    private static final String HELPDESK = "Helpdesk";

    @Test
    void perPolicySchedules_surviveTheStore_dueMovesWithTheStage_andEachEscalationFillsItsOwnInbox() {
        AppAdmin apps = perPolicyEngine().protect(AppAdmin.class, target);
        String app = park(ALICE, () -> apps.deleteApp("app-7"));
        String script = park(ALICE, () -> apps.deployScript("s-3"));
        RequestQuery helpdesk = RequestQuery.all().received(Set.of(HELPDESK));
        RequestQuery securityTeam = RequestQuery.all().received(Set.of(BREAK_GLASS_REVIEWERS));
        assertThat(store.remindersDue(clock.instant(), 10)).isEmpty();

        clock.advance(Duration.ofHours(1));
        assertThat(store.remindersDue(clock.instant(), 10))
                .extracting(ApprovalRequest::id)
                .containsExactly(app);
        assertThat(perPolicyEngine().approvals().remindDue())
                .as("lead's escalation alone")
                .isEqualTo(1);
        assertThat(perPolicyEngine().approvals().list(helpdesk))
                .extracting(ApprovalRequest::id)
                .containsExactly(app);
        assertThat(perPolicyEngine().approvals().list(securityTeam)).isEmpty();

        perPolicyEngine().approvals().approve(app, BOB, "lead ok"); // stage 2 opens: its schedule starts now
        assertThat(store.remindersDue(clock.instant(), 10)).isEmpty();
        clock.advance(Duration.ofMinutes(30));
        assertThat(store.remindersDue(clock.instant(), 10))
                .extracting(ApprovalRequest::id)
                .containsExactly(app);
        assertThat(perPolicyEngine().approvals().remindDue())
                .as("security's reminder")
                .isEqualTo(1);
        assertThat(store.remindersDue(clock.instant(), 10)).isEmpty();

        clock.advance(Duration.ofMinutes(90)); // 3h: security escalates (2h after its stage opened), scripts too
        assertThat(perPolicyEngine().approvals().remindDue()).isEqualTo(3);
        assertThat(perPolicyEngine().approvals().list(securityTeam))
                .extracting(ApprovalRequest::id)
                .containsExactlyInAnyOrder(app, script);
        ApprovalRequest stored = perPolicyEngine().approvals().get(app);
        assertThat(stored.reminders().schedule("lead").escalatedAt()).isNotNull();
        assertThat(stored.reminders().schedule("security").escalatedAt()).isNotNull();
        assertThat(stored.factors().get(1).approverGroups()).contains(BREAK_GLASS_REVIEWERS);

        perPolicyEngine().approvals().approve(app, DAVE, "security ok");
        MaaEngine runner = perPolicyEngine();
        runner.protect(AppAdmin.class, target);
        ApprovalRequest done = runner.approvals().complete(app, ALICE);
        assertThat(done.status()).as(done.outcome()).isEqualTo(Status.COMPLETED);
        assertThat(store.remindersDue(clock.instant().plus(Duration.ofDays(1)), 10))
                .as("completed, and scripts escalated with no reminders to send")
                .isEmpty();
    }

    @Test
    void chatMessages_arePerRequestAndChannel_readByAnyEngine_andNeverGoBackToAnOlderCard() {
        ChatMessages cards = (ChatMessages) store; // every built-in store keeps them
        assertThat(cards.find("r-1", "slack")).isNull();
        cards.record("r-1", "slack", new ChatMessages.Posted("C1:1.1", 1));
        cards.record("r-1", "teams", new ChatMessages.Posted("act-1", 1));
        cards.record("r-1", "slack", new ChatMessages.Posted("C1:1.1", 3));
        cards.record("r-1", "slack", new ChatMessages.Posted("C1:0.9", 2)); // a late, older delivery

        assertThat(cards.find("r-1", "slack")).isEqualTo(new ChatMessages.Posted("C1:1.1", 3));
        assertThat(cards.find("r-1", "teams")).isEqualTo(new ChatMessages.Posted("act-1", 1));
        assertThat(cards.find("r-2", "slack")).isNull();
    }

    @Test
    void policyChange_voidsTheRequestsItChanged_storedAsVoided_andUnrelatedOnesCarryOn() {
        AppAdmin apps = engine().protect(AppAdmin.class, target);
        String app = park(ALICE, () -> apps.deleteApp("app-4"));
        engine().approvals().approve(app, BOB, "lead ok");
        String script = park(ALICE, () -> apps.deployScript("s-1"));
        securityGroup = BREAK_GLASS_REVIEWERS;

        assertThat(engine().approvals().revalidateOpen()).isEqualTo(1);

        ApprovalRequest voided = engine().approvals().get(app);
        assertThat(voided.status()).isEqualTo(Status.VOIDED);
        assertThat(voided.outcome()).contains("approval factors changed", SECURITY_ADMINS);
        assertThat(engine().approvals().list(RequestQuery.all().withStatuses(Set.of(Status.VOIDED))))
                .extracting(ApprovalRequest::id)
                .containsExactly(app);
        assertThat(engine().approvals().get(script).status()).isEqualTo(Status.NEEDS_APPROVAL);
        engine().approvals().approve(script, CAROL, "ok");
        MaaEngine runner = engine();
        runner.protect(AppAdmin.class, target);
        assertThat(runner.approvals().complete(script, ALICE).status()).isEqualTo(Status.COMPLETED);
        assertThat(target.calls()).hasSize(1);
    }

    @Test
    void executionWindow_passed_isExpiredByTheSweep_withItsReason() {
        AppAdmin apps = engine().protect(AppAdmin.class, target);
        String id = park(ALICE, () -> apps.deleteApp("app-2"));
        engine().approvals().approve(id, BOB, "lead ok");
        ApprovalRequest approved = engine().approvals().approve(id, DAVE, "security ok");
        assertThat(engine().approvals().get(id).approvalExpiresAt()).isAfter(approved.expiresAt());
        clock.advance(Duration.ofHours(2));

        assertThat(engine().approvals().expireDue()).isEqualTo(1);
        ApprovalRequest expired = engine().approvals().get(id);
        assertThat(expired.status()).isEqualTo(Status.EXPIRED);
        assertThat(expired.outcome()).contains("execution window of 2h");
        assertThat(target.calls()).isEmpty();
    }

    @Test
    void remindersDue_holdsWhatIsDue_movesWithEachFiring_andLeavesWithApproval() {
        remindAfter = Duration.ofMinutes(40);
        AppAdmin apps = engine().protect(AppAdmin.class, target);
        String app = park(ALICE, () -> apps.deleteApp("app-5"));
        String script = park(ALICE, () -> apps.deployScript("s-2"));
        engine().approvals().approve(script, CAROL, "ok"); // APPROVED: nothing to remind of
        assertThat(store.remindersDue(clock.instant(), 10)).isEmpty();

        clock.advance(Duration.ofMinutes(40));
        assertThat(store.remindersDue(clock.instant(), 10))
                .extracting(ApprovalRequest::id)
                .containsExactly(app);
        assertThat(engine().approvals().remindDue()).isEqualTo(1); // the reminder
        assertThat(store.remindersDue(clock.instant(), 10)).isEmpty();

        clock.advance(Duration.ofMinutes(20)); // the escalation is due at 1h, before the next reminder at 1h20m
        assertThat(store.remindersDue(clock.instant(), 10))
                .extracting(ApprovalRequest::id)
                .containsExactly(app);
        assertThat(engine().approvals().remindDue()).isEqualTo(1); // the escalation
        assertThat(store.remindersDue(clock.instant(), 10)).isEmpty();

        engine().approvals().withdraw(script, CAROL, "not yet"); // back to NEEDS_APPROVAL: due again
        assertThat(store.remindersDue(clock.instant(), 10))
                .extracting(ApprovalRequest::id)
                .containsExactly(script);
        assertThat(store.remindersDue(clock.instant(), 1)).hasSize(1);
        engine().approvals().cancel(script, ALICE, "later");
        clock.advance(Duration.ofMinutes(20));
        assertThat(store.remindersDue(clock.instant(), 10))
                .extracting(ApprovalRequest::id)
                .containsExactly(app);
    }

    @Test
    void revalidation_laterRunsUnderOneRevision_stillVoidWhatAnotherNodeParkedSince() {
        AppAdmin apps = engine().protect(AppAdmin.class, target); // the old rules: security by SECURITY_ADMINS
        String before = park(ALICE, () -> apps.deleteApp("app-6"));
        securityGroup = BREAK_GLASS_REVIEWERS;
        MaaEngine sweeper = engine(); // a node under the new rules
        assertThat(sweeper.approvals().revalidateOpen()).isEqualTo(1);
        assertThat(sweeper.approvals().get(before).status()).isEqualTo(Status.VOIDED);

        clock.advance(Duration.ofMinutes(30));
        securityGroup = SECURITY_ADMINS;
        AppAdmin lagging = engine().protect(AppAdmin.class, target); // a node still under the old rules
        String late = park(ALICE, () -> lagging.deleteApp("app-7"));
        String unrelated = park(ALICE, () -> lagging.deployScript("s-3"));

        assertThat(sweeper.approvals().revalidateOpen()).isEqualTo(1);
        assertThat(sweeper.approvals().get(late).status()).isEqualTo(Status.VOIDED);
        assertThat(sweeper.approvals().get(unrelated).status()).isEqualTo(Status.NEEDS_APPROVAL);
        assertThat(sweeper.approvals().revalidateOpen()).isZero();
    }
}

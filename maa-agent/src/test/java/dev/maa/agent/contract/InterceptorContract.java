package dev.maa.agent.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.api.AccessDeniedException;
import dev.maa.api.Action;
import dev.maa.api.ApprovalRequest;
import dev.maa.api.ApprovalRequiredException;
import dev.maa.api.Factor;
import dev.maa.api.Maa;
import dev.maa.api.MaaException;
import dev.maa.api.Principal;
import dev.maa.api.RequestAlreadyPendingException;
import dev.maa.api.ResourceType;
import dev.maa.api.Status;
import dev.maa.core.MaaEngine;
import dev.maa.core.directory.StaticDirectory;
import dev.maa.core.policy.RuleBasedPolicyEngine;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every interceptor must show, run against the agent, the AspectJ aspect and
 * {@code MaaEngine.protect}: one suite, three configurations, so they cannot drift apart.
 */
public abstract class InterceptorContract {

    protected static final Principal ALICE = Principal.of("alice");
    protected static final Principal BOB = Principal.of("bob");
    protected static final Principal MALLORY = Principal.of("mallory");

    protected MaaEngine engine;
    protected Inventory inventory;

    /** The fixture service behind this configuration's interceptor; the engine is installed globally already. */
    protected abstract Inventory inventory(MaaEngine engine) throws Exception;

    protected static RuleBasedPolicyEngine policy() {
        return RuleBasedPolicyEngine.builder()
                .requireApproval(ResourceType.APP, Set.of(Action.DELETE), Factor.of("app-deletion", 1, "App-Approvers"))
                .allow(ResourceType.APP, Set.of(Action.UPDATE, Action.ASSIGN))
                .deny(ResourceType.ROLE, Set.of(Action.DELETE), "roles are never deleted from code")
                .build();
    }

    @BeforeEach
    void installEngine() throws Exception {
        engine = MaaEngine.builder()
                .policyEngine(policy())
                .directory(StaticDirectory.builder()
                        .user("alice", "App-Approvers")
                        .user("bob", "App-Approvers")
                        .user("mallory", "Helpdesk")
                        .build())
                .build()
                .installGlobal();
        inventory = inventory(engine);
    }

    @AfterEach
    void uninstallEngine() {
        engine.uninstallGlobal();
    }

    @Test
    void allowedCall_runsDirectly_andReturnsItsResult() {
        try (var who = Maa.actingAs(ALICE)) {
            assertThat(inventory.updateApp("app-1", "2.0")).isEqualTo("app-1@2.0");
            assertThat(inventory.countAssignments("app-1")).isEqualTo(40_000_000_005L);
        }
        assertThat(inventory.effects()).containsExactly("updated app-1 to 2.0");
    }

    @Test
    void callNeedingApproval_isParkedWithItsJustification_andDoesNotRun() {
        ApprovalRequiredException parked = park("app-7", "CHG-1234 remove retired app");

        ApprovalRequest request = engine.approvals().get(parked.requestId());
        assertThat(request.status()).isEqualTo(Status.NEEDS_APPROVAL);
        assertThat(request.justification()).isEqualTo("CHG-1234 remove retired app");
        assertThat(request.requester().id()).isEqualTo("alice");
        assertThat(parked.approverGroups()).containsExactly("App-Approvers");
        assertThat(inventory.effects()).isEmpty();
    }

    @Test
    void requester_cannotApproveTheirOwnRequest() {
        ApprovalRequiredException parked = park("app-7", "CHG-1");

        assertThatThrownBy(() -> engine.approvals().approve(parked.requestId(), ALICE, "looks fine"))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(engine.approvals().get(parked.requestId()).status()).isEqualTo(Status.NEEDS_APPROVAL);
    }

    @Test
    void approvedCall_runsExactlyOnce_whenCompleted() {
        ApprovalRequiredException parked = park("app-7", "CHG-1");

        engine.approvals().approve(parked.requestId(), BOB, "checked with the owner");
        ApprovalRequest done = engine.approvals().complete(parked.requestId(), ALICE);
        assertThatThrownBy(() -> engine.approvals().complete(parked.requestId(), ALICE))
                .isInstanceOf(MaaException.class);

        assertThat(done.status()).isEqualTo(Status.COMPLETED);
        assertThat(inventory.effects()).containsExactly("deleted app-7");
    }

    @Test
    void secondCall_forAnObjectWithAPendingRequest_isRefused() {
        park("app-7", "CHG-1");

        try (var who = Maa.actingAs(BOB);
                var why = Maa.justify("CHG-2")) {
            assertThatThrownBy(() -> inventory.deleteApp("app-7")).isInstanceOf(RequestAlreadyPendingException.class);
        }
        assertThat(inventory.effects()).isEmpty();
    }

    @Test
    void deniedCall_throwsAccessDenied_andDoesNotRun() {
        try (var who = Maa.actingAs(ALICE)) {
            assertThatThrownBy(() -> inventory.deleteRole("Intune-Admin"))
                    .isInstanceOf(AccessDeniedException.class)
                    .hasMessageContaining("roles are never deleted from code");
        }
        assertThat(inventory.effects()).isEmpty();
    }

    @Test
    void protectedCall_withoutPrincipal_failsClosed() {
        assertThatThrownBy(() -> inventory.updateApp("app-1", "2.0"))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("No principal");
        assertThat(inventory.effects()).isEmpty();
    }

    @Test
    void unannotatedMethod_runsUntouched_withoutPrincipal() {
        assertThat(inventory.describe("app-1")).isEqualTo("app app-1");
        assertThat(inventory.effects()).containsExactly("described app-1");
    }

    @Test
    void exceptionOfAnAllowedCall_reachesTheCallerUnchanged() {
        try (var who = Maa.actingAs(ALICE)) {
            assertThatThrownBy(() -> inventory.breakApp("app-1"))
                    .isExactlyInstanceOf(IllegalStateException.class)
                    .hasMessage("cannot update app-1 (fixture)");
        }
    }

    @Test
    void helpdeskUser_cannotApprove() {
        ApprovalRequiredException parked = park("app-9", "CHG-9");

        assertThatThrownBy(() -> engine.approvals().approve(parked.requestId(), MALLORY, "sure"))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(inventory.effects()).isEmpty();
    }

    private ApprovalRequiredException park(String appId, String justification) {
        try (var who = Maa.actingAs(ALICE);
                var why = Maa.justify(justification)) {
            inventory.deleteApp(appId);
        } catch (ApprovalRequiredException e) {
            return e;
        }
        throw new AssertionError("deleteApp(" + appId + ") ran instead of being parked");
    }
}

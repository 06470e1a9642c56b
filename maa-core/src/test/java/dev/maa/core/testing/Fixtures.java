package dev.maa.core.testing;

import dev.maa.api.Action;
import dev.maa.api.Factor;
import dev.maa.api.Principal;
import dev.maa.api.ResourceType;
import dev.maa.core.BreakGlass;
import dev.maa.core.MaaEngine;
import dev.maa.core.policy.RuleBasedPolicyEngine;
import java.time.Duration;
import java.util.Set;

/**
 * Principals, groups and a policy modelled on the Intune seed: app deletion needs 1 of App-Approvers, device wipe
 * 2 of Device-Managers, script deployment one Security-Admin and one Change-Advisory-Board member, role deletion
 * is denied, app creation and update are allowed.
 */
public final class Fixtures {

    public static final String APP_APPROVERS = "App-Approvers";
    public static final String DEVICE_MANAGERS = "Device-Managers";
    public static final String SECURITY_ADMINS = "Security-Admins";
    public static final String CAB = "Change-Advisory-Board";
    public static final String BREAK_GLASS_REVIEWERS = "Security-Team";

    /** The requester; a member of every approver group, to prove membership never lets anyone self-approve. */
    public static final Principal ALICE = Principal.of("alice");

    public static final Principal BOB = Principal.of("bob");
    public static final Principal CAROL = Principal.of("carol");
    public static final Principal DAVE = Principal.of("dave");
    public static final Principal MALLORY = Principal.of("mallory");
    public static final Principal EMERGENCY = Principal.of("emergency-admin-1@company.onmicrosoft.com");

    private Fixtures() {}

    public static TestDirectory directory() {
        return new TestDirectory()
                .user("alice", APP_APPROVERS, DEVICE_MANAGERS, SECURITY_ADMINS, CAB)
                .user("bob", APP_APPROVERS, DEVICE_MANAGERS, SECURITY_ADMINS)
                .user("carol", APP_APPROVERS, DEVICE_MANAGERS, CAB)
                .user("dave", SECURITY_ADMINS, BREAK_GLASS_REVIEWERS)
                .user("mallory", "Helpdesk")
                .user(EMERGENCY.id(), "Break-Glass");
    }

    public static RuleBasedPolicyEngine policy() {
        return RuleBasedPolicyEngine.builder()
                .requireApproval(ResourceType.APP, Set.of(Action.DELETE), Factor.of("app-deletion", 1, APP_APPROVERS))
                .requireApproval(
                        ResourceType.DEVICE_ACTION, Set.of(Action.WIPE), Factor.of("device-wipe", 2, DEVICE_MANAGERS))
                .requireApproval(
                        ResourceType.SCRIPT,
                        Set.of(Action.DEPLOY),
                        Factor.of("scripts", 1, SECURITY_ADMINS),
                        Factor.of("cab", 1, CAB))
                .allow(ResourceType.APP, Set.of(Action.CREATE, Action.UPDATE))
                .deny(ResourceType.ROLE, Set.of(Action.DELETE), "roles are never deleted from code")
                .ttl(Duration.ofHours(24))
                .urgentTtl(Duration.ofHours(4))
                .build();
    }

    public static BreakGlass breakGlass() {
        return BreakGlass.of(Set.of(EMERGENCY.id()), Set.of(BREAK_GLASS_REVIEWERS));
    }

    /** An engine over the fixtures, with the model package allowed; callers add or override settings. */
    public static MaaEngine.Builder engine(TestClock clock, TestDirectory directory) {
        return MaaEngine.builder()
                .policyEngine(policy())
                .directory(directory)
                .clock(clock)
                .nodeId("test-node")
                .allowPackages("dev.maa.core.testing.model")
                .breakGlass(breakGlass());
    }
}

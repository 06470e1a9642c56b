package dev.maa.cli;

import dev.maa.api.Factor;
import dev.maa.api.PolicyEngine;
import dev.maa.core.policy.RuleBasedPolicyEngine;

import java.time.Duration;
import java.util.EnumSet;

import static dev.maa.api.Action.ASSIGN;
import static dev.maa.api.Action.CREATE;
import static dev.maa.api.Action.DELETE;
import static dev.maa.api.Action.DEPLOY;
import static dev.maa.api.Action.RETIRE;
import static dev.maa.api.Action.UPDATE;
import static dev.maa.api.Action.WIPE;
import static dev.maa.api.ResourceType.APP;
import static dev.maa.api.ResourceType.DEVICE_ACTION;
import static dev.maa.api.ResourceType.ROLE;
import static dev.maa.api.ResourceType.SCRIPT;

/** The access policies of the demo and of the local dev mode. */
final class DemoPolicies {

    private DemoPolicies() {
    }

    static PolicyEngine engine() {
        return RuleBasedPolicyEngine.builder()
                .allow(APP, EnumSet.of(CREATE))
                .requireApproval(APP, EnumSet.of(UPDATE, ASSIGN, DELETE), Factor.of("Protect apps", 1, "App Approvers"))
                .requireApproval(SCRIPT, EnumSet.of(DEPLOY, UPDATE, DELETE),
                        Factor.of("Script deployment", 2, "Security Admins", "Change Advisory Board"))
                .requireApproval(DEVICE_ACTION, EnumSet.of(WIPE, RETIRE, DELETE), Factor.of("Device wipe", 1, "Device Managers"))
                .requireApproval(ROLE, EnumSet.of(CREATE, ASSIGN), Factor.of("Role management", 1, "Security Admins"))
                .ttl(Duration.ofHours(24))
                .urgentTtl(Duration.ofHours(4))
                .justificationRequired(true)
                .build();
    }
}

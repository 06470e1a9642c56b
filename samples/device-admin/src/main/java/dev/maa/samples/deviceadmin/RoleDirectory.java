package dev.maa.samples.deviceadmin;

import static dev.maa.api.Action.ASSIGN;
import static dev.maa.api.Action.CREATE;
import static dev.maa.api.ResourceType.ROLE;

import dev.maa.api.Protected;

/** Role definitions and assignments. */
public class RoleDirectory implements RoleManagement {

    private final SideEffects effects;

    public RoleDirectory(SideEffects effects) {
        this.effects = effects;
    }

    @Override
    @Protected(resource = ROLE, action = CREATE, objectId = "role.id")
    public void createRole(RoleDefinition role) {
        effects.record("created role " + role.id() + " " + role.permissions());
    }

    @Override
    @Protected(resource = ROLE, action = ASSIGN, objectId = "roleId")
    public void assignRole(String roleId, String principalId) {
        effects.record("assigned role " + roleId + " to " + principalId);
    }
}

package dev.maa.samples.deviceadmin;

/** Administrative roles. */
public interface RoleManagement {

    void createRole(RoleDefinition role);

    void assignRole(String roleId, String principalId);
}

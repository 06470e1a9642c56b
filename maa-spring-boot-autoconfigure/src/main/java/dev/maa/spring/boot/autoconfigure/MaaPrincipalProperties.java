package dev.maa.spring.boot.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code maa.principal.*}: how the Spring Security Authentication becomes the caller of a protected call. */
public class MaaPrincipalProperties {

    /** The prefix stripped from role authorities (ROLE_ADMIN becomes the group ADMIN). */
    private String rolePrefix = "ROLE_";

    /** Whether authorities become groups in the policy input (reviews always ask the directory). */
    private boolean authoritiesAsGroups = true;

    /** Authority (after the prefix is stripped) to group name, e.g. ADMIN: intune-admins. */
    private Map<String, String> groupMapping = new LinkedHashMap<>();

    public String getRolePrefix() {
        return rolePrefix;
    }

    public void setRolePrefix(String rolePrefix) {
        this.rolePrefix = rolePrefix;
    }

    public boolean isAuthoritiesAsGroups() {
        return authoritiesAsGroups;
    }

    public void setAuthoritiesAsGroups(boolean authoritiesAsGroups) {
        this.authoritiesAsGroups = authoritiesAsGroups;
    }

    public Map<String, String> getGroupMapping() {
        return groupMapping;
    }

    public void setGroupMapping(Map<String, String> groupMapping) {
        this.groupMapping = groupMapping;
    }
}

package dev.maa.benchmarks.agent;

import org.springframework.security.access.prepost.PreAuthorize;

/** The same body behind Spring Security method security, the comparison baseline. */
public class SecuredCatalog {

    @PreAuthorize("hasRole('ADMIN')")
    public String update(String appId) {
        return appId;
    }
}

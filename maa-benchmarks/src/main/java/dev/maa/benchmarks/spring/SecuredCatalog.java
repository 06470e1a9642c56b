package dev.maa.benchmarks.spring;

import org.springframework.security.access.prepost.PreAuthorize;

/**
 * A bean with method security and no {@code @Protected} method: Spring proxies it for {@code @PreAuthorize} alone,
 * so its unannotated method is the baseline of {@link StarterCatalog}'s, which the starter's advisor proxies too.
 */
public class SecuredCatalog {

    @PreAuthorize("hasRole('ADMIN')")
    public String updateSecured(String appId) {
        return appId;
    }

    public String read(String appId) {
        return appId;
    }
}

package dev.maa.benchmarks.spring;

import static dev.maa.api.Action.UPDATE;
import static dev.maa.api.ResourceType.APP;

import dev.maa.api.Protected;
import org.springframework.security.access.prepost.PreAuthorize;

/** One bean, three guards: MAA's advisor, Spring Security's {@code @PreAuthorize}, and none. */
public class StarterCatalog {

    @Protected(resource = APP, action = UPDATE, objectId = "appId")
    public String update(String appId) {
        return appId;
    }

    @PreAuthorize("hasRole('ADMIN')")
    public String updateSecured(String appId) {
        return appId;
    }

    public String read(String appId) {
        return appId;
    }
}

package dev.maa.spring.boot.autoconfigure.actuate;

import dev.maa.api.PolicyEngine;
import dev.maa.core.ProtectedMethod;
import dev.maa.core.ProtectedMethods;
import dev.maa.policies.AccessPolicy;
import dev.maa.policies.EmbeddedRegoPolicyEngine;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.context.ApplicationContext;
import org.springframework.util.ClassUtils;

/**
 * The {@code maa} actuator endpoint: the protected methods of the application's beans, the access policies that
 * match each (by profile type and action, for the Rego policies), and how many requests wait for approval.
 */
@Endpoint(id = "maa")
public class MaaEndpoint {

    private final ApplicationContext context;
    private final PolicyEngine policies;
    private final MaaMetrics metrics;

    public MaaEndpoint(ApplicationContext context, PolicyEngine policies, MaaMetrics metrics) {
        this.context = context;
        this.policies = policies;
        this.metrics = metrics;
    }

    @ReadOperation
    public Map<String, Object> maa() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("policyRevision", policies.revision());
        m.put("pendingRequests", metrics.pending());
        m.put("protectedMethods", protectedMethods());
        return m;
    }

    private List<Map<String, Object>> protectedMethods() {
        List<Map<String, Object>> found = new ArrayList<>();
        for (String name : context.getBeanDefinitionNames()) {
            Class<?> type = context.getType(name, false);
            if (type == null) {
                continue;
            }
            for (Method method : ClassUtils.getUserClass(type).getMethods()) {
                ProtectedMethod pm;
                try {
                    pm = ProtectedMethods.find(method).orElse(null);
                } catch (RuntimeException e) {
                    continue; // a misannotated method fails where it is proxied or called, not here
                }
                if (pm != null) {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("bean", name);
                    entry.put("operation", pm.operation().signature());
                    entry.put("resource", pm.resourceType().name());
                    entry.put("action", pm.action().name());
                    entry.put("policies", matching(pm));
                    found.add(entry);
                }
            }
        }
        return found;
    }

    /** The names of the Rego access policies whose profile type and actions cover the method (empty otherwise). */
    private List<String> matching(ProtectedMethod pm) {
        if (!(policies instanceof EmbeddedRegoPolicyEngine rego)) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (AccessPolicy p : rego.policySet().accessPolicies().policies()) {
            if (p.profileType() == pm.resourceType()
                    && (p.actions().isEmpty() || p.actions().contains(pm.action()))) {
                names.add(p.name());
            }
        }
        return names;
    }
}

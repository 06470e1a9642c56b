package dev.maa.api;

import java.util.List;

/** A policy denied the call, or the principal may not perform an approval operation. */
public class AccessDeniedException extends MaaCallerException {

    private static final long serialVersionUID = 1L;

    private final List<String> reasons;

    public AccessDeniedException(String message, List<String> reasons) {
        super(Kind.NOT_ALLOWED, message);
        this.reasons = List.copyOf(reasons);
    }

    /** A protected call denied by policy. */
    public static AccessDeniedException byPolicy(
            String principalId, ResourceRef resource, Action action, List<String> reasons) {
        return new AccessDeniedException(
                "Access denied: " + principalId + " may not " + action + " "
                        + resource.typeName() + (resource.objectId().isEmpty() ? "" : " '" + resource.objectId() + "'")
                        + (reasons.isEmpty() ? "." : ": " + String.join("; ", reasons) + ".")
                        + " Ask a policy administrator if you believe this is wrong.",
                reasons);
    }

    public List<String> reasons() {
        return reasons;
    }
}

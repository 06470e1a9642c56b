package dev.maa.notify.testing;

import dev.maa.api.Action;
import dev.maa.api.ApprovalRequest;
import dev.maa.api.Factor;
import dev.maa.api.Notification;
import dev.maa.api.Operation;
import dev.maa.api.Principal;
import dev.maa.api.ResourceRef;
import dev.maa.api.ResourceType;
import dev.maa.api.Status;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Notifications as core produces them, for channel tests that run without an engine. */
public final class TestNotifications {

    public static final Instant NOW = Instant.parse("2026-01-05T10:00:00Z");

    private TestNotifications() {}

    public static ApprovalRequest request(String id, Status status) {
        return ApprovalRequest.builder()
                .id(id)
                .resource(ResourceRef.of(ResourceType.APP, "app-42"))
                .action(Action.DELETE)
                .operation(new Operation("com.acme.AppAdmin", "deleteApp", List.of("java.lang.String")))
                .requester(Principal.of("alice"))
                .justification("CHG-1234 remove retired app")
                .factors(List.of(Factor.of("app-deletion", 1, "App-Approvers")))
                .payload("{}")
                .digest("ab".repeat(32))
                .status(status)
                .createdAt(NOW)
                .expiresAt(NOW.plusSeconds(86_400))
                .build();
    }

    public static Notification submitted(String id) {
        return new Notification(
                Notification.Kind.SUBMITTED,
                request(id, Status.NEEDS_APPROVAL),
                Set.of("bob", "carol"),
                "alice asks to DELETE APP/app-42 (request " + id + ")");
    }

    public static Notification approved(String id) {
        return new Notification(
                Notification.Kind.APPROVED,
                request(id, Status.APPROVED),
                Set.of("alice"),
                "Request " + id + " was approved");
    }
}

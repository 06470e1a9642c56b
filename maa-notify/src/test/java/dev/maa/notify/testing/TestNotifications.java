package dev.maa.notify.testing;

import dev.maa.api.Action;
import dev.maa.api.ApprovalRequest;
import dev.maa.api.Factor;
import dev.maa.api.Notification;
import dev.maa.api.Operation;
import dev.maa.api.Principal;
import dev.maa.api.ResourceRef;
import dev.maa.api.ResourceType;
import dev.maa.api.Review;
import dev.maa.api.Status;
import dev.maa.api.Verdict;
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

    /**
     * A reminder of a request of three stages (app owners, security, change board) whose first stage bob approved, so
     * stage 2 (security) is open.
     */
    public static Notification stagedReminder(String id) {
        ApprovalRequest r = request(id, Status.NEEDS_APPROVAL).toBuilder()
                .factors(List.of(
                        new Factor("app-owners", Set.of("App-Approvers"), 1, null, 1),
                        new Factor("security", Set.of("Security"), 1, null, 2),
                        new Factor("change-board", Set.of("CAB"), 1, null, 3)))
                .reviews(List.of(new Review(
                        "bob", Set.of("App-Approvers"), Verdict.APPROVE, "ok", "ab".repeat(32), NOW.plusSeconds(60))))
                .build();
        return new Notification(
                Notification.Kind.REMINDER,
                r,
                Set.of("sam"),
                "Reminder: request " + id + " by alice to DELETE APP/app-42 still needs your approval");
    }

    public static Notification approved(String id) {
        return new Notification(
                Notification.Kind.APPROVED,
                request(id, Status.APPROVED),
                Set.of("alice"),
                "Request " + id + " was approved");
    }
}

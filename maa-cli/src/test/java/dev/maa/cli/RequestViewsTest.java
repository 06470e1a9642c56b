package dev.maa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maa.api.Action;
import dev.maa.api.ApprovalRequest;
import dev.maa.api.Factor;
import dev.maa.api.Operation;
import dev.maa.api.Principal;
import dev.maa.api.Reminders;
import dev.maa.api.ResourceRef;
import dev.maa.api.ResourceType;
import dev.maa.api.Status;
import dev.maa.core.view.RequestJson;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code maa requests show}'s reminder and escalation lines, from the JSON the REST view writes. */
class RequestViewsTest {

    private static final Instant AT = Instant.parse("2026-01-05T10:00:00Z");

    private static ApprovalRequest request(Status status, Reminders reminders) {
        return ApprovalRequest.builder()
                .id("r-1")
                .resource(ResourceRef.of(ResourceType.APP, "app-42"))
                .action(Action.DELETE)
                .operation(new Operation("com.acme.AppAdmin", "deleteApp", List.of("java.lang.String")))
                .requester(Principal.of("alice"))
                .factors(List.of(Factor.of("apps", 1, "App-Approvers")))
                .payload("{}")
                .digest("ab".repeat(32))
                .status(status)
                .createdAt(AT)
                .expiresAt(AT.plusSeconds(86_400))
                .reminders(reminders)
                .build();
    }

    private static String shown(ApprovalRequest r) {
        JsonNode rm = Json.mapper().valueToTree(RequestJson.reminders(r, List.of()));
        StringWriter s = new StringWriter();
        RequestViews.reminders(new PrintWriter(s), rm);
        return s.toString();
    }

    private static Reminders schedule() {
        return Reminders.of(Duration.ofHours(4), Duration.ofHours(12), Set.of("Security"));
    }

    @Test
    void show_ofAWaitingRequest_saysWhenTheNextReminderIsDue_andWhenItEscalates() {
        assertThat(shown(request(Status.NEEDS_APPROVAL, schedule())))
                .contains("Reminders       every 4h, next at 2026-01-05 14:00 UTC (0 sent)")
                .contains("Escalates       to Security after 12h, at 2026-01-05 22:00 UTC");
    }

    @Test
    void show_ofAnEscalatedRequest_saysWhenAndWhichGroupsWereAdded() {
        Reminders fired =
                schedule().remindedAt(AT.plus(Duration.ofHours(12))).escalatedAt(AT.plus(Duration.ofHours(12)));

        assertThat(shown(request(Status.NEEDS_APPROVAL, fired)))
                .contains("next at 2026-01-06 02:00 UTC", "last at 2026-01-05 22:00 UTC")
                .contains("Escalated       at 2026-01-05 22:00 UTC: Security added to the approvers")
                .doesNotContain("Escalates ");
    }

    @Test
    void show_ofADecidedRequest_namesNoDueTimes_andOfOneWithoutASchedule_nothing() {
        assertThat(shown(request(Status.APPROVED, schedule())))
                .doesNotContain("next at")
                .contains("(not while it needs no approval)");
        assertThat(shown(request(Status.NEEDS_APPROVAL, null))).isEmpty();
    }
}

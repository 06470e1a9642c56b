package dev.maa.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maa.policies.EmbeddedRegoPolicyEngine;
import dev.maa.policies.PolicySet;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * Issue 21 in the console (headless Chromium): a request under a policy with reminders shows its reminder rows on its
 * page and its reminder state in the list, first the next reminder and escalation, then, once escalated (under the
 * server engine's clock, moved on), that it escalated. Screenshots under {@code target/screenshots/reminders-*}.
 */
class ReminderConsoleBrowserTest {

    /** The demo policies, app changes reminding every 4 hours and escalating to Security Admins after 12. */
    private static final String REMINDING = PolicySet.fromClasspath(PolicySet.DEMO)
            .files()
            .get("access-policies.yaml")
            .replaceFirst(
                    "justification_required: true\n",
                    "justification_required: true\n    remind_after: 4h\n    escalate_after: 12h\n"
                            + "    escalation_groups: [Security Admins]\n");

    /** The server engine's clock: the test moves it on, as time passing would. */
    private static final class MovableClock extends Clock {
        private volatile Duration offset = Duration.ZERO;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }
    }

    private static final MovableClock CLOCK = new MovableClock();

    @TempDir
    static Path tmp;

    private static ConsoleSession c;

    @BeforeAll
    static void start() throws IOException {
        assertThat(REMINDING).contains("remind_after: 4h");
        c = ConsoleSession.start(
                tmp,
                Map.of("alice", List.of("App Admins"), "bob", List.of("App Approvers")),
                (engine, store) -> engine.clock(CLOCK)
                        .policyEngine(EmbeddedRegoPolicyEngine.builder()
                                .policySet(PolicySet.of(Map.of("access-policies.yaml", REMINDING)))
                                .build()));
    }

    @AfterAll
    static void stop() {
        if (c != null) {
            c.close();
        }
    }

    @Test
    void requestPage_showsItsReminderRows_andTheListItsReminderState_beforeAndAfterEscalation() throws IOException {
        String id = c.server.parkUpdate("alice", "app-21", "CHG-21 new version");
        c.signIn("bob");
        c.open("#/requests/" + id);
        c.waitForText("reminders", "every 4h");
        assertThat(c.text("reminders")).contains("next", "0 sent");
        assertThat(c.text("escalation")).contains("Security Admins", "after 12h");
        c.shot("reminders-1-request");

        c.open("#/received");
        By row = By.cssSelector("tr.request-row[data-id='" + id + "'] td.reminder-state");
        assertThat(c.visible(row).getText()).contains("escalates", "next reminder");
        c.shot("reminders-2-list");

        CLOCK.offset = Duration.ofHours(12);
        c.server.engine.approvals().remindDue(); // the reminder due, then the escalation (unless the jobs did it)
        c.open("#/requests/" + id);
        c.waitForText("escalation", "Security Admins added to the approvers");
        c.open("#/received");
        assertThat(c.visible(row).getText()).startsWith("escalated").contains("next reminder");
        c.shot("reminders-3-escalated");
    }
}

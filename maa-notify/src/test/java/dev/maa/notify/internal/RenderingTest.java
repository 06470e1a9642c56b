package dev.maa.notify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.maa.api.ApprovalRequest;
import dev.maa.api.Notification;
import dev.maa.api.ResourceRef;
import dev.maa.api.ResourceType;
import dev.maa.api.Status;
import dev.maa.notify.testing.TestNotifications;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Notification texts escape hidden characters the same way as the console and the CLI. */
class RenderingTest {

    private static final String OBJECT_ID = "app-\u202Edorp-tset";
    private final Rendering rendering = new Rendering("https://maa.example.com/requests/{id}");

    private static Notification hostile() {
        ApprovalRequest r = TestNotifications.request("r-1", Status.NEEDS_APPROVAL).toBuilder()
                .resource(ResourceRef.of(ResourceType.APP, OBJECT_ID))
                .justification("CHG-9\u001B[2J\u001B[32mAPPROVED BY SECURITY\r\nBcc: x\u200B")
                .build();
        return new Notification(
                Notification.Kind.SUBMITTED,
                r,
                Set.of("bob"),
                "alice asks to DELETE " + r.resource().key() + " (request r-1)");
    }

    private static boolean noControlButNewline(String s) {
        return s.chars().noneMatch(c -> c != '\n' && Character.isISOControl(c));
    }

    @Test
    void emailBodyAndSubject_showHiddenCharactersEscaped_withAWarning() {
        String body = rendering.body(hostile());
        String subject = rendering.subject(hostile());

        assertThat(body)
                .startsWith("alice asks to DELETE APP/app-⟨U+202E⟩dorp-tset (request r-1)")
                .contains(
                        "WARNING: this request's texts hold invisible or direction-changing characters",
                        "Resource: APP/app-⟨U+202E⟩dorp-tset",
                        "Justification: CHG-9⟨U+001B⟩[2J⟨U+001B⟩[32mAPPROVED BY SECURITY⟨U+000D⟩\nBcc: x⟨U+200B⟩")
                .doesNotContain("\u202E", "\u200B");
        assertThat(noControlButNewline(body)).isTrue();
        assertThat(subject).isEqualTo("[MAA] Approval needed: DELETE APP/app-⟨U+202E⟩dorp-tset (request r-1)");
    }

    @Test
    void emailBody_ofAPlainRequest_hasNoWarning() {
        assertThat(rendering.body(TestNotifications.submitted("r-2"))).doesNotContain("WARNING", "⟨U+");
    }

    @Test
    void webhookText_isEscapedForPeople_structuredFieldsStayRaw() throws Exception {
        JsonNode json = new ObjectMapper().readTree(rendering.webhookBody(hostile()));

        assertThat(json.path("text").asText())
                .startsWith("alice asks to DELETE APP/app-⟨U+202E⟩dorp-tset")
                .doesNotContain("\u202E");
        assertThat(json.path("object_id").asText()).isEqualTo(OBJECT_ID);
    }
}

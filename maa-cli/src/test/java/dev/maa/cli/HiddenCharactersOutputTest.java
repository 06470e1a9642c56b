package dev.maa.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maa.api.ApprovalRequiredException;
import dev.maa.api.Maa;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No text from a request reaches the terminal with hidden characters: a right-to-left override in the object id,
 * terminal escape sequences (clear screen, a green fake "APPROVED BY SECURITY") in the justification.
 */
class HiddenCharactersOutputTest {

    private static final String OBJECT_ID = "app-\u202Edorp-tset";
    private static final String JUSTIFICATION = "CHG-9\u001B[2J\u001B[H\u001B[32mAPPROVED BY SECURITY\u001B[0m\r\u200B";

    @TempDir
    Path home;

    private String id;

    @BeforeEach
    void parkAHostileRequest() {
        id = SampleHost.run(home, (env, apps) -> {
            try (var who = Maa.actingAs(env.principal("alice"));
                    var why = Maa.justify(JUSTIFICATION)) {
                apps.deleteApp(OBJECT_ID);
                return fail("deleteApp should need approval");
            } catch (ApprovalRequiredException e) {
                return e.requestId();
            }
        });
    }

    @Test
    void listAndShow_printNoControlCharacter_andShowTheEscapedForms() {
        MaaCliTest.Result list = MaaCliTest.maa("requests", "list", "--all", "--home", home.toString());
        MaaCliTest.Result show = MaaCliTest.maa("requests", "show", id, "--home", home.toString());

        assertThat(list.code()).as(list.err()).isZero();
        assertThat(show.code()).as(show.err()).isZero();
        for (MaaCliTest.Result r : new MaaCliTest.Result[] {list, show}) {
            assertThat(r.out() + r.err())
                    .doesNotContain("\u202E", "\u200B")
                    .satisfies(text -> assertThat(text.chars().filter(c -> c != '\n' && Character.isISOControl(c)))
                            .as("control characters other than newline")
                            .isEmpty());
        }
        assertThat(list.out()).contains("app-⟨U+202E⟩dorp-tset", "[! hidden characters");
        assertThat(show.out())
                .contains(
                        "Resource        APP app-⟨U+202E⟩dorp-tset  [! hidden characters",
                        "Justification   CHG-9⟨U+001B⟩[2J⟨U+001B⟩[H⟨U+001B⟩[32mAPPROVED BY SECURITY⟨U+001B⟩[0m⟨U+000D⟩⟨U+200B⟩",
                        "alice · Submitted · action: DELETE");
    }

    @Test
    void jsonOutput_staysJson_withTheHiddenCharactersAsUnicodeEscapes() throws Exception {
        MaaCliTest.Result show = MaaCliTest.maa("requests", "show", id, "--json", "--home", home.toString());

        assertThat(show.code()).as(show.err()).isZero();
        assertThat(show.out())
                .contains("\"objectId\" : \"app-\\u202Edorp-tset\"", "\\u001B[2J")
                .satisfies(text -> assertThat(text.chars().filter(c -> c != '\n' && Character.isISOControl(c)))
                        .isEmpty());
        JsonNode r = Json.mapper().readTree(show.out());
        assertThat(r.path("resource").path("objectId").asText()).isEqualTo(OBJECT_ID);
        assertThat(r.path("justification").asText()).isEqualTo(JUSTIFICATION);
    }
}

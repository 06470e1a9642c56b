package dev.maa.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maa.api.ApprovalRequiredException;
import dev.maa.api.Maa;
import dev.maa.core.MaaEngine;
import dev.maa.samples.deviceadmin.AppCatalog;
import dev.maa.samples.deviceadmin.AppManagement;
import dev.maa.samples.deviceadmin.SideEffects;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

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

    record Result(int code, String out, String err) {
    }

    static Result maa(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = MaaCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    @BeforeEach
    void parkAHostileRequest() {
        Optional<String> noAgent = AgentAttach.ensureAttached();
        try (DevEnvironment env = DevEnvironment.open(home, new PrintWriter(new StringWriter()))) {
            MaaEngine engine = env.engine().installGlobal();
            try {
                AppCatalog catalog = new AppCatalog(new SideEffects());
                AppManagement apps = noAgent.isEmpty() ? catalog : engine.protect(AppManagement.class, catalog);
                try (var who = Maa.actingAs(env.principal("alice")); var why = Maa.justify(JUSTIFICATION)) {
                    apps.deleteApp(OBJECT_ID);
                    fail("deleteApp should need approval");
                } catch (ApprovalRequiredException e) {
                    id = e.requestId();
                }
            } finally {
                engine.uninstallGlobal();
            }
        }
    }

    @Test
    void listAndShow_printNoControlCharacter_andShowTheEscapedForms() {
        Result list = maa("requests", "list", "--all", "--home", home.toString());
        Result show = maa("requests", "show", id, "--home", home.toString());

        assertThat(list.code()).as(list.err()).isZero();
        assertThat(show.code()).as(show.err()).isZero();
        for (Result r : new Result[] {list, show}) {
            assertThat(r.out() + r.err()).doesNotContain("\u202E", "\u200B")
                    .satisfies(text -> assertThat(text.chars().filter(c -> c != '\n' && Character.isISOControl(c)))
                            .as("control characters other than newline").isEmpty());
        }
        assertThat(list.out()).contains("app-⟨U+202E⟩dorp-tset", "[! hidden characters");
        assertThat(show.out()).contains("Resource        APP app-⟨U+202E⟩dorp-tset  [! hidden characters",
                "Justification   CHG-9⟨U+001B⟩[2J⟨U+001B⟩[H⟨U+001B⟩[32mAPPROVED BY SECURITY⟨U+001B⟩[0m⟨U+000D⟩⟨U+200B⟩",
                "alice · Submitted · action: DELETE");
    }

    @Test
    void jsonOutput_staysJson_withTheHiddenCharactersAsUnicodeEscapes() throws Exception {
        Result show = maa("requests", "show", id, "--json", "--home", home.toString());

        assertThat(show.code()).as(show.err()).isZero();
        assertThat(show.out()).contains("\"objectId\" : \"app-\\u202Edorp-tset\"", "\\u001B[2J")
                .satisfies(text -> assertThat(text.chars().filter(c -> c != '\n' && Character.isISOControl(c)))
                        .isEmpty());
        JsonNode r = Json.mapper().readTree(show.out());
        assertThat(r.path("resource").path("objectId").asText()).isEqualTo(OBJECT_ID);
        assertThat(r.path("justification").asText()).isEqualTo(JUSTIFICATION);
    }
}

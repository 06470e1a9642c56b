package dev.maa.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maa.api.InvalidIdentityException;
import dev.maa.api.Principal;
import dev.maa.core.directory.UsersFileDirectory;
import dev.maa.server.internal.Json;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Invariants 2 and 3 over the REST API with a real HTTP server: one identity per person whatever the spelling, and
 * group membership as the users file says now, edited while the server runs.
 */
class IdentityRestTest {

    private static final String ALICE = "maa_alice-test-token-00000000000000000000000000";
    private static final String BOB = "maa_bob-test-token-000000000000000000000000000000";
    private static final String CAROL = "maa_carol-test-token-0000000000000000000000000000";

    @TempDir
    Path dir;

    private TestServer t;

    @AfterEach
    void stop() {
        if (t != null) {
            t.close();
        }
    }

    private Path usersFile(String bobGroups) throws IOException {
        Path f = dir.resolve("users.yaml");
        Files.writeString(
                f,
                "users:\n"
                        + user("alice", "[App Admins, App Approvers]", ALICE)
                        + user("bob", bobGroups, BOB)
                        + user("carol", "[App Approvers]", CAROL));
        return f;
    }

    private static String user(String id, String groups, String token) {
        return "  - id: " + id + "\n    groups: " + groups + "\n    tokens: [{sha256: "
                + HexFormat.of().formatHex(DevUsersFile.sha256(token)) + "}]\n";
    }

    private TestServer devServer(Path users) {
        return new TestServer(AuthConfig.devTokens(users), DevUsersFile.watchDirectory(users), false);
    }

    private HttpResponse<String> approve(String id, String token) {
        return t.post("/api/v1/requests/" + id + "/approve", token, "{\"notes\":\"ok\"}");
    }

    private static JsonNode json(HttpResponse<String> res) {
        return Json.readOrNull(res.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Alice", "ALICE", " alice", "alice ", "ａｌｉｃｅ", "alıce"})
    void approve_withAlicesDevToken_ofARequestByAnotherSpellingOfAlice_isRefused(String spelling) throws IOException {
        t = devServer(usersFile("[App Approvers]"));
        String id = t.parkUpdate(Principal.of(spelling, "App Admins"), "app-1", "CHG-1 spelling");

        HttpResponse<String> res = approve(id, ALICE);

        assertThat(res.statusCode()).isEqualTo(403);
        assertThat(res.body()).contains("review-not-allowed", "never review their own request");
        assertThat(t.request(id).reviews()).isEmpty();
        assertThat(approve(id, BOB).statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ali\u200Bce", "alice\u200B", "аlice", "ali\u202Ece"})
    void protectedCall_asAnIdWithoutCanonicalForm_isRefused_andNothingIsParked(String spelling) throws IOException {
        t = devServer(usersFile("[App Approvers]"));

        assertThatThrownBy(() -> t.parkUpdate(Principal.of(spelling, "App Admins"), "app-1", "CHG-1 spelling"))
                .isInstanceOf(InvalidIdentityException.class);
        assertThat(json(t.get("/api/v1/requests?view=received", BOB)).path("items"))
                .isEmpty();
    }

    @Test
    void approve_byAnApproverRemovedFromTheUsersFile_isRefused_withoutRestart() throws IOException {
        Path users = usersFile("[App Approvers]");
        t = devServer(users);
        String first = t.parkUpdate("alice", "app-1", "CHG-1 first");
        String second = t.parkUpdate("alice", "app-2", "CHG-2 second");
        assertThat(approve(first, BOB).statusCode()).isEqualTo(200);
        assertThat(json(t.get("/api/v1/me", BOB)).path("groups").toString()).isEqualTo("[\"App Approvers\"]");

        // the operator moves bob from the approvers to the auditors (who may still read it); the server keeps running
        usersFile("[Auditors]");

        HttpResponse<String> refused = approve(second, BOB);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("not a member");
        assertThat(t.request(second).reviews()).isEmpty();
        JsonNode me = json(t.get("/api/v1/me", BOB));
        assertThat(me.path("groups").toString()).isEqualTo("[\"Auditors\"]");
        assertThat(me.path("reader").asBoolean()).isTrue();
        assertThat(me.path("membershipTtlSeconds").asLong(-1))
                .as("every review reads the users file again: no propagation delay")
                .isZero();
        usersFile("[Helpdesk]");
        assertThat(approve(second, BOB).statusCode()).isEqualTo(404); // no longer even sees it
        assertThat(approve(second, CAROL).statusCode()).isEqualTo(200);
    }

    @Test
    void requests_whenTheUsersFileTurnsInvalid_failClosed() throws IOException {
        Path users = usersFile("[App Approvers]");
        t = devServer(users);
        String id = t.parkUpdate("alice", "app-1", "CHG-1 first");

        Files.writeString(users, Files.readString(users) + "  - id: Bob\n");

        assertThat(approve(id, CAROL).statusCode()).isNotEqualTo(200);
        assertThat(t.get("/api/v1/me", BOB).statusCode()).isNotEqualTo(200);
        assertThat(t.request(id).reviews()).isEmpty();
    }

    @Test
    void usersFile_withTwoSpellingsOfOneIdOrALookAlike_isRefusedAtStart() throws IOException {
        Path f = dir.resolve("users.yaml");
        Files.writeString(f, "users:\n  - id: alice\n  - id: Alice\n");
        assertThatThrownBy(() -> DevUsersFile.watchDirectory(f))
                .hasMessageContaining("same user 'alice'")
                .hasMessageContaining("line 2")
                .hasMessageContaining("line 3");
        Files.writeString(f, "users:\n  - id: bob\n  - id: \"bob \"\n");
        assertThatThrownBy(() -> DevUsersFile.load(f)).hasMessageContaining("same user 'bob'");
        Files.writeString(f, "users:\n  - id: аlice\n");
        assertThatThrownBy(() -> new TestServer(AuthConfig.devTokens(f), UsersFileDirectory.watch(f), false))
                .hasMessageContaining("mixes the scripts");
    }

    @Test
    void jwt_groupsClaimOfAUserAbsentFromTheDirectory_grantsNothing_unlessTrusted() {
        t = new TestServer();
        String id = t.parkUpdate("alice", "app-1", "CHG-1 jwt");
        String zed = TestServer.jwt("zed", List.of("Auditors", "App Approvers"));

        JsonNode me = json(t.get("/api/v1/me", zed));
        assertThat(me.path("groups")).isEmpty();
        assertThat(me.path("reader").asBoolean()).isFalse();
        assertThat(t.get("/api/v1/requests?view=all", zed).statusCode()).isEqualTo(403);
        assertThat(t.get("/api/v1/requests/" + id, zed).statusCode()).isEqualTo(404);
        assertThat(t.get("/api/v1/audit", zed).statusCode()).isEqualTo(403);
        assertThat(approve(id, zed).statusCode()).isEqualTo(404);
        assertThat(t.request(id).reviews()).isEmpty();
        t.close();

        t = new TestServer(null, TestServer.USERS, true);
        assertThat(json(t.get("/api/v1/me", zed)).path("reader").asBoolean()).isTrue();
        assertThat(t.get("/api/v1/requests?view=all", zed).statusCode()).isEqualTo(200);
    }

    @Test
    void jwt_subjectsCompareCanonically_andOnesWithoutCanonicalForm_areUnauthenticated() {
        t = new TestServer();
        String id = t.parkUpdate("sam", "app-1", "CHG-1 jwt");

        HttpResponse<String> self = approve(id, TestServer.jwt("ＳＡＭ", List.of()));
        assertThat(self.statusCode()).isEqualTo(403);
        assertThat(self.body()).contains("never review their own request");
        HttpResponse<String> hidden = approve(id, TestServer.jwt("sa\u200Bm", List.of()));
        assertThat(hidden.statusCode()).isEqualTo(401);
        assertThat(hidden.body()).contains("'sub' claim", "\\\\u200B");
        assertThat(json(t.get("/api/v1/me", TestServer.jwt("Sam ", List.of())))
                        .path("id")
                        .asText())
                .isEqualTo("sam");
    }
}

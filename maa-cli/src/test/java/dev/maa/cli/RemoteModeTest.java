package dev.maa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maa.api.Maa;
import dev.maa.server.DevUsersFile;
import dev.maa.server.MaaServer;
import dev.maa.server.ServerSettings;
import dev.maa.server.ServerSetup;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI against a real {@code maa serve} on loopback: identity from tokens, the server's rules and JSON. */
class RemoteModeTest {

    @TempDir
    Path home;

    private MaaServer server;
    private Path bobToken;
    private Path aliceToken;
    private Path carolToken;

    record Result(int code, String out, String err) {}

    static Result maa(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = MaaCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    @BeforeEach
    void startServerOnTheDemoStore() throws Exception {
        assertThat(maa("demo", "--no-serve", "--home", home.toString()).code()).isZero();
        server = MaaServer.start(
                ServerSetup.configure(ServerSettings.defaults(home).withListen(0, "127.0.0.1")));
        bobToken = Files.writeString(
                home.resolve("bob.token"), DevUsersFile.createToken(home.resolve("users.yaml"), "bob"));
        aliceToken = Files.writeString(
                home.resolve("alice.token"), DevUsersFile.createToken(home.resolve("users.yaml"), "alice"));
        carolToken = Files.writeString(
                home.resolve("carol.token"), DevUsersFile.createToken(home.resolve("users.yaml"), "carol"));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private Result remote(Path token, String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--server";
        all[args.length + 1] = server.uri().toString();
        all[args.length + 2] = "--token-file";
        all[args.length + 3] = token.toString();
        return maa(all);
    }

    @Test
    void listAndShow_overTheServer_printTheApiShapes() throws Exception {
        Result list = remote(bobToken, "requests", "list", "--received", "--json");
        assertThat(list.code()).as(list.err()).isZero();
        JsonNode items = Json.mapper().readTree(list.out());
        assertThat(items).hasSize(1);
        String id = items.get(0).get("id").asText();

        Result show = remote(bobToken, "requests", "show", id);
        assertThat(show.out())
                .contains("CHG-1234 remove retired VPN client")
                .contains("AppCatalog.deleteApp(")
                .contains("\"app-42\"");
    }

    @Test
    void approvingOwnRequest_overTheServer_isRefusedWithExitNotAllowed() throws Exception {
        Result mine = remote(aliceToken, "requests", "list", "--mine", "--json");
        String id = Json.mapper().readTree(mine.out()).get(0).get("id").asText();

        Result r = remote(aliceToken, "approve", id, "--notes", "self");

        assertThat(r.code()).isIn(ExitCodes.NOT_ALLOWED, ExitCodes.CONFLICT);
        assertThat(r.err()).startsWith("maa: ");
    }

    @Test
    void asOption_withServer_isAUsageError_identityComesFromTheToken() {
        Result r = maa("requests", "list", "--server", server.uri().toString(), "--as", "bob");

        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("takes your identity from your token");
    }

    @Test
    void forgedToken_isRefused() throws Exception {
        Path forged = Files.writeString(home.resolve("forged.token"), "maa_forgedforgedforgedforgedforgedforged00");

        Result r = remote(forged, "requests", "list", "--mine");

        assertThat(r.code()).isEqualTo(ExitCodes.NOT_ALLOWED);
    }

    @Test
    void auditVerify_recomputesTheServersChainLocally() {
        // the dev defaults' reader group is Security Admins (carol); bob, an approver only, may not read the trail
        Result r = remote(carolToken, "audit", "verify");

        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("Audit trail intact: 4 entries");
        assertThat(remote(bobToken, "audit", "verify").code()).isEqualTo(ExitCodes.NOT_ALLOWED);
    }

    @Test
    void closeReview_overTheServer_closesTheReviewOfABreakGlassCall_once() throws Exception {
        String id = SampleHost.run(home, (env, apps) -> {
            try (var who = Maa.actingAs(env.principal("emergency-admin-1"));
                    var emergency = Maa.emergency("INC-7 VPN outage: assign the fixed client now")) {
                apps.assignApp("app-7", "All Users");
            }
            return env.engine().approvals().postReviewQueue().get(0).id();
        });
        Path carolToken = Files.writeString(
                home.resolve("carol.token"),
                DevUsersFile.createToken(
                        home.resolve("users.yaml"), "carol")); // Security Admins: break-glass reviewers

        Result queue = remote(carolToken, "requests", "list", "--post-review", "--json");
        assertThat(queue.code()).as(queue.err()).isZero();
        assertThat(Json.mapper().readTree(queue.out()).findValuesAsText("id")).containsExactly(id);

        Result closed =
                remote(carolToken, "close-review", id, "--notes", "Checked with the VPN team; needed and correct.");
        assertThat(closed.code()).as(closed.err()).isZero();
        assertThat(closed.out()).contains("Closed the post-emergency review of " + id);

        Result again = remote(carolToken, "close-review", id, "--notes", "again");
        assertThat(again.code()).isEqualTo(ExitCodes.CONFLICT);
        assertThat(again.err()).contains("already closed by carol");
    }

    @Test
    void unreachableServer_exitsUnavailable_sayingNothingChanged() throws Exception {
        Path token = bobToken;
        int port = server.port();
        server.close();
        server = null;

        Result r = maa("requests", "list", "--server", "http://127.0.0.1:" + port, "--token-file", token.toString());

        assertThat(r.code()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(r.err()).contains("Cannot reach");
    }
}

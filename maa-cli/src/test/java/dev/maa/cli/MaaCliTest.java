package dev.maa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaaCliTest {

    @TempDir
    Path home;

    record Result(int code, String out, String err) {}

    static Result maa(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = MaaCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void regoCapabilities_printsTheEngineBuiltinsInOpaCapabilitiesFormat() throws Exception {
        Result r = maa("rego", "capabilities");

        assertThat(r.code()).as(r.err()).isZero();
        JsonNode caps = Json.exactMapper().readTree(r.out());
        assertThat(caps.get("builtins").findValuesAsText("name"))
                .contains("count", "io.jwt.decode_verify")
                .doesNotContain("http.send");
        assertThat(caps.get("future_keywords").toString()).contains("\"if\"");
    }

    @Test
    void demo_runsTheWholeLifecycle_andExitsZero() {
        Result r = maa("demo", "--no-serve", "--home", home.toString());

        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out())
                .contains("Guarded by the maa-agent attached to this JVM at run time")
                .contains("parked: Approval required")
                .contains("a requester can never review their own request")
                .contains("is not a member of any approver group")
                .contains("status: APPROVED")
                .contains("status: COMPLETED")
                .contains("'deleted app app-42' happened 1 time(s)")
                .contains("audit chain verified");
    }

    @Test
    void demo_withoutHome_removesItsTemporaryStore() {
        Result r = maa("demo", "--no-serve");

        assertThat(r.code()).as(r.out() + r.err()).isZero();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\(store: (.+maa-demo-[^)]+)\\)")
                .matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        Path store = Path.of(m.group(1));
        assertThat(store).doesNotExist();
        assertThat(r.out()).contains("removed when the demo ends").doesNotContain("--home " + store);
    }

    @Test
    void separateInvocations_shareTheH2Store() throws Exception {
        assertThat(maa("demo", "--no-serve", "--home", home.toString()).code()).isZero();

        Result list = maa("requests", "list", "--all", "--json", "--home", home.toString());
        assertThat(list.code()).isZero();
        JsonNode rows = Json.mapper().readTree(list.out());
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("status").asText()).isEqualTo("COMPLETED");
        String id = rows.get(0).get("id").asText();

        Result show = maa("requests", "show", id, "--home", home.toString());
        assertThat(show.out()).contains("CHG-1234 remove retired VPN client").contains("APPROVE by bob");
        // the demo's engine captured the diff when the call was parked: after completion it still shows the app
        JsonNode diff = Json.mapper()
                .readTree(maa("requests", "show", id, "--json", "--home", home.toString())
                        .out())
                .path("diff");
        assertThat(diff.path("source").asText()).isEqualTo("captured");
        assertThat(diff.path("title").asText()).isEqualTo("app app-42");
        assertThat(diff.path("before").asText()).contains("version:"); // the app as it was, though it is now deleted
        assertThat(diff.path("after").asText()).isEmpty();

        Result verify = maa("audit", "verify", "--home", home.toString());
        assertThat(verify.code()).isZero();
        assertThat(verify.out()).contains("Audit trail intact");
    }

    @Test
    void approve_withoutAs_isAUsageErrorNamingTheKnownUsers() {
        Result r = maa("approve", "whatever", "--home", home.toString());

        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--as USER").contains("alice");
    }

    @Test
    void approve_unknownRequest_exitsNotFound() {
        Result r = maa("approve", "no-such-id", "--as", "bob", "--home", home.toString());

        assertThat(r.code()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(r.err()).contains("No approval request with id 'no-such-id'").contains("dev mode");
    }

    @Test
    void unknownUser_isRefusedWithTheFileToEdit() {
        Result r = maa("requests", "list", "--mine", "--as", "mallory", "--home", home.toString());

        assertThat(r.code()).isEqualTo(ExitCodes.NOT_ALLOWED);
        assertThat(r.err()).contains("Unknown user 'mallory'").contains("users.yaml");
    }

    @Test
    void as_anotherSpellingOfAUser_isThatUser_andAnIdWithoutCanonicalForm_isAUsageError() {
        Result same = maa("approve", "no-such-id", "--as", "ＢＯＢ ", "--home", home.toString());
        assertThat(same.code()).as(same.err()).isEqualTo(ExitCodes.NOT_FOUND);

        Result hidden = maa("approve", "no-such-id", "--as", "bo\u200Bb", "--home", home.toString());
        assertThat(hidden.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(hidden.err()).contains("--as 'bo\\u200Bb' is not accepted").contains("zero width space");

        Result lookAlike = maa("approve", "no-such-id", "--as", "bоb", "--home", home.toString());
        assertThat(lookAlike.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(lookAlike.err()).contains("mixes the scripts");
    }

    @Test
    void usersYaml_withTwoSpellingsOfOneUser_isRefusedNamingBothLines() throws Exception {
        java.nio.file.Files.createDirectories(home);
        java.nio.file.Files.writeString(
                home.resolve("users.yaml"),
                "users:\n  - id: alice\n    groups: [App Admins]\n  - id: Alice\n    groups: [App Approvers]\n");

        Result r = maa("requests", "list", "--mine", "--as", "alice", "--home", home.toString());

        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("line 2").contains("line 4").contains("same user 'alice'");
    }

    @Test
    void policyPush_needsASecondAdmin_thenTheNewRevisionIsActiveForLaterCommands() throws Exception {
        Path dir = home.resolve("policies-next");
        java.nio.file.Files.createDirectories(dir);
        try (var in = getClass().getResourceAsStream("/dev/maa/policies/demo/access-policies.yaml")) {
            String yaml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .replace("actions: [UPDATE, DELETE]", "actions: [UPDATE]");
            java.nio.file.Files.writeString(dir.resolve("access-policies.yaml"), yaml);
        }
        String h = home.resolve("h").toString();

        Result push = maa(
                "policy",
                "push",
                dir.toString(),
                "--justification",
                "CHG-9 app deletes no longer protected",
                "--as",
                "alice",
                "--home",
                h);
        assertThat(push.code()).as(push.err()).isEqualTo(ExitCodes.APPROVAL_REQUIRED);
        String id = Json.mapper()
                .readTree(maa("requests", "list", "--json", "--home", h).out())
                .get(0)
                .get("id")
                .asText();

        assertThat(maa("approve", id, "--as", "alice", "--home", h).code()).isEqualTo(ExitCodes.NOT_ALLOWED);
        assertThat(maa("approve", id, "--as", "carol", "--notes", "fine", "--home", h)
                        .code())
                .isZero();
        Result complete = maa("complete", id, "--as", "alice", "--home", h);
        assertThat(complete.out()).as(complete.err()).startsWith("Completed " + id);

        Result list = maa("policy", "list", "--home", h);
        assertThat(list.out())
                .contains("by alice")
                .contains("approved by carol")
                .contains(id);

        Result stale = maa(
                "policy",
                "push",
                dir.toString(),
                "--base-revision",
                "0",
                "--justification",
                "CHG-10 prepared before revision 1",
                "--as",
                "alice",
                "--home",
                h);
        assertThat(stale.code()).as(stale.err()).isEqualTo(ExitCodes.CONFLICT);
        assertThat(stale.err())
                .contains("-    actions: [UPDATE, DELETE]")
                .contains("+    actions: [UPDATE]")
                .contains("revision 1 is active now");
        assertThat(maa("requests", "list", "--json", "--home", h).out()).doesNotContain("CHG-10");
    }
}

package dev.maa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maa.core.testing.Passkeys;
import dev.maa.server.DevUsersFile;
import dev.maa.server.MaaServer;
import dev.maa.server.ServerSettings;
import dev.maa.server.ServerSetup;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code maa keys list} against {@code maa serve} with passkey approvals: each trusted key with how it is trusted (an
 * anchor here; approvals by whom for keys enrolled by request), and the rule for keys enrolled by request.
 */
class KeysListCliTest {

    @TempDir
    Path home;

    private MaaServer server;

    record Result(int code, String out, String err) {}

    static Result maa(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = MaaCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void keysList_showsAnAnchorEnrolledKey_asTrustedByItsAnchor() throws Exception {
        assertThat(maa("demo", "--no-serve", "--home", home.toString()).code()).isZero();
        Path anchorKey = home.resolve("anchor.key");
        Result anchor = maa("keys", "anchor", "create", "--name", "security-team", "--out", anchorKey.toString());
        Path anchors = Files.writeString(home.resolve("anchors"), anchor.out());
        Path config = home.resolve("maa.yaml");
        Files.writeString(
                config,
                (Files.exists(config) ? Files.readString(config) : "") + "\napprovals:\n  rp_id: localhost\n"
                        + "  origins: [\"http://localhost:8080\"]\n  anchors: " + anchors
                        + "\n  enrollment_approvals: 3\n");
        server = MaaServer.start(
                ServerSetup.configure(ServerSettings.load(config, home).withListen(0, "127.0.0.1")));
        Path bobToken = Files.writeString(
                home.resolve("bob.token"), DevUsersFile.createToken(home.resolve("users.yaml"), "bob"));
        Passkeys.Authenticator bobKey = Passkeys.Authenticator.es256();
        Result signed = maa(
                "keys",
                "anchor",
                "sign",
                "--anchor-key",
                anchorKey.toString(),
                "--reviewer",
                "bob",
                "--key-id",
                bobKey.keyId(),
                "--alg",
                "es256",
                "--public-key",
                Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(bobKey.pair().getPublic().getEncoded()));
        HttpResponse<String> stored = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(server.uri().resolve("/api/v1/passkeys/enrollments"))
                                .header(
                                        "Authorization",
                                        "Bearer " + Files.readString(bobToken).strip())
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(signed.out()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(201);

        Result list = maa("keys", "list", "--server", server.uri().toString(), "--token-file", bobToken.toString());

        assertThat(list.code()).as(list.err()).isZero();
        assertThat(list.out())
                .contains(bobKey.keyId(), "bob", "es256", "anchor security-team")
                .contains("needs the approval of 3 other admins' trusted passkeys");

        server.config()
                .engine()
                .approvalSigning()
                .keys()
                .add(Passkeys.counterConflict(bobKey, "bob", "http://localhost:8080"));

        Result stopped = maa("keys", "list", "--server", server.uri().toString(), "--token-file", bobToken.toString());

        assertThat(stopped.out())
                .contains(bobKey.keyId(), "stopped counting: the signature counter of key " + bobKey.keyId())
                .contains("counter 7 at 2026-03-01T10:00:00Z (request req-1)")
                .doesNotContain("anchor security-team");
    }
}

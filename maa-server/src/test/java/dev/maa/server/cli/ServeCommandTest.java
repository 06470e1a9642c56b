package dev.maa.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code maa token create} then {@code maa serve} in dev mode, driven through picocli as the CLI will. */
class ServeCommandTest {

    @TempDir
    Path home;

    @Test
    void tokenCreate_thenServe_acceptsTheToken_andRefusesOthers() throws Exception {
        StringWriter tokenOut = new StringWriter();
        CommandLine token = new CommandLine(new TokenCommand());
        token.setOut(new PrintWriter(tokenOut));
        token.setErr(new PrintWriter(new StringWriter()));
        assertThat(token.execute("create", "--user", "bob", "--home", home.toString()))
                .isZero();
        String bobToken = tokenOut.toString().trim();
        assertThat(bobToken).startsWith("maa_").hasSizeGreaterThan(40);
        assertThat(Files.readString(home.resolve("users.yaml")))
                .doesNotContain(bobToken)
                .contains("sha256");

        ServeCommand serve = new ServeCommand();
        StringWriter serveOut = new StringWriter();
        CommandLine cli = new CommandLine(serve);
        cli.setOut(new PrintWriter(serveOut, true));
        CompletableFuture<Integer> run =
                CompletableFuture.supplyAsync(() -> cli.execute("--port", "0", "--home", home.toString()));
        try {
            Pattern url = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)");
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> url.matcher(serveOut.toString()).find());
            Matcher m = url.matcher(serveOut.toString());
            assertThat(m.find()).isTrue();
            URI base = URI.create(m.group(1));
            assertThat(serveOut.toString()).contains("/console/", "Dev mode");

            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> me = http.send(
                    HttpRequest.newBuilder(base.resolve("/api/v1/me"))
                            .header("Authorization", "Bearer " + bobToken)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(me.statusCode()).isEqualTo(200);
            assertThat(me.body()).contains("\"id\":\"bob\"", "App Approvers");

            HttpResponse<String> forged = http.send(
                    HttpRequest.newBuilder(base.resolve("/api/v1/me"))
                            .header("Authorization", "Bearer maa_" + "A".repeat(43))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(forged.statusCode()).isEqualTo(401);

            // a token minted while the server runs works without a restart
            StringWriter second = new StringWriter();
            CommandLine again = new CommandLine(new TokenCommand());
            again.setOut(new PrintWriter(second));
            again.setErr(new PrintWriter(new StringWriter()));
            assertThat(again.execute("create", "--user", "alice", "--home", home.toString()))
                    .isZero();
            HttpResponse<String> alice = http.send(
                    HttpRequest.newBuilder(base.resolve("/api/v1/me"))
                            .header(
                                    "Authorization",
                                    "Bearer " + second.toString().trim())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(alice.statusCode()).isEqualTo(200);
            assertThat(alice.body()).contains("\"id\":\"alice\"");
        } finally {
            serve.stop();
        }
        assertThat(run.get()).isZero();
    }
}

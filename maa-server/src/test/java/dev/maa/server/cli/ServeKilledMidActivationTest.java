package dev.maa.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maa.core.config.MaaHome;
import dev.maa.policies.EmbeddedRegoPolicyEngine;
import dev.maa.server.DevUsersFile;
import dev.maa.server.internal.Json;
import dev.maa.store.jdbc.JdbcStores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Invariant 5 for the server's own protected call: {@code maa serve} runs approved policy changes itself
 * ({@code PolicyAdmin.activate}). A server process killed ({@code kill -9}) while it activates one leaves the request
 * COMPLETING; the server started again on the same home recovers it once the claim lease has run out: FAILED
 * "outcome unknown", and the change is never activated.
 *
 * <p>To kill it surely during the activation, the test holds revision number 1 in an open transaction of its own
 * (through the shared H2 file), so the activation's insert waits for that lock until the kill.
 */
class ServeKilledMidActivationTest {

    private static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)");

    @TempDir
    Path home;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    @Timeout(300)
    void serveKilledDuringAPolicyActivation_afterRestart_isFailedOutcomeUnknown_andNeverActivated() throws Exception {
        Path config = home.resolve("maa.yaml");
        Files.writeString(config, """
                server: { port: 0 }
                store: { h2_shared: true }
                executor: { job_interval: PT0.2S, claim_lease: PT2S }
                """);
        MaaHome.createDemoUsersIfMissing(home.resolve("users.yaml"));
        String alice = DevUsersFile.createToken(home.resolve("users.yaml"), "alice");
        String carol = DevUsersFile.createToken(home.resolve("users.yaml"), "carol");
        String id;
        try (Serve first = Serve.start(home.resolve("serve-1.log"), config, home)) {
            URI uri = first.awaitListening();
            Connection held = holdRevisionNumberOne();
            try {
                JsonNode parked = call(uri, "POST", "/api/v1/policies", alice, pushBody(), 202);
                id = parked.path("requestId").asText();
                call(uri, "POST", "/api/v1/requests/" + id + "/approve", carol, "{\"notes\":\"checked\"}", 200);
                http.sendAsync(
                        request(uri, "POST", "/api/v1/requests/" + id + "/complete", alice, "{}"),
                        HttpResponse.BodyHandlers.discarding()); // answers only when the activation ends: never
                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(20))
                        .until(() -> status(uri, id, alice).equals("COMPLETING"));
                first.kill();
            } finally {
                closeBroken(held);
            }
        }
        try (Serve second = Serve.start(home.resolve("serve-2.log"), config, home)) {
            URI uri = second.awaitListening();
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> !status(uri, id, alice).equals("COMPLETING"));
            JsonNode done = call(uri, "GET", "/api/v1/requests/" + id, alice, null, 200);
            assertThat(done.path("status").asText()).isEqualTo("FAILED");
            assertThat(done.path("outcome").asText())
                    .startsWith("outcome unknown")
                    .contains("maa-server");
            JsonNode policies = call(uri, "GET", "/api/v1/policies", alice, null, 200);
            assertThat(policies.path("revisions"))
                    .as("the change was never activated")
                    .isEmpty();
        }
    }

    /** The next policy set: the demo's, with a comment added (its tests still pass). */
    private static String pushBody() {
        Map<String, String> files =
                new LinkedHashMap<>(EmbeddedRegoPolicyEngine.demo().policySet().files());
        files.put("access-policies.yaml", "# CHG-7 reviewed\n" + files.get("access-policies.yaml"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("files", files);
        body.put("justification", "CHG-7 tighten the demo policies");
        return Json.write(body);
    }

    /** An open transaction that has inserted revision 1: the activation's insert of the same number waits for it. */
    private Connection holdRevisionNumberOne() throws SQLException, IOException {
        Connection c = DriverManager.getConnection(
                JdbcStores.h2FileUrl(home.resolve("maa"), true),
                "sa",
                Files.readString(home.resolve("maa.password")).strip());
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO maa_policy_revisions (number, revision, set_digest, files_json, activated_at,"
                    + " requester, approvers_json, request_id, justification, test_override) VALUES (1, 'held', 'held',"
                    + " '{}', CURRENT_TIMESTAMP, 'test', '[]', 'held', '', '')");
        }
        return c;
    }

    /** Closes the held connection, which the kill broke (H2 served it from the killed process). */
    private static void closeBroken(Connection held) {
        try {
            held.close();
        } catch (SQLException expected) {
            // the session went with the process
        }
    }

    private String status(URI uri, String id, String token) {
        return call(uri, "GET", "/api/v1/requests/" + id, token, null, 200)
                .path("status")
                .asText();
    }

    private JsonNode call(URI uri, String method, String path, String token, String body, int expected) {
        try {
            HttpResponse<String> r =
                    http.send(request(uri, method, path, token, body), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(expected);
            return Json.readOrNull(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpRequest request(URI uri, String method, String path, String token, String body) {
        return HttpRequest.newBuilder(uri.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    /** {@code maa serve} in a child JVM ({@link ServeProcess}) on the test class path; its output goes to a log. */
    private record Serve(Process process, Path log) implements AutoCloseable {

        static Serve start(Path log, Path config, Path home) throws IOException {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1",
                    "-XX:+UseSerialGC",
                    "-Xmx256m",
                    "-cp",
                    System.getProperty("java.class.path"),
                    ServeProcess.class.getName(),
                    "--config",
                    config.toString(),
                    "--home",
                    home.toString()));
            return new Serve(
                    new ProcessBuilder(command)
                            .redirectErrorStream(true)
                            .redirectOutput(log.toFile())
                            .start(),
                    log);
        }

        URI awaitListening() {
            Matcher[] m = new Matcher[1];
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        String out = Files.readString(log);
                        assertThat(process.isAlive() || LISTENING.matcher(out).find())
                                .as("maa serve exited:\n" + out)
                                .isTrue();
                        m[0] = LISTENING.matcher(out);
                        return m[0].find();
                    });
            return URI.create(m[0].group(1));
        }

        /** kill -9: no shutdown hook runs, nothing is closed. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    kill();
                }
            }
        }
    }
}

package dev.maa.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maa.core.MaaEngine;
import dev.maa.core.directory.StaticDirectory;
import dev.maa.policies.EmbeddedRegoPolicyEngine;
import dev.maa.server.internal.Json;
import dev.maa.store.jdbc.JdbcRequestStore;
import dev.maa.store.jdbc.JdbcStores;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two-process deployment end to end: the sample host started by its launcher ({@code samples/device-admin/run-host}:
 * agent on the command line, executor running) and a server on the same H2 file store. A request completed through
 * the REST API while no host runs stays COMPLETING and its JSON says it waits for a host; once the launcher starts
 * the host again, its executor claims and runs the call, exactly once, and the request is COMPLETED.
 */
class SampleHostEndToEndTest {

    private static final Path LAUNCHER =
            Path.of("../samples/device-admin/run-host").toAbsolutePath().normalize();

    @TempDir
    Path home;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The launcher in a child process, driven over stdin/stdout lines with bounded waits. */
    private static final class Host implements AutoCloseable {
        private final Process process;
        private final PrintWriter in;
        private final BlockingQueue<String> out = new LinkedBlockingQueue<>();

        Host(Path home) throws IOException {
            process = new ProcessBuilder(LAUNCHER.toString(), "--home", home.toString())
                    .redirectError(home.resolve("host.stderr").toFile())
                    .start();
            in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
            Thread reader = new Thread(
                    () -> {
                        try (BufferedReader r = new BufferedReader(
                                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                            for (String line = r.readLine(); line != null; line = r.readLine()) {
                                out.add(line);
                            }
                        } catch (IOException e) {
                            out.add("EOF " + e);
                        }
                    },
                    "host-stdout");
            reader.setDaemon(true);
            reader.start();
        }

        String next(Duration timeout) throws InterruptedException {
            String line = out.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(line).as("an answer from the host within " + timeout).isNotNull();
            return line;
        }

        String send(String command) throws InterruptedException {
            in.println(command);
            return next(Duration.ofSeconds(30));
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                in.println("quit");
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }

    private HttpResponse<String> send(MaaServer server, String method, String path, String user, String body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.uri() + path))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + TestServer.jwt(user, List.of()))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @Timeout(300)
    void completedThroughRest_waitsForAHost_thenTheLaunchedHostRunsItOnce() throws Exception {
        assertThat(LAUNCHER).isExecutable();
        // the sample's own users and groups, so that approvals mean the same on both sides
        StaticDirectory directory = StaticDirectory.builder()
                .user("alice", "App Admins", "App Approvers")
                .user("bob", "App Approvers", "Device Managers")
                .build();
        // the server owns the file and shares it on loopback (maa serve: store.h2_shared: true); the host joins it
        JdbcRequestStore store = JdbcStores.h2File(home.resolve("maa"), true);
        MaaEngine engine = MaaEngine.builder()
                .policyEngine(EmbeddedRegoPolicyEngine.demo())
                .store(store)
                .directory(directory)
                .allowPackages("dev.maa.samples")
                .build();
        try (MaaServer server = MaaServer.start(ServerConfig.builder()
                .engine(engine)
                .directory(directory)
                .auth(AuthConfig.hs256(TestServer.SECRET, TestServer.AUDIENCE, TestServer.ISSUER))
                .port(0)
                .closeOnStop(store)
                .build())) {
            String id;
            try (Host host = new Host(home)) {
                assertThat(host.next(Duration.ofSeconds(120))).startsWith("READY agent=true executor=true");
                // a wipe changes nothing the next host process would miss (the sample keeps its data in memory)
                String parked = host.send("call alice CHG-1234_lost_laptop wipeDevice dev-7");
                assertThat(parked).startsWith("PARKED ");
                id = parked.substring("PARKED ".length());
                assertThat(host.send("quit")).isEqualTo("BYE");
            }

            HttpResponse<String> approved = send(
                    server,
                    "POST",
                    "/api/v1/requests/" + id + "/approve",
                    "bob",
                    "{\"notes\":\"checked with the owner\"}");
            assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
            HttpResponse<String> completed =
                    send(server, "POST", "/api/v1/requests/" + id + "/complete", "alice", null);
            assertThat(completed.statusCode()).as(completed.body()).isEqualTo(200);
            JsonNode waiting = Json.readOrNull(completed.body());
            assertThat(waiting.path("status").asText()).isEqualTo("COMPLETING");
            assertThat(waiting.path("waitingFor").asText())
                    .startsWith("a host that can run this call")
                    .contains("wipeDevice");
            JsonNode listed = Json.readOrNull(send(server, "GET", "/api/v1/requests?view=mine", "alice", null)
                    .body());
            assertThat(listed.path("items").get(0).path("waitingFor").asText()).startsWith("a host that can run");

            try (Host host = new Host(home)) {
                assertThat(host.next(Duration.ofSeconds(120))).startsWith("READY agent=true executor=true");
                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(250))
                        .until(
                                () -> Json.readOrNull(send(server, "GET", "/api/v1/requests/" + id, "alice", null)
                                                .body())
                                        .path("status")
                                        .asText(),
                                "COMPLETED"::equals);
                JsonNode done = Json.readOrNull(send(server, "GET", "/api/v1/requests/" + id, "alice", null)
                        .body());
                assertThat(done.path("waitingFor").isNull()).isTrue();
                assertThat(host.send("count wiped_device_dev-7")).isEqualTo("OK 1");
            }
        } finally {
            Path stderr = home.resolve("host.stderr");
            if (Files.exists(stderr)) {
                System.err.println(Files.readString(stderr));
            }
        }
    }
}

package dev.maa.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.maa.api.Principal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /api/v1/events}: transitions stream to subscribers who may see the request, and only to them. */
class EventsTest {

    private static TestServer t;

    @BeforeAll
    static void start() {
        t = new TestServer();
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    private static List<String> collect(HttpResponse<Stream<String>> res) {
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(
                () -> {
                    try (Stream<String> s = res.body()) {
                        s.forEach(lines::add);
                    } catch (RuntimeException closed) {
                        // the server closed the stream
                    }
                },
                "sse-reader");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    @Test
    void transitions_reachApprovers_andNotOutsiders() {
        HttpResponse<Stream<String>> bobStream = t.stream("/api/v1/events", t.tokenFor("bob"));
        HttpResponse<Stream<String>> malloryStream = t.stream("/api/v1/events", t.tokenFor("mallory"));
        assertThat(bobStream.statusCode()).isEqualTo(200);
        List<String> bob = collect(bobStream);
        List<String> mallory = collect(malloryStream);
        await().atMost(Duration.ofSeconds(10)).until(() -> bob.stream().anyMatch(l -> l.contains("subscribed as bob")));

        String id = t.parkUpdate("alice", "app-events", "CHG-events");
        t.engine.approvals().approve(id, Principal.of("carol"), "ok");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(String.join("\n", bob))
                    .contains(
                            "event: request",
                            "\"id\":\"" + id + "\"",
                            "\"status\":\"APPROVED\"",
                            "\"event\":\"APPROVED\"");
        });
        assertThat(String.join("\n", mallory)).doesNotContain(id);
    }
}

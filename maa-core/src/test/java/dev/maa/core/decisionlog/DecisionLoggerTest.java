package dev.maa.core.decisionlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.maa.api.Action;
import dev.maa.api.Decision;
import dev.maa.api.Factor;
import dev.maa.api.Operation;
import dev.maa.api.PolicyInput;
import dev.maa.api.Principal;
import dev.maa.api.ResourceRef;
import dev.maa.api.ResourceType;
import dev.maa.core.config.ConfigSection;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decision logs: OPA's event fields, gzip batches to a collector, a bounded buffer that drops (counted), rotation. */
class DecisionLoggerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Decision PARK = Decision.requireApproval(
            List.of(Factor.of("App changes", 1, "App Approvers")), null, null, false, "needs approval");

    private HttpServer collector;
    private final List<JsonNode> batches = new CopyOnWriteArrayList<>();
    private final List<String> encodings = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startCollector() throws IOException {
        collector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        collector.createContext("/logs", x -> {
            encodings.add(String.valueOf(x.getRequestHeaders().getFirst("Content-Encoding")));
            try (InputStream in = new GZIPInputStream(x.getRequestBody())) {
                batches.add(JSON.readTree(in));
            }
            x.sendResponseHeaders(204, -1);
            x.close();
        });
        collector.start();
    }

    @AfterEach
    void stopCollector() {
        collector.stop(0);
    }

    private DecisionLogger httpLog(int buffer) {
        String url = "http://127.0.0.1:" + collector.getAddress().getPort() + "/logs";
        ConfigSection s = ConfigSection.parse(
                "decision_logs: {buffer_size: " + buffer + ", batch_size: 100, flush_interval: 1h,"
                        + " labels: {service: apps}, http: {url: '" + url + "', timeout: 2s}}",
                "maa.yaml");
        return DecisionLogSettings.open(s.section("decision_logs"), Path.of("."));
    }

    static PolicyInput input(int i) {
        return new PolicyInput(
                Principal.of("alice", "App Admins"),
                ResourceRef.of(ResourceType.APP, "app-" + i),
                Action.DELETE,
                new Operation("com.acme.Apps", "delete", List.of("java.lang.String")),
                "d1",
                "CHG-1",
                false,
                false,
                Instant.parse("2026-12-07T07:00:00Z"));
    }

    @Test
    void collector_receivesGzipBatches_ofEventsWithOpasDecisionLogFields() {
        try (DecisionLogger log = httpLog(100)) {
            for (int i = 0; i < 3; i++) {
                log.record("require_approval", input(i), PARK.withPolicyRevision("rev-7"), null, false);
            }
            log.flush();
            assertThat(encodings).containsExactly("gzip");
            assertThat(batches)
                    .singleElement()
                    .satisfies(b -> assertThat(b.size()).isEqualTo(3));
            JsonNode e = batches.get(0).get(0);
            for (String f : List.of("decision_id", "path", "input", "result", "bundles", "timestamp", "labels")) {
                assertThat(e.has(f)).as(f).isTrue();
            }
            assertThat(e.get("path").asText()).isEqualTo("maa/decision");
            assertThat(e.at("/bundles/maa/revision").asText()).isEqualTo("rev-7");
            assertThat(e.at("/labels/service").asText()).isEqualTo("apps");
            assertThat(e.at("/result/factors/0/policy").asText()).isEqualTo("App changes");
            assertThat(e.at("/input/resource/id").asText()).isEqualTo("app-0");
            assertThat(e.get("timestamp").asText()).isEqualTo("2026-12-07T07:00:00Z");
            assertThat(log.counts().sinkCount("written", "http")).isEqualTo(3);
        }
    }

    @Test
    void collectorStopped_eventsAreBuffered_thenDroppedWithCounters_andRecordingNeverWaits() {
        collector.stop(0);
        DecisionLogger log = httpLog(5);
        for (int i = 0; i < 8; i++) {
            log.record("deny", input(i), Decision.deny("no"), null, false); // returns at once: offer, never put
        }
        assertThat(log.counts().sinkCount("dropped", "http")).isEqualTo(3);
        log.flush(); // the upload fails: the batch is kept for the next flush
        assertThat(log.counts().sinkCount("failed", "http")).isEqualTo(5);
        assertThat(log.counts().sinkCount("written", "http")).isZero();
        log.record("deny", input(9), Decision.deny("no"), null, false);
        log.close(); // what is still buffered or unsent is counted as dropped
        assertThat(log.counts().sinkCount("dropped", "http")).isEqualTo(3 + 5 + 1);
        assertThat(batches).isEmpty();
    }

    @Test
    void allowsAreSampled_everyOtherOutcomeIsLogged() {
        ConfigSection s =
                ConfigSection.parse("decision_logs: {allow_sample_rate: 0, file: {path: d.jsonl}}", "maa.yaml");
        try (DecisionLogger none = DecisionLogSettings.open(s.section("decision_logs"), tmp)) {
            assertThat(none.enabled()).isTrue();
            for (int i = 0; i < 100; i++) {
                assertThat(none.sampleAllow()).isFalse();
            }
        }
        assertThat(DecisionLogger.off().sampleAllow()).isFalse();
        assertThat(DecisionLogger.off().enabled()).isFalse();
    }

    @TempDir
    Path tmp;

    @Test
    void fileSink_rotatesBySize_andKeepsTheConfiguredNumberOfFiles() throws IOException {
        Path file = tmp.resolve("decisions.jsonl");
        JsonLinesFileSink sink = new JsonLinesFileSink(file, 1024, 2);
        String line = "{\"x\":\"" + "a".repeat(400) + "\"}";
        for (int i = 0; i < 10; i++) {
            sink.write(List.of(line));
        }
        assertThat(Files.size(file)).isLessThanOrEqualTo(1024);
        assertThat(file.resolveSibling("decisions.jsonl.1")).exists();
        assertThat(file.resolveSibling("decisions.jsonl.2")).exists();
        assertThat(file.resolveSibling("decisions.jsonl.3")).doesNotExist();
        assertThat(Files.readAllLines(file)).allMatch(l -> l.equals(line));
    }

    @Test
    void settings_badValues_nameTheKeyAndWhatToDo() {
        assertThat(org.junit.jupiter.api.Assertions.assertThrows(
                                RuntimeException.class,
                                () -> DecisionLogSettings.open(
                                        ConfigSection.parse(
                                                        "decision_logs: {allow_sample_rate: 2, file: {path: x}}",
                                                        "maa.yaml")
                                                .section("decision_logs"),
                                        tmp))
                        .getMessage())
                .isEqualTo(
                        "maa.yaml: decision_logs.allow_sample_rate: must be a number from 0 to 1, such as 0.01, was '2'");
        assertThat(org.junit.jupiter.api.Assertions.assertThrows(
                                RuntimeException.class,
                                () -> DecisionLogSettings.open(
                                        ConfigSection.parse(
                                                        "decision_logs: {mask: {drop: [justification]}, file: {path: x}}",
                                                        "maa.yaml")
                                                .section("decision_logs"),
                                        tmp))
                        .getMessage())
                .contains("decision_logs.mask.drop: 'justification' is not a path under /input/ or /result/");
        assertThat(Map.of()).isEmpty();
    }
}
